import Foundation

/// A part of an allowed set on which a distribution's conditional quantile has one closed form:
/// one interval, cut where the formula changes (at the mean of a normal, so each side can be
/// computed from the tail where it is accurate; at the edges of a Poisson table).
struct ConditionalPiece {
    enum Method {
        case uniform, integer, normalLower, normalUpper, poissonLower, poissonUpper, poissonFarLower, poissonFarUpper
    }

    /// log of the piece's probability; −∞ for none, NaN while not yet computed.
    var logMass: Double
    var method: Method
    /// The piece's ends in the distribution's working space (standard scores for the normal
    /// family, values otherwise).
    var lower: Double
    var upper: Double
    /// Values the method computed for the mass and needs again to invert (log CDFs at the ends,
    /// a cumulative base and a mass).
    var first: Double = 0
    var second: Double = 0
    /// The allowed interval the piece came from, to put the result inside it exactly.
    var source: Int

    static let unused = ConditionalPiece(logMass: -.infinity, method: .uniform, lower: 0, upper: 0, source: 0)
}

/// The pieces of one conditional draw: up to eight inline, since an allowed set of one or two
/// intervals (the per-row common case) makes at most four, and an array beyond.
struct ConditionalPieces {
    private var inline = InlineArray<8, ConditionalPiece>(repeating: .unused)
    private var overflow: [ConditionalPiece] = []
    private(set) var count = 0

    mutating func append(_ piece: ConditionalPiece) {
        if count < inline.count { inline[count] = piece } else { overflow.append(piece) }
        count += 1
    }

    subscript(index: Int) -> ConditionalPiece {
        get { index < inline.count ? inline[index] : overflow[index - inline.count] }
        set {
            if index < inline.count { inline[index] = newValue } else { overflow[index - inline.count] = newValue }
        }
    }

    /// Chooses a piece with probability proportional to its mass, by `u` in (0, 1), and returns
    /// where `u` falls inside it, so that the whole map from `u` to a value stays monotone (a
    /// copula's uniform keeps its rank) — or nil when no piece has mass.
    func choose(_ u: Double) -> (index: Int, position: Double)? {
        var largest = -Double.infinity
        var chosen = -1
        for index in 0..<count where self[index].logMass > largest {
            largest = self[index].logMass
            chosen = index
        }
        guard chosen >= 0 else { return nil }
        if count == 1 { return (0, Self.safe(u)) }
        // Weights relative to the largest piece, so pieces far in a tail cannot underflow to
        // zero all together.
        var total = 0.0
        for index in 0..<count { total += exp(self[index].logMass - largest) }
        let target = u * total
        var cumulative = 0.0
        for index in 0..<count {
            let weight = exp(self[index].logMass - largest)
            guard weight > 0 else { continue }
            if cumulative + weight >= target {
                return (index, Self.safe((target - cumulative) / weight))
            }
            cumulative += weight
            chosen = index
        }
        return (chosen, Self.safe(1))  // rounding left the target past the last piece
    }

    /// Keeps a position off 0 and 1, where inverse CDFs return infinities.
    private static func safe(_ position: Double) -> Double {
        min(max(position, 0x1p-1022), 1 - 0x1p-53)
    }
}

extension Interval {
    /// The member of the interval nearest to `value`: draws are computed in another space (standard
    /// scores, logarithms) and may round a hair outside their interval on the way back.
    func clamping(_ value: Double) -> Double {
        var result = value
        if !(result > lower || (includesLower && result == lower)) {
            result = includesLower ? lower : lower.nextUp
        }
        if !(result < upper || (includesUpper && result == upper)) {
            result = includesUpper ? upper : upper.nextDown
        }
        return result
    }

    /// The smallest and largest integers in the interval that also lie in `lowest...highest`,
    /// or nil when there are none. Open ends are exclusive: `(3, 7)` gives 4 and 6.
    ///
    /// Exact while the bounds are below 2⁵², where `floor(x) + 1` is still the next integer.
    func integerBounds(_ lowest: Double, _ highest: Double) -> (lower: Double, upper: Double)? {
        let first = includesLower ? lower.rounded(.up) : lower.rounded(.down) + 1
        let last = includesUpper ? upper.rounded(.down) : upper.rounded(.up) - 1
        let lower = max(first, lowest)
        let upper = min(last, highest)
        return lower <= upper ? (lower, upper) : nil
    }
}
