/// A k-d tree over points under the clipped L1 distance `Σ min(|a_j - b_j|, 1)`, answering
/// "how far is the nearest point" exactly, in far fewer than n distance computations on
/// realistic tables (SDMetrics cross-joins every pair instead).
struct NearestNeighborIndex {
    private struct Node {
        /// -1 for a leaf.
        var dimension: Int32
        var split: Double
        var left: Int32
        var right: Int32
        /// The leaf's points: `start..<end` in the reordered buffer.
        var start: Int32
        var end: Int32
    }

    private static let leafSize = 12

    let dimensions: Int
    private var points: ContiguousArray<Double>
    private var nodes: [Node] = []

    init(_ set: PointSet) {
        dimensions = set.dimensions
        points = []
        var order = Array(0..<set.count)
        if set.count > 0 { _ = build(&order, 0, set.count, set) }
        // Store the points in tree order so a leaf scans contiguous memory.
        points.reserveCapacity(set.count * dimensions)
        let source = set.coordinates
        for row in order {
            for d in 0..<dimensions { points.append(source[row * dimensions + d]) }
        }
    }

    private mutating func build(_ order: inout [Int], _ start: Int, _ end: Int, _ set: PointSet) -> Int32 {
        let index = Int32(nodes.count)
        nodes.append(Node(dimension: -1, split: 0, left: -1, right: -1, start: Int32(start), end: Int32(end)))
        guard end - start > Self.leafSize else { return index }
        // Split the widest coordinate. Spreads are capped at 2, the gap between two codes, so a
        // null (a far coordinate) does not make its column look wider than a category.
        var bestDimension = -1
        var bestSpread = 0.0
        let c = set.coordinates
        for d in 0..<dimensions {
            var low = Double.infinity
            var high = -Double.infinity
            for i in start..<end {
                let v = c[order[i] * dimensions + d]
                low = Swift.min(low, v)
                high = Swift.max(high, v)
            }
            let spread = Swift.min(high - low, 2)
            if spread > bestSpread {
                bestSpread = spread
                bestDimension = d
            }
        }
        guard bestDimension >= 0 else { return index }  // all points equal: one leaf
        let d = bestDimension
        order[start..<end].sort { c[$0 * dimensions + d] < c[$1 * dimensions + d] }
        let middle = (start + end) / 2
        let split = c[order[middle] * dimensions + d]
        let left = build(&order, start, middle, set)
        let right = build(&order, middle, end, set)
        nodes[Int(index)].dimension = Int32(d)
        nodes[Int(index)].split = split
        nodes[Int(index)].left = left
        nodes[Int(index)].right = right
        return index
    }

    /// The clipped-L1 distance from `query` (one point's coordinates) to its nearest point;
    /// infinity for an empty index.
    func nearestDistance(to query: ArraySlice<Double>) -> Double {
        guard !nodes.isEmpty else { return .infinity }
        var search = Search(query: Array(query), offsets: [Double](repeating: 0, count: dimensions))
        search.visit(0, bound: 0, in: self)
        return search.best
    }

    /// One query's state: the best distance so far and, per coordinate, the lower bound the
    /// current cell's splits give (Arya and Mount's incremental distance).
    private struct Search {
        let query: [Double]
        var offsets: [Double]
        var best = Double.infinity

        mutating func visit(_ nodeIndex: Int32, bound: Double, in index: NearestNeighborIndex) {
            let node = index.nodes[Int(nodeIndex)]
            if node.dimension < 0 {
                scan(node, in: index)
                return
            }
            let d = Int(node.dimension)
            let delta = query[d] - node.split
            let (near, far) = delta < 0 ? (node.left, node.right) : (node.right, node.left)
            visit(near, bound: bound, in: index)
            let old = offsets[d]
            let new = Swift.min(abs(delta), 1)
            let farBound = bound - old + new
            if farBound < best {
                offsets[d] = new
                visit(far, bound: farBound, in: index)
                offsets[d] = old
            }
        }

        /// The hot loop of every privacy distance: raw buffers, so no bounds check or retain per
        /// coordinate.
        private mutating func scan(_ node: Node, in index: NearestNeighborIndex) {
            let dimensions = index.dimensions
            var best = self.best
            query.withUnsafeBufferPointer { query in
                index.points.withUnsafeBufferPointer { points in
                    var base = Int(node.start) * dimensions
                    for _ in Int(node.start)..<Int(node.end) {
                        var sum = 0.0
                        for d in 0..<dimensions {
                            sum += Swift.min(abs(query[d] - points[base + d]), 1)
                            if sum >= best { break }
                        }
                        if sum < best { best = sum }
                        base += dimensions
                    }
                }
            }
            self.best = best
        }
    }
}
