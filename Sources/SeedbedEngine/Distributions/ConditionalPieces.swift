import Foundation

/// A part of an allowed set on which a distribution's conditional quantile has one closed form:
/// one interval, cut where the formula changes (at the mean of a normal, so each side can be
/// computed from the tail where it is accurate; at the edges of a Poisson table).
struct ConditionalPiece {
    enum Method {
        case uniform, integer, normalLower, normalUpper, poissonLower, poissonUpper, poissonFarLower, poissonFarUpper
    }

    /// The piece's probability, or its logarithm when the pieces are `logarithmic`; NaN while
    /// not yet computed.
    var mass: Double
    var method: Method
    /// The piece's ends in the distribution's working space (standard scores for the normal
    /// family, values otherwise).
    var lower: Double
    var upper: Double
    /// Values the method computed for the mass and needs again to invert (CDFs at the ends, a
    /// cumulative base).
    var first: Double = 0
    var second: Double = 0
    /// The allowed interval the piece came from, to put the result inside it exactly.
    var source: Int
}

/// The pieces of one conditional draw, in scratch space on the stack.
///
/// Measured: an inline array of eight pieces, zeroed and copied on every draw, took a quarter of
/// a truncated draw's time; `withUnsafeTemporaryAllocation` needs no initialisation and no copy.
/// The buffer never leaves `withCapacity`, and the type is non-copyable so it cannot be kept.
struct ConditionalPieces: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<ConditionalPiece>
    private(set) var count = 0
    /// Whether masses are logarithms: only when some piece lies so far in a tail that its mass
    /// could underflow, since plain masses save a `log` and an `exp` per piece.
    var logarithmic = false

    private init(buffer: UnsafeMutableBufferPointer<ConditionalPiece>) {
        self.buffer = buffer
    }

    /// Calls `body` with room for `capacity` pieces.
    static func withCapacity<Result>(_ capacity: Int, _ body: (inout ConditionalPieces) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: ConditionalPiece.self, capacity: capacity) { buffer in
            var pieces = ConditionalPieces(buffer: buffer)
            return body(&pieces)
        }
    }

    mutating func append(_ piece: ConditionalPiece) {
        precondition(count < buffer.count, "more pieces than the capacity asked for")
        buffer.initializeElement(at: count, to: piece)  // a trivial type: nothing to deinitialise
        count += 1
    }

    subscript(index: Int) -> ConditionalPiece {
        get {
            precondition(index < count, "index out of range")
            return buffer[index]
        }
        nonmutating set {
            precondition(index < count, "index out of range")
            buffer[index] = newValue
        }
    }

    /// Chooses a piece with probability proportional to its mass, by `u` in (0, 1), and returns
    /// where `u` falls inside it, so that the whole map from `u` to a value stays monotone (a
    /// copula's uniform keeps its rank) — or nil when no piece has mass.
    func choose(_ u: Double) -> (index: Int, position: Double)? {
        Self.choose(u, among: UnsafeBufferPointer(rebasing: buffer[0..<count]), logarithmic: logarithmic)
    }

    /// The pieces so far, kept for drawing again from the same allowed set (see `TruncatedDraw`).
    var stored: [ConditionalPiece] { Array(buffer[0..<count]) }

    /// `choose(_:)` over pieces kept elsewhere.
    static func choose(_ u: Double, among pieces: UnsafeBufferPointer<ConditionalPiece>, logarithmic: Bool) -> (
        index: Int, position: Double
    )? {
        let count = pieces.count
        let empty = logarithmic ? -Double.infinity : 0
        var largest = empty
        var chosen = -1
        for index in 0..<count where pieces[index].mass > largest {
            largest = pieces[index].mass
            chosen = index
        }
        guard chosen >= 0 else { return nil }
        if count == 1 { return (0, Self.safe(u)) }
        // Log masses are weighed relative to the largest, so pieces far in a tail cannot
        // underflow to zero all together.
        func weight(_ index: Int) -> Double {
            let mass = pieces[index].mass
            return logarithmic ? exp(mass - largest) : max(mass, 0)
        }
        var total = 0.0
        for index in 0..<count { total += weight(index) }
        let target = u * total
        var cumulative = 0.0
        for index in 0..<count {
            let weight = weight(index)
            guard weight > 0 else { continue }
            if cumulative + weight >= target {
                return (index, Self.safe((target - cumulative) / weight))
            }
            cumulative += weight
            chosen = index
        }
        return (chosen, Self.safe(1))  // rounding left the target past the last piece
    }

    /// Keeps a position off 0 and 1, where inverse CDFs are infinite. Positions nearer than 2⁻⁶⁴
    /// carry a probability below 1e-19 and move by less than that.
    private static func safe(_ position: Double) -> Double {
        min(max(position, 0x1p-64), 1 - 0x1p-53)
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
