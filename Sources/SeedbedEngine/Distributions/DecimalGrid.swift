/// The values of a `decimal(scale)` column: the multiples of 10⁻ˢᶜᵃˡᵉ.
///
/// Rounding a draw after truncating can leave the allowed set (`ltv <= 0.95` drawn as 0.9504
/// rounds to 0.950, fine, but `ltv < 0.95` must not give 0.950), and an allowed interval may
/// hold no grid point at all (`(0.951, 0.959)` at scale 2). So the draw is made on the grid:
/// each grid point in the allowed set stands for the cell of values that round to it, the
/// distribution is restricted to the union of those cells, and the draw is rounded to its
/// cell's point. That is exactly the rounded distribution conditioned on the allowed points.
struct DecimalGrid {
    let scale: Int
    /// 10^scale, exact for the scales used (0…15).
    let factor: Double

    /// Above 2⁵² in grid units, consecutive grid points are no longer distinct `Double`s, so
    /// values there are left as drawn.
    private static let exactLimit = 0x1p52

    /// The grid of `scale` decimals, with `scale` limited to 0…15, beyond which doubles have no
    /// digits to round.
    init(scale: Int) {
        self.scale = min(max(scale, 0), 15)
        var factor = 1.0
        for _ in 0..<self.scale { factor *= 10 }
        self.factor = factor
    }

    /// The union of the cells of the grid points in `allowed`.
    func cells(of allowed: IntervalSet) -> IntervalSet {
        var cells = IntervalSet.empty
        for interval in allowed {
            let first = firstIndex(in: interval)
            let last = lastIndex(in: interval)
            if let first, let last, first > last { continue }  // no grid point inside
            // An end beyond the exact range keeps the interval's own bound there.
            cells.appendMerging(
                Interval(
                    lower: first.map { $0.isFinite ? ($0 - 0.5) / factor : $0 } ?? interval.lower,
                    upper: last.map { $0.isFinite ? ($0 + 0.5) / factor : $0 } ?? interval.upper,
                    includesLower: first != nil || interval.includesLower,
                    includesUpper: last == nil && interval.includesUpper))
        }
        return cells
    }

    /// The grid point of `value`'s cell, moved to a neighbour if rounding at a cell edge put it
    /// just outside `allowed`.
    func snap(_ value: Double, into allowed: IntervalSet) -> Double {
        snap(value, into: allowed) { allowed.contains($0) }
    }

    /// `snap(_:into:)` with a faster test of membership in `allowed` (see `PreparedDraw`).
    @inline(__always)
    func snap(_ value: Double, into allowed: IntervalSet, admits: (Double) -> Bool) -> Double {
        let scaled = value * factor
        guard abs(scaled) < Self.exactLimit else { return value }
        let index = scaled.rounded()
        if admits(index / factor) { return index / factor }
        if admits((index + 1) / factor) { return (index + 1) / factor }
        if admits((index - 1) / factor) { return (index - 1) / factor }
        // Not reached when `value` came from `cells(of: allowed)`; kept total all the same.
        var best = value
        var distance = Double.infinity
        for interval in allowed {
            guard let first = firstIndex(in: interval), let last = lastIndex(in: interval), first <= last else {
                continue
            }
            let nearest = min(max(index, first), last)
            if abs(nearest - index) < distance {
                distance = abs(nearest - index)
                best = nearest / factor
            }
        }
        return best
    }

    /// The smallest grid index i with i / factor in the interval as far as its lower end decides:
    /// −∞ when unbounded below, nil beyond the exact range.
    private func firstIndex(in interval: Interval) -> Double? {
        guard interval.lower.isFinite else { return -.infinity }
        let scaled = interval.lower * factor
        guard abs(scaled) < Self.exactLimit else { return nil }
        func admits(_ index: Double) -> Bool {
            let point = index / factor
            return point > interval.lower || (interval.includesLower && point == interval.lower)
        }
        // Division rounds, so the arithmetic guess may be one off either way.
        var index = scaled.rounded(.up)
        while !admits(index) { index += 1 }
        while admits(index - 1) { index -= 1 }
        return index
    }

    /// The largest grid index i with i / factor in the interval as far as its upper end decides.
    private func lastIndex(in interval: Interval) -> Double? {
        guard interval.upper.isFinite else { return .infinity }
        let scaled = interval.upper * factor
        guard abs(scaled) < Self.exactLimit else { return nil }
        func admits(_ index: Double) -> Bool {
            let point = index / factor
            return point < interval.upper || (interval.includesUpper && point == interval.upper)
        }
        var index = scaled.rounded(.down)
        while !admits(index) { index -= 1 }
        while admits(index + 1) { index += 1 }
        return index
    }
}

extension NumericDistribution {
    /// The conditional quantile on the grid of a `decimal(scale)` column: a multiple of
    /// 10⁻ˢᶜᵃˡᵉ inside `allowed`, drawn from the distribution rounded to that grid and
    /// restricted to the grid points `allowed` holds; nil when it holds none with mass.
    ///
    /// Integer-valued families are already on every grid and are drawn as by
    /// `quantile(_:within:)`. Scales are limited to 0…15.
    public func quantile(_ u: Double, within allowed: IntervalSet, decimalScale scale: Int) -> Double? {
        if isIntegerValued { return quantile(u, within: allowed) }
        let grid = DecimalGrid(scale: scale)
        guard let value = quantile(u, within: grid.cells(of: allowed)) else { return nil }
        return grid.snap(value, into: allowed)
    }

    /// A draw on the grid of a `decimal(scale)` column, inside `allowed`; see
    /// `quantile(_:within:decimalScale:)`.
    public func sample(_ random: inout RowRandom, within allowed: IntervalSet, decimalScale scale: Int) -> Double? {
        quantile(random.nextOpenUnit(), within: allowed, decimalScale: scale)
    }
}
