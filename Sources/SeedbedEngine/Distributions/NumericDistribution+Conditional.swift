import Foundation

extension NumericDistribution {
    /// A draw from the distribution restricted to `allowed`, or nil when `allowed` has no
    /// probability under it.
    ///
    /// For integer-valued families `allowed` is read over the integers: `(3, 7)` means 4, 5, 6.
    /// For continuous families a set of single points has no mass (use `decimalScale` to draw
    /// on a grid, where points do).
    /// - Complexity: O(n) for n intervals in `allowed`, no heap allocation for n ≤ 2.
    public func sample(_ random: inout RowRandom, within allowed: IntervalSet) -> Double? {
        quantile(random.nextOpenUnit(), within: allowed)
    }

    /// The conditional quantile: the value at probability `u` of the distribution restricted to
    /// `allowed`, that is F⁻¹(F(lo) + u·(F(hi) − F(lo))) generalised to a union of intervals.
    /// Monotone in `u`, so a copula's uniform keeps its rank under truncation.
    ///
    /// The masses of the allowed parts are computed in log space from whichever tail is accurate
    /// (a normal truncated to [8σ, 9σ] or to [40σ, 41σ] is still exact).
    /// - Parameter u: a probability in (0, 1).
    /// - Returns: a member of `allowed`, or nil when `allowed` has no mass.
    public func quantile(_ u: Double, within allowed: IntervalSet) -> Double? {
        if allowed.isAll, poissonTable == nil {
            // Nothing to restrict: the plain quantile is the same map, without the pieces (measured:
            // 24 ns instead of 84 for a normal). Kept off 0 and 1 as the pieces are.
            return unrestrictedQuantile(u)
        }
        if case .poisson = family { return poissonTable?.quantile(u, within: allowed) }
        return ConditionalPieces.withCapacity(pieceCapacity(allowed)) { pieces in
            buildPieces(allowed, into: &pieces)
            guard let (index, position) = pieces.choose(u) else { return nil }
            let piece = pieces[index]
            return invert(piece, at: position, logarithmic: pieces.logarithmic, within: allowed[piece.source])
        }
    }

    /// The plain quantile, kept off 0 and 1 as the pieces are.
    @inline(__always)
    func unrestrictedQuantile(_ u: Double) -> Double {
        quantile(min(max(u, 0x1p-64), 1 - 0x1p-53))
    }

    /// The pieces of `allowed`, worked out once for many draws from the same set; nil where
    /// `quantile(_:within:)` needs none (the whole distribution) or keeps its own (Poisson).
    func truncated(to allowed: IntervalSet) -> TruncatedDraw? {
        guard poissonTable == nil, !allowed.isAll else { return nil }
        return ConditionalPieces.withCapacity(pieceCapacity(allowed)) { pieces in
            buildPieces(allowed, into: &pieces)
            return TruncatedDraw(pieces: pieces.stored, logarithmic: pieces.logarithmic, intervals: Array(allowed))
        }
    }

    /// `quantile(u, within: draw.allowed)`, from the pieces worked out before: the same value.
    func quantile(_ u: Double, truncated draw: TruncatedDraw) -> Double? {
        draw.pieces.withUnsafeBufferPointer { pieces in
            guard let (index, position) = ConditionalPieces.choose(u, among: pieces, logarithmic: draw.logarithmic)
            else { return nil }
            let piece = pieces[index]
            return invert(piece, at: position, logarithmic: draw.logarithmic, within: draw.intervals[piece.source])
        }
    }

    private func pieceCapacity(_ allowed: IntervalSet) -> Int {
        switch family {
        case .normal, .lognormal: 2 * allowed.count
        default: allowed.count
        }
    }

    /// The parts of `allowed` with their masses (see `ConditionalPiece`).
    private func buildPieces(_ allowed: IntervalSet, into pieces: inout ConditionalPieces) {
        switch family {
        case .uniform(let lower, let upper):
            for source in allowed.indices {
                let interval = allowed[source]
                let a = max(interval.lower, lower)
                let b = min(interval.upper, upper)
                guard a < b else { continue }
                // Half widths, so that the width of (−1e308, 1e308) cannot overflow.
                pieces.append(
                    ConditionalPiece(mass: 0.5 * b - 0.5 * a, method: .uniform, lower: a, upper: b, source: source))
            }
        case .uniformInteger(let lower, let upper):
            for source in allowed.indices {
                let interval = allowed[source]
                guard let bounds = interval.integerBounds(Double(lower), Double(upper)) else { continue }
                pieces.append(
                    ConditionalPiece(
                        mass: bounds.upper - bounds.lower + 1, method: .integer, lower: bounds.lower,
                        upper: bounds.upper, source: source))
            }
        case .normal(let mean, let standardDeviation):
            normalPieces(allowed, location: mean, scale: standardDeviation, logarithmic: false, into: &pieces)
        case .lognormal(let median, let sigma):
            normalPieces(allowed, location: log(median), scale: sigma, logarithmic: true, into: &pieces)
        case .poisson:
            break
        }
    }

    /// The value at `position` inside the chosen piece.
    /// The value at `position` inside the chosen piece, which came from the allowed interval `source`.
    private func invert(_ piece: ConditionalPiece, at position: Double, logarithmic: Bool, within source: Interval)
        -> Double
    {
        switch family {
        case .uniform:
            return source.clamping(piece.lower * (1 - position) + piece.upper * position)
        case .uniformInteger:
            return min(piece.lower + (position * piece.mass).rounded(.down), piece.upper)
        case .normal(let mean, let standardDeviation):
            return normalInverse(
                piece, position, extreme: logarithmic, source, location: mean, scale: standardDeviation,
                logarithmic: false)
        case .lognormal(let median, let sigma):
            return normalInverse(
                piece, position, extreme: logarithmic, source, location: log(median), scale: sigma, logarithmic: true)
        case .poisson:
            return piece.lower
        }
    }

    // MARK: - Normal and lognormal

    /// Beyond this many standard deviations Φ heads for underflow (Φ(−37.5) is the smallest
    /// normal double), so pieces reaching past it are weighed in log space.
    private static let logarithmicThreshold = 30.0

    /// Works on standard scores z = (x − location) / scale (of log x when `logarithmic`). Each
    /// interval is cut at z = 0: below it masses and quantiles use Φ(z), above it Φ(−z), so
    /// neither side subtracts from 1.
    private func normalPieces(
        _ allowed: IntervalSet, location: Double, scale: Double, logarithmic: Bool,
        into pieces: inout ConditionalPieces
    ) {
        var extreme = false
        for source in allowed.indices {
            let interval = allowed[source]
            let lowerZ: Double
            let upperZ: Double
            if logarithmic {
                guard interval.upper > 0 else { continue }
                lowerZ = interval.lower > 0 ? (log(interval.lower) - location) / scale : -.infinity
                upperZ = (log(interval.upper) - location) / scale
            } else {
                lowerZ = (interval.lower - location) / scale
                upperZ = (interval.upper - location) / scale
            }
            guard lowerZ < upperZ else { continue }
            if lowerZ < 0 {
                let top = min(upperZ, 0)
                extreme = extreme || top < -Self.logarithmicThreshold
                pieces.append(
                    ConditionalPiece(mass: .nan, method: .normalLower, lower: lowerZ, upper: top, source: source))
            }
            if upperZ > 0 {
                let bottom = max(lowerZ, 0)
                extreme = extreme || bottom > Self.logarithmicThreshold
                pieces.append(
                    ConditionalPiece(
                        mass: .nan, method: .normalUpper, lower: bottom, upper: upperZ, source: source))
            }
        }
        pieces.logarithmic = extreme
        for index in 0..<pieces.count {
            var piece = pieces[index]
            // `first` and `second` are Φ at the piece's ends below the mean and Φ(−z), the upper
            // tail, above it; the mass is their difference.
            let lowerTail = piece.method == .normalLower
            let atLower = lowerTail ? piece.lower : -piece.lower
            let atUpper = lowerTail ? piece.upper : -piece.upper
            if extreme {
                piece.first = StandardNormal.logCDF(atLower)
                piece.second = StandardNormal.logCDF(atUpper)
                piece.mass =
                    lowerTail
                    ? piece.second + logOneMinusExp(piece.first - piece.second)
                    : piece.first + logOneMinusExp(piece.second - piece.first)
            } else {
                piece.first = StandardNormal.cdf(atLower)
                piece.second = StandardNormal.cdf(atUpper)
                piece.mass = abs(piece.second - piece.first)
            }
            pieces[index] = piece
        }
    }

    private func normalInverse(
        _ piece: ConditionalPiece, _ position: Double, extreme: Bool, _ source: Interval, location: Double,
        scale: Double, logarithmic: Bool
    ) -> Double {
        var z: Double
        switch (piece.method == .normalLower, extreme) {
        case (true, false):
            z = StandardNormal.quantile(piece.first + position * (piece.second - piece.first))
        case (false, false):
            z = -StandardNormal.quantile(piece.first - position * (piece.first - piece.second))
        case (true, true):
            // log(Φ(a) + v (Φ(b) − Φ(a))), factored by Φ(b) so nothing underflows.
            let logP = piece.second + log(position + (1 - position) * exp(piece.first - piece.second))
            z = StandardNormal.quantile(logLowerTail: logP)
        case (false, true):
            // The upper tail mirrored: P(Z > z) = S(a) − v (S(a) − S(b)).
            let logS = piece.first + log((1 - position) + position * exp(piece.second - piece.first))
            z = -StandardNormal.quantile(logLowerTail: logS)
        }
        z = min(max(z, piece.lower), piece.upper)
        let value = logarithmic ? exp(location + scale * z) : location + scale * z
        return source.clamping(value)
    }
}

/// A conditional draw's pieces for one allowed set, kept so that draws from a set that repeats
/// (a column whose narrowing is memoised, see `PreparedDraw`) skip the distribution functions at
/// its ends: a lognormal above a minimum saves four `erfc` and two `log` per draw.
///
/// A class: it is read once per draw, and a reference is cheaper to hand around than its fields.
final class TruncatedDraw {
    let pieces: [ConditionalPiece]
    let logarithmic: Bool
    /// The allowed set's intervals, which pieces name by index.
    let intervals: [Interval]

    init(pieces: [ConditionalPiece], logarithmic: Bool, intervals: [Interval]) {
        self.pieces = pieces
        self.logarithmic = logarithmic
        self.intervals = intervals
    }
}
