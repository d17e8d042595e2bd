import Foundation
import SeedbedEngine
import Testing

/// A continuous distribution restricted to an allowed set, with a reference for
/// P(lo < X ≤ hi) computed from the side where it is accurate.
struct ContinuousCase: Sendable, CustomTestStringConvertible {
    let name: String
    let distribution: NumericDistribution
    let allowed: IntervalSet
    let mass: @Sendable (Double, Double) -> Double

    var testDescription: String { name }
}

/// An integer distribution restricted to an allowed set, with its reference pmf.
struct DiscreteCase: Sendable, CustomTestStringConvertible {
    let name: String
    let distribution: NumericDistribution
    let allowed: IntervalSet
    let support: ClosedRange<Int>
    let logPMF: @Sendable (Int) -> Double

    var testDescription: String { name }
}

extension DistributionTests {
    static func uniformMass(_ a: Double, _ b: Double) -> @Sendable (Double, Double) -> Double {
        { lo, hi in (min(max(hi, a), b) - min(max(lo, a), b)) / (b - a) }
    }

    static func normalMass(_ mean: Double, _ sd: Double) -> @Sendable (Double, Double) -> Double {
        { lo, hi in Statistics.normalMass((lo - mean) / sd, (hi - mean) / sd) }
    }

    static func lognormalMass(_ median: Double, _ sigma: Double) -> @Sendable (Double, Double) -> Double {
        { lo, hi in
            let z = { (x: Double) in x > 0 ? log(x / median) / sigma : -.infinity }
            return Statistics.normalMass(z(lo), z(hi))
        }
    }

    /// Relative masses of N(0, 1) beyond 30σ, where erfc underflows: the asymptotic expansion
    /// of the Mills ratio, exact to about 1e-11 there, scaled by S(30).
    static let farNormalMass: @Sendable (Double, Double) -> Double = { lo, hi in
        func logSurvival(_ t: Double) -> Double {
            let u = 1 / (t * t)
            return -t * t / 2 - log(t) - 0.5 * log(2 * Double.pi)
                + log(1 - u + 3 * u * u - 15 * u * u * u + 105 * u * u * u * u)
        }
        return exp(logSurvival(lo) - logSurvival(30)) - exp(logSurvival(hi) - logSurvival(30))
    }

    static let continuousCases: [ContinuousCase] = {
        let ltv = try? NumericDistribution.uniform(0.05, 1.10)
        let standard = try? NumericDistribution.normal(mean: 0, standardDeviation: 1)
        let iq = try? NumericDistribution.normal(mean: 100, standardDeviation: 15)
        let amount = try? NumericDistribution.lognormal(median: 28_000, sigma: 0.9)
        let unitLog = try? NumericDistribution.lognormal(median: 1, sigma: 1)
        let wide = try? NumericDistribution.uniform(0, 10)
        let cases: [ContinuousCase?] = [
            ltv.map { ContinuousCase(name: "uniform", distribution: $0, allowed: .all, mass: uniformMass(0.05, 1.10)) },
            ltv.map {
                ContinuousCase(
                    name: "uniform, ltv <= 0.95", distribution: $0, allowed: IntervalSet(.lessOrEqual, 0.95),
                    mass: uniformMass(0.05, 1.10))
            },
            wide.map {
                ContinuousCase(
                    name: "uniform on [1, 2] ∪ (5, 8)", distribution: $0,
                    allowed: set(Interval(lower: 1, upper: 2), Interval(lower: 5, upper: 8, includesLower: false)),
                    mass: uniformMass(0, 10))
            },
            iq.map { ContinuousCase(name: "normal", distribution: $0, allowed: .all, mass: normalMass(100, 15)) },
            iq.map {
                ContinuousCase(
                    name: "normal on [90, 130]", distribution: $0, allowed: set(Interval(lower: 90, upper: 130)),
                    mass: normalMass(100, 15))
            },
            standard.map {
                ContinuousCase(
                    name: "normal on (−∞, −1] ∪ [2, 3)", distribution: $0,
                    allowed: set(
                        Interval(lower: -.infinity, upper: -1), Interval(lower: 2, upper: 3, includesUpper: false)),
                    mass: normalMass(0, 1))
            },
            standard.map {
                ContinuousCase(
                    name: "normal, x != 0", distribution: $0, allowed: IntervalSet(.notEqual, 0), mass: normalMass(0, 1)
                )
            },
            standard.map {
                ContinuousCase(
                    name: "normal on [8σ, 9σ]", distribution: $0, allowed: set(Interval(lower: 8, upper: 9)),
                    mass: normalMass(0, 1))
            },
            standard.map {
                ContinuousCase(
                    name: "normal on [−9σ, −8σ]", distribution: $0, allowed: set(Interval(lower: -9, upper: -8)),
                    mass: normalMass(0, 1))
            },
            standard.map {
                ContinuousCase(
                    name: "normal on [38σ, 39σ], where Φ underflows", distribution: $0,
                    allowed: set(Interval(lower: 38, upper: 39)), mass: farNormalMass)
            },
            standard.map {
                ContinuousCase(
                    name: "normal on [40σ, 40.05σ] ∪ [41σ, 42σ], past AS241's fitted range", distribution: $0,
                    allowed: set(Interval(lower: 40, upper: 40.05), Interval(lower: 41, upper: 42)), mass: farNormalMass
                )
            },
            amount.map {
                ContinuousCase(name: "lognormal", distribution: $0, allowed: .all, mass: lognormalMass(28_000, 0.9))
            },
            amount.map {
                ContinuousCase(
                    name: "lognormal on [1000, 50000]", distribution: $0,
                    allowed: set(Interval(lower: 1000, upper: 50_000)), mass: lognormalMass(28_000, 0.9))
            },
            amount.map {
                ContinuousCase(
                    name: "lognormal on [10, 1000] ∪ [1e5, 1e6]", distribution: $0,
                    allowed: set(Interval(lower: 10, upper: 1000), Interval(lower: 1e5, upper: 1e6)),
                    mass: lognormalMass(28_000, 0.9))
            },
            unitLog.map {
                ContinuousCase(
                    name: "lognormal on [e⁹, e¹⁰] (9σ to 10σ)", distribution: $0,
                    allowed: set(Interval(lower: exp(9), upper: exp(10))), mass: lognormalMass(1, 1))
            },
        ]
        return cases.compactMap { $0 }
    }()

    static func poissonCase(_ name: String, _ mean: Double, _ allowed: IntervalSet, _ support: ClosedRange<Int>)
        -> DiscreteCase?
    {
        (try? NumericDistribution.poisson(mean: mean)).map {
            DiscreteCase(
                name: name, distribution: $0, allowed: allowed, support: support,
                logPMF: { Statistics.poissonLogPMF($0, mean) })
        }
    }

    static func uniformIntegerCase(_ name: String, _ lower: Int, _ upper: Int, _ allowed: IntervalSet)
        -> DiscreteCase?
    {
        (try? NumericDistribution.uniformInteger(lower, upper)).map {
            DiscreteCase(name: name, distribution: $0, allowed: allowed, support: lower...upper, logPMF: { _ in 0 })
        }
    }

    static let discreteCases: [DiscreteCase] = [
        poissonCase("poisson(1.3)", 1.3, .all, 0...40),
        poissonCase(
            "poisson(4.5) on (3, 7): 4, 5, 6", 4.5,
            set(Interval(lower: 3, upper: 7, includesLower: false, includesUpper: false)), 0...40),
        poissonCase(
            "poisson(30) on [20, 25] ∪ [40, 45]", 30,
            set(Interval(lower: 20, upper: 25), Interval(lower: 40, upper: 45)), 0...100),
        poissonCase("poisson(250)", 250, .all, 100...450),
        poissonCase("poisson(250), x > 300.5", 250, IntervalSet(.greater, 300.5), 100...450),
        poissonCase("poisson(1.3), x >= 200 (past the table)", 1.3, IntervalSet(.greaterOrEqual, 200), 190...260),
        poissonCase("poisson(2000), x <= 100 (below the table)", 2000, IntervalSet(.lessOrEqual, 100), 0...150),
        poissonCase("poisson(1e6)", 1e6, .all, 990_000...1_010_000),
        poissonCase("poisson(1e9), a strided table", 1e9, .all, 999_800_000...1_000_200_000),
        poissonCase(
            "poisson(1e6) on [λ + 5σ, λ + 6σ]", 1e6, set(Interval(lower: 1_005_000, upper: 1_006_000)),
            1_004_000...1_007_000),
        uniformIntegerCase("integers 1…6", 1, 6, .all),
        uniformIntegerCase(
            "integers 0…10 on (3, 7): 4, 5, 6", 0, 10,
            set(Interval(lower: 3, upper: 7, includesLower: false, includesUpper: false))),
        uniformIntegerCase("integers −5…5, x != 0", -5, 5, IntervalSet(.notEqual, 0)),
        uniformIntegerCase(
            "integers 0…1000 on [2.5, 10.5] ∪ (990, ∞)", 0, 1000,
            set(Interval(lower: 2.5, upper: 10.5), Interval(lower: 990, upper: .infinity, includesLower: false))),
    ].compactMap { $0 }
}
