/// Narrows boxes to the rows where a formula takes wanted truth values, and searches for rows
/// that satisfy a list of constraints.
///
/// Everything here over-approximates: when a formula is beyond the analysis, or a disjunction
/// grows past `maximumBoxes`, or the step budget runs out, the box comes back unchanged. So a
/// search can answer "unsatisfiable" only when that is certain; a wrong "unsatisfiable" would
/// reject a valid spec.
struct Refiner {
    /// The domain each column's declaration allows.
    let declared: [Domain]
    /// Steps left for the whole analysis, so a pathological spec cannot make the check slow.
    private(set) var stepsLeft: Int

    /// Past this many boxes, a refinement gives up and keeps its input box.
    static let maximumBoxes = 256

    init(declared: [Domain], steps: Int) {
        self.declared = declared
        self.stepsLeft = steps
    }

    // MARK: - Refinement

    /// Boxes covering every row of `box` where `formula` takes one of the `wanted` truth values.
    mutating func refine(_ formula: Formula, _ box: Box, to wanted: TruthSet) -> [Box] {
        if wanted.isEmpty { return [] }
        if wanted == .all || stepsLeft <= 0 { return [box] }
        stepsLeft -= 1
        switch formula {
        case .truth(let values):
            return values.isDisjoint(with: wanted) ? [] : [box]
        case .test(let column, let test):
            let narrowed = box.domain(of: column, declared: declared).restricted(by: test, to: wanted)
            return narrowed.isEmpty ? [] : [box.with(column, narrowed)]
        case .strict(let columns):
            // Unknown needs only one of the columns null: a disjunction not worth its boxes.
            if wanted.contains(.unknown) { return [box] }
            var result = box
            for column in columns {
                let narrowed = result.domain(of: column, declared: declared).withoutNull
                if narrowed.isEmpty { return [] }
                result = result.with(column, narrowed)
            }
            return [result]
        case .not(let operand):
            return refine(operand, box, to: wanted.negated)
        case .and(let lhs, let rhs):
            return combine(lhs, rhs, box, to: wanted, by: TruthSet.and)
        case .or(let lhs, let rhs):
            return combine(lhs, rhs, box, to: wanted, by: TruthSet.or)
        }
    }

    /// Refines by a binary connective: for each truth value of the left side, the values of the
    /// right side that give a wanted result. Left values that allow the same right values are
    /// refined together, so `a and b` wanted false splits into two boxes, not three.
    private mutating func combine(
        _ lhs: Formula, _ rhs: Formula, _ box: Box, to wanted: TruthSet, by connective: (TruthSet, TruthSet) -> TruthSet
    ) -> [Box] {
        var groups: [(left: TruthSet, right: TruthSet)] = []
        for left in TruthSet.each {
            let right = TruthSet(TruthSet.each.filter { wanted.contains(connective(left, $0)) })
            guard !right.isEmpty else { continue }
            if let index = groups.firstIndex(where: { $0.right == right }) {
                groups[index].left.formUnion(left)
            } else {
                groups.append((left, right))
            }
        }
        // No deduplication: the groups differ in the left side's truth value, so their boxes
        // rarely coincide, and hashing every box cost more than the rare duplicate.
        var result: [Box] = []
        for group in groups {
            for narrowed in refine(lhs, box, to: group.left) {
                result += refine(rhs, narrowed, to: group.right)
                if result.count > Self.maximumBoxes { return [box] }
            }
        }
        return result
    }

    // MARK: - Search

    enum Outcome {
        case satisfiable
        case unsatisfiable
        /// The budget ran out first; callers treat this as satisfiable.
        case unknown
    }

    /// Whether some row in `start` satisfies every constraint.
    ///
    /// First propagation (see `propagate`), which proves most contradictions without
    /// branching. Then a depth-first search over the alternatives of the constraints that
    /// still branch, stopping at the first box that gets through them all, so a satisfiable
    /// set usually costs one refinement per constraint; only a contradiction propagation
    /// missed is explored in full, and then within `budget` steps.
    ///
    /// - Parameter settled: How many of the first constraints propagation already settled on
    ///   `start` (see `solve`); they are revisited only when another narrows their columns.
    mutating func search(_ constraints: [Constraint], from start: Box, settled: Int = 0, budget: Int) -> Outcome {
        solve(constraints, from: start, settled: settled, budget: budget).outcome
    }

    /// `search`, also returning what propagation left when the constraints are satisfiable:
    /// later questions about the same rules ("and can W hold too?") can start from there.
    mutating func solve(
        _ constraints: [Constraint], from start: Box, settled: Int = 0, budget: Int
    ) -> Solution {
        let floor = Swift.max(0, stepsLeft - budget)
        switch propagate(constraints, from: start, settled: settled, until: floor) {
        case .contradiction(let culprits):
            return Solution(outcome: .unsatisfiable, culprits: culprits)
        case .narrowed(let propagated):
            let outcome = branch(propagated.remaining, from: propagated.box, until: floor)
            return Solution(outcome: outcome, propagated: outcome == .satisfiable ? propagated : nil)
        }
    }

    struct Solution {
        var outcome: Outcome
        /// When satisfiable: what propagation left.
        var propagated: Propagated?
        /// When propagation alone found the contradiction: the positions of the constraints
        /// that narrowed the box on the way, which are unsatisfiable by themselves.
        var culprits: [Int]?
    }

    /// A box narrowed by propagation, and the constraints it does not settle.
    struct Propagated {
        var box: Box
        var remaining: [Constraint]
    }

    private enum Propagation {
        case narrowed(Propagated)
        case contradiction(culprits: [Int])
    }

    /// Narrows `start` by every constraint to a fixed point; `nil` when a constraint leaves
    /// nothing. A constraint that leaves one box is applied and dropped (so is one that leaves
    /// the box whole); one that leaves several narrows each column to the union of their
    /// boxes and remains. A worklist revisits only the constraints on a column that narrowed.
    ///
    /// Every row in `start` that satisfies all constraints is in the result's box and
    /// satisfies its remaining constraints, so later searches may start from there.
    private mutating func propagate(
        _ constraints: [Constraint], from start: Box, settled: Int, until floor: Int
    ) -> Propagation {
        var box = start
        var watchers: [Int: [Int]] = [:]
        for (index, constraint) in constraints.enumerated() {
            for column in constraint.columns { watchers[column, default: []].append(index) }
        }
        var active = Array(repeating: true, count: constraints.count)
        var queued = constraints.indices.map { $0 >= settled }
        var queue = Array(constraints.indices.dropFirst(settled))
        var head = 0
        // Replaying only the constraints that narrowed the box reaches the same contradiction.
        var narrowing: [Int] = []
        while head < queue.count, stepsLeft > floor {
            let index = queue[head]
            head += 1
            queued[index] = false
            let boxes = expand(constraints[index], box)
            guard let hull = Box.hull(boxes) else { return .contradiction(culprits: (narrowing + [index]).sorted()) }
            if boxes.count == 1 { active[index] = false }
            var changed = false
            for column in constraints[index].columns
            where hull.domain(of: column, declared: declared) != box.domain(of: column, declared: declared) {
                changed = true
                for watcher in watchers[column] ?? [] where active[watcher] && !queued[watcher] && watcher != index {
                    queued[watcher] = true
                    queue.append(watcher)
                }
            }
            if changed { narrowing.append(index) }
            box = hull
        }
        let remaining = constraints.indices.filter { active[$0] }.map { constraints[$0] }
        return .narrowed(Propagated(box: box, remaining: remaining))
    }

    /// Depth-first search for a box that gets through every constraint.
    private mutating func branch(_ constraints: [Constraint], from start: Box, until floor: Int) -> Outcome {
        var stack = [(index: 0, box: start)]
        while let (index, box) = stack.popLast() {
            if index == constraints.count { return .satisfiable }
            if stepsLeft <= floor { return .unknown }
            // Reversed, so the first alternative is explored first.
            for narrowed in expand(constraints[index], box).reversed() { stack.append((index + 1, narrowed)) }
        }
        return .unsatisfiable
    }

    /// The boxes of `box` that satisfy one of the constraint's alternatives.
    private mutating func expand(_ constraint: Constraint, _ box: Box) -> [Box] {
        var result: [Box] = []
        for alternative in constraint.alternatives {
            var boxes = [box]
            for requirement in alternative.conjuncts where !boxes.isEmpty {
                boxes = boxes.flatMap { refine(requirement.formula, $0, to: requirement.wanted) }
                // Keeping the unrefined box instead of too many pieces loses precision, never rows.
                if boxes.count > Self.maximumBoxes { boxes = [box] }
            }
            result += boxes
        }
        return result
    }
}
