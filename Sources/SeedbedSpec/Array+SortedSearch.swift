extension Array where Element == Double {
    /// In an ascending array, how many elements are at most `x`: the bin of `x` among cuts, a
    /// value on a cut going above it. The profiler bins rows with it and the engine reads the
    /// bins back with it, so the two agree by construction.
    public func countAtOrBelow(_ x: Double) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] <= x { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// In an ascending array, how many elements are below `x`.
    public func countBelow(_ x: Double) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < x { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
