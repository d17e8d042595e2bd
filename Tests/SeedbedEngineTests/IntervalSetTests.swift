import PropertyBased
import SeedbedEngine
import Testing

@Suite("Interval sets")
struct IntervalSetTests {
    static func set(_ intervals: Interval?...) -> IntervalSet {
        IntervalSet(intervals.compactMap { $0 })
    }

    // MARK: - Exact algebra

    @Test func comparisonsGiveTheirHalfLines() {
        #expect(IntervalSet(.less, 3).description == "(−∞, 3.0)")
        #expect(IntervalSet(.lessOrEqual, 3).description == "(−∞, 3.0]")
        #expect(IntervalSet(.greater, 3).description == "(3.0, +∞)")
        #expect(IntervalSet(.greaterOrEqual, 3).description == "[3.0, +∞)")
        #expect(IntervalSet(.equal, 3).description == "[3.0, 3.0]")
        #expect(IntervalSet(.notEqual, 3).description == "(−∞, 3.0) ∪ (3.0, +∞)")
        #expect(IntervalSet(.less, .nan).isEmpty)
        #expect(IntervalSet(.less, .infinity).isAll)
        #expect(IntervalSet(.lessOrEqual, .infinity).isAll)
        #expect(IntervalSet(.equal, .infinity).isEmpty)
        #expect(IntervalSet(.greater, -.infinity).isAll)
        #expect(IntervalSet(.notEqual, .infinity).isAll)
    }

    @Test func intervalsThatHoldNoDoubleCannotBeBuilt() {
        #expect(Interval(lower: 3, upper: 3, includesLower: false) == nil)
        #expect(Interval(lower: 3, upper: 3) != nil)
        #expect(Interval(lower: 2, upper: 1) == nil)
        #expect(Interval(lower: 1, upper: 1.0.nextUp, includesLower: false, includesUpper: false) == nil)
        #expect(Interval(lower: 1, upper: 1.0.nextUp, includesUpper: false) != nil)
        #expect(Interval(lower: .nan, upper: 1) == nil)
        #expect(Interval(lower: .infinity, upper: .infinity) == nil)
        // Infinite ends are open whatever is asked: infinities are not values.
        #expect(Interval(lower: -.infinity, upper: 0)?.includesLower == false)
        #expect(IntervalSet.all.contains(.infinity) == false)
        #expect(IntervalSet.all.contains(.nan) == false)
    }

    @Test func intersectionsKeepTheNarrowerEnds() {
        let closed = Self.set(Interval(lower: 0, upper: 10))
        #expect(closed.intersection(.greater, 5).description == "(5.0, 10.0]")
        #expect(closed.intersection(.lessOrEqual, 0).description == "[0.0, 0.0]")
        #expect(closed.intersection(.less, 0).isEmpty)
        #expect(IntervalSet(.less, 3).intersection(IntervalSet(.greaterOrEqual, 3)).isEmpty)
        #expect(closed.intersection(.notEqual, 5).description == "[0.0, 5.0) ∪ (5.0, 10.0]")
        let holes = closed.intersection(.notEqual, 2).intersection(.notEqual, 4).intersection(.notEqual, 6)
        #expect(holes.count == 4)
        #expect(holes.intersection(Self.set(Interval(lower: 3, upper: 5))).description == "[3.0, 4.0) ∪ (4.0, 5.0]")
    }

    @Test func unionsMergeWhatTouches() {
        let halfOpen = Self.set(Interval(lower: 0, upper: 3, includesUpper: false))
        #expect(halfOpen.union(Self.set(Interval(lower: 3, upper: 5))).description == "[0.0, 5.0]")
        let open = Self.set(Interval(lower: 0, upper: 3, includesLower: false, includesUpper: false))
        #expect(
            open.union(Self.set(Interval(lower: 3, upper: 5, includesLower: false))).description
                == "(0.0, 3.0) ∪ (3.0, 5.0]")
        #expect(IntervalSet(.notEqual, 3).union(IntervalSet(.equal, 3)).isAll)
        let scattered = Self.set(
            Interval(lower: 8, upper: 9), Interval(lower: 0, upper: 1), Interval(lower: 4, upper: 5),
            Interval(lower: 0.5, upper: 2))
        #expect(scattered.description == "[0.0, 2.0] ∪ [4.0, 5.0] ∪ [8.0, 9.0]")
        #expect(scattered.contains(4.5) && scattered.contains(9) && !scattered.contains(3) && !scattered.contains(10))
    }

    @Test func complementsFlipEveryEnd() {
        #expect(Self.set(Interval(lower: 1, upper: 2)).complement.description == "(−∞, 1.0) ∪ (2.0, +∞)")
        #expect(IntervalSet.all.complement.isEmpty)
        #expect(IntervalSet.empty.complement.isAll)
        #expect(IntervalSet(.equal, 3).complement == IntervalSet(.notEqual, 3))
        let set = Self.set(
            Interval(lower: -.infinity, upper: -1), Interval(lower: 0, upper: 1, includesLower: false),
            Interval(lower: 4, upper: 4))
        #expect(set.complement.complement == set)
        #expect(set.subtracting(IntervalSet(.less, 0.5)).description == "[0.5, 1.0] ∪ [4.0, 4.0]")
    }

    @Test func oneOrTwoIntervalsAreStoredInline() {
        // An enum payload of two intervals, not an array: the per-row common case never allocates.
        #expect(MemoryLayout<IntervalSet>.size <= 2 * MemoryLayout<Interval>.stride + 8)
    }

    // MARK: - Properties

    /// Sets of up to four intervals with integer ends, so that shared ends (where open and
    /// closed matter) are common.
    static let sets = zip(Gen.int(in: -10...10).array(of: 0...8), Gen.bool().array(of: 8)).map { ends, closed in
        var intervals: [Interval] = []
        for index in stride(from: 0, to: ends.count - 1, by: 2) {
            let interval = Interval(
                lower: Double(min(ends[index], ends[index + 1])), upper: Double(max(ends[index], ends[index + 1])),
                includesLower: closed[index], includesUpper: closed[index + 1])
            if let interval { intervals.append(interval) }
        }
        return IntervalSet(intervals)
    }

    /// Probe points on the ends and between them.
    static let points = Gen.int(in: -24...24).map { Double($0) / 2 }

    @Test func membershipOfIntersectionsAndUnions() async {
        await propertyCheck(count: 500, input: Self.sets, Self.sets, Self.points) { a, b, x in
            #expect(a.intersection(b).contains(x) == (a.contains(x) && b.contains(x)))
            #expect(a.union(b).contains(x) == (a.contains(x) || b.contains(x)))
            #expect(a.subtracting(b).contains(x) == (a.contains(x) && !b.contains(x)))
            #expect(a.complement.contains(x) == !a.contains(x))
        }
    }

    @Test func membershipOfComparisons() async {
        await propertyCheck(
            count: 500, input: Self.sets, Gen<IntervalSet.Comparison>.case, Self.points, Self.points
        ) { a, comparison, constant, x in
            #expect(
                a.intersection(comparison, constant).contains(x) == (a.contains(x) && comparison.holds(x, constant)))
        }
    }

    @Test func resultsAreCanonical() async {
        await propertyCheck(count: 500, input: Self.sets, Self.sets) { a, b in
            for set in [a.intersection(b), a.union(b), a.complement, a.subtracting(b)] {
                for (left, right) in zip(set, set.dropFirst()) {
                    // Sorted, and separated by at least one value neither holds.
                    #expect(
                        left.upper < right.lower
                            || (left.upper == right.lower && !left.includesUpper && !right.includesLower))
                }
            }
            #expect(a.complement.complement == a)
            #expect(a.union(b).complement == a.complement.intersection(b.complement))
            #expect(a.union(b) == IntervalSet(Array(a) + Array(b)))
        }
    }
}
