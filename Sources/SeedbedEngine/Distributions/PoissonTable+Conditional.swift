import Foundation

extension PoissonTable {
    /// The value at conditional probability `u` of the distribution restricted to the integers of
    /// `allowed`, or nil when they have no mass.
    func quantile(_ u: Double, within allowed: IntervalSet) -> Double? {
        ConditionalPieces.withCapacity(4 * allowed.count) { pieces in
            var largestTableMass = 0.0
            let highest = Double(Int.max / 4)
            for source in allowed.indices {
                let interval = allowed[source]
                guard let bounds = interval.integerBounds(0, highest) else { continue }
                let lower = Int(bounds.lower)
                let upper = Int(bounds.upper)
                // Cut at the table's edges and after the mode: far tails, lower table, upper table.
                if lower < start {
                    pieces.append(far(.poissonFarLower, lower, min(upper, start - 1), source))
                }
                if max(lower, start) <= min(upper, mode) {
                    let a = max(lower, start)
                    let b = min(upper, mode)
                    let base = massBelow(a)
                    let mass = massBelow(b + 1) - base
                    largestTableMass = max(largestTableMass, mass)
                    pieces.append(table(.poissonLower, a, b, base, mass, source))
                }
                if max(lower, mode + 1) <= min(upper, end - 1) {
                    let a = max(lower, mode + 1)
                    let b = min(upper, end - 1)
                    let base = massFrom(b + 1)
                    let mass = massFrom(a) - base
                    largestTableMass = max(largestTableMass, mass)
                    pieces.append(table(.poissonUpper, a, b, base, mass, source))
                }
                if upper >= end {
                    pieces.append(far(.poissonFarUpper, max(lower, end), upper, source))
                }
            }
            weighFarPieces(&pieces, besideTableMass: largestTableMass)
            guard let (index, position) = pieces.choose(u) else { return nil }
            let piece = pieces[index]
            let a = Int(piece.lower)
            let b = Int(piece.upper)
            switch piece.method {
            case .poissonLower:
                return Double(lowerInverse(piece.first + position * piece.second, a, b))
            case .poissonUpper:
                return Double(upperInverse(piece.first + (1 - position) * piece.second, a, b))
            default:
                return Double(farInverse(piece, position))
            }
        }
    }

    /// Far-tail pieces hold less than e⁻⁶⁹⁰ each: beside a table piece of mass ≥ 1e-200 they are
    /// below double precision and get none. Only when nothing else carries mass are they summed,
    /// and then every mass becomes a logarithm, since theirs may underflow.
    private func weighFarPieces(_ pieces: inout ConditionalPieces, besideTableMass tableMass: Double) {
        let needed = tableMass < 1e-200
        var any = false
        for index in 0..<pieces.count where pieces[index].mass.isNaN {
            any = true
            if !needed { pieces[index].mass = 0 }
        }
        guard any, needed else { return }
        pieces.logarithmic = true
        for index in 0..<pieces.count {
            var piece = pieces[index]
            if piece.mass.isNaN {
                piece.first = farSum(piece)
                piece.mass = log(piece.first) + PoissonDensity.logPMF(farAnchor(piece), mean: mean)
            } else {
                piece.mass = log(piece.mass)
            }
            pieces[index] = piece
        }
    }

    private func table(
        _ method: ConditionalPiece.Method, _ a: Int, _ b: Int, _ base: Double, _ mass: Double, _ source: Int
    ) -> ConditionalPiece {
        ConditionalPiece(
            mass: mass, method: method, lower: Double(a), upper: Double(b), first: base, second: mass, source: source)
    }

    private func far(_ method: ConditionalPiece.Method, _ a: Int, _ b: Int, _ source: Int) -> ConditionalPiece {
        ConditionalPiece(mass: .nan, method: method, lower: Double(a), upper: Double(b), source: source)
    }

    // MARK: - Far tails

    /// Far pieces are summed from their end nearest the mode, where the pmf is largest, in units
    /// of the pmf there; the terms shrink geometrically away from the mode, so the walk stops
    /// once they no longer change the sum.
    private func farAnchor(_ piece: ConditionalPiece) -> Int {
        Int(piece.method == .poissonFarUpper ? piece.lower : piece.upper)
    }

    /// Σ P(X = k) / P(X = anchor) over the piece.
    private func farSum(_ piece: ConditionalPiece) -> Double {
        var sum = 0.0
        walkFarPiece(piece) { weight in
            sum += weight
            return true
        }
        return sum
    }

    private func farInverse(_ piece: ConditionalPiece, _ position: Double) -> Int {
        // Walking away from the anchor, the upper tail accumulates towards the target from below
        // (the answer is where the running sum reaches u × mass); the lower tail walks down from
        // its top, so it stops where the mass above the answer would pass (1 − u) × mass.
        let target = (piece.method == .poissonFarUpper ? position : 1 - position) * piece.first
        var sum = 0.0
        var answer = farAnchor(piece)
        let step = piece.method == .poissonFarUpper ? 1 : -1
        var first = true
        walkFarPiece(piece) { weight in
            if !first { answer += step }
            first = false
            if piece.method == .poissonFarUpper {
                sum += weight
                return sum < target
            }
            guard sum + weight <= target else { return false }
            sum += weight
            return true
        }
        return min(max(answer, Int(piece.lower)), Int(piece.upper))
    }

    /// Calls `visit` with the relative weight of each value from the anchor outwards, until it
    /// returns false, the piece ends, or the weights are negligible.
    private func walkFarPiece(_ piece: ConditionalPiece, _ visit: (Double) -> Bool) {
        let upward = piece.method == .poissonFarUpper
        var k = farAnchor(piece)
        let last = Int(upward ? piece.upper : piece.lower)
        var weight = 1.0
        var sum = 0.0
        while true {
            guard visit(weight) else { return }
            sum += weight
            if k == last { return }
            weight *= upward ? mean / Double(k + 1) : Double(k) / mean
            k += upward ? 1 : -1
            if weight < 0x1p-60 * sum { return }
        }
    }
}
