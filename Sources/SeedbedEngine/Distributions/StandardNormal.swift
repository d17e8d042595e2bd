import Foundation

/// The standard normal distribution's CDF and quantile, accurate to a few ulps everywhere and
/// usable in log space, so that truncation to a far tail (`[8σ, 9σ]`, or `[40σ, 41σ]` where
/// Φ itself underflows) still samples correctly.
enum StandardNormal {
    static let logSquareRootOfTwoPi = 0.918_938_533_204_672_741_78
    /// log(0.075): below it AS241 switches from its central to its tail approximations.
    static let logCentralSplit = -2.590_267_165_445_826_7

    /// Φ(z). `erfc` keeps full relative precision in the lower tail, where `1 + erf` would not.
    static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z * 0.5.squareRoot())
    }

    /// log Φ(z), finite for every finite z.
    static func logCDF(_ z: Double) -> Double {
        if z > 0 { return log1p(-0.5 * erfc(z * 0.5.squareRoot())) }
        if z > -30 { return log(0.5 * erfc(-z * 0.5.squareRoot())) }
        if z == -.infinity { return -.infinity }
        // erfc underflows near z = −37.5; the Laplace continued fraction for the Mills ratio
        // converges in a few terms this far out.
        return -0.5 * z * z - logSquareRootOfTwoPi - log(millsDenominator(-z))
    }

    /// f(t) with Φ(−t) = φ(t) / f(t): the continued fraction t + 1/(t + 2/(t + 3/(t + …))).
    /// It is also d/dz log Φ(z) at z = −t, which the Newton step in `quantile(logLowerTail:)` needs.
    /// Measured against 200 terms, 10 already agree to the last bit for t ≥ 20; 16 leave a margin
    /// at the t ≥ 30 where it is used.
    static func millsDenominator(_ t: Double) -> Double {
        var f = t
        for n in stride(from: 16.0, through: 1.0, by: -1.0) { f = t + n / f }
        return f
    }

    /// Φ⁻¹(p) by Wichura's AS241 (PPND16), relative error about 1e-16.
    static func quantile(_ p: Double) -> Double {
        guard p > 0 else { return p == 0 ? -.infinity : .nan }
        guard p < 1 else { return p == 1 ? .infinity : .nan }
        let q = p - 0.5
        if abs(q) <= 0.425 { return central(q) }
        // 1 − p is exact for p ≥ 0.5, so the upper tail loses nothing.
        let tail = tailMagnitude(r: (-log(q < 0 ? p : 1 - p)).squareRoot())
        return q < 0 ? -tail : tail
    }

    /// Φ⁻¹(exp(logP)) for a lower-tail probability (logP ≤ log 0.5), without forming a
    /// probability that might underflow.
    static func quantile(logLowerTail logP: Double) -> Double {
        if logP >= logCentralSplit { return central(exp(logP) - 0.5) }
        if logP == -.infinity { return -.infinity }
        let r = (-logP).squareRoot()
        var z = -tailMagnitude(r: r)
        if r > 27 {
            // AS241 is fitted down to p ≈ 1e-316; beyond, Newton's method on log Φ converges from
            // its estimate in a few steps (log Φ is concave, so the steps do not overshoot).
            for _ in 0..<8 {
                let f = millsDenominator(-z)  // z < −37 here, inside the fraction's range
                let step = (-0.5 * z * z - logSquareRootOfTwoPi - log(f) - logP) / f
                z -= step
                if abs(step) <= 1e-15 * abs(z) { break }
            }
        }
        return z
    }

    private static func central(_ q: Double) -> Double {
        let r = 0.180625 - q * q
        let numerator =
            (((((((2.509_080_928_730_122_672_7e3 * r + 3.343_057_558_358_812_810_5e4) * r
                + 6.726_577_092_700_870_085_3e4) * r + 4.592_195_393_154_987_145_7e4) * r
                + 1.373_169_376_550_946_112_5e4) * r + 1.971_590_950_306_551_442_7e3) * r
                + 1.331_416_678_917_843_774_5e2) * r + 3.387_132_872_796_366_608_0)
        let denominator =
            (((((((5.226_495_278_852_854_561_0e3 * r + 2.872_908_573_572_194_267_4e4) * r
                + 3.930_789_580_009_271_061_0e4) * r + 2.121_379_430_158_659_586_7e4) * r
                + 5.394_196_021_424_751_107_7e3) * r + 6.871_870_074_920_579_083_0e2) * r
                + 4.231_333_070_160_091_125_2e1) * r + 1)
        return q * numerator / denominator
    }

    /// |Φ⁻¹(p)| for a tail probability min(p, 1 − p) = exp(−r²).
    private static func tailMagnitude(r: Double) -> Double {
        if r <= 5 {
            let s = r - 1.6
            let numerator =
                (((((((7.745_450_142_783_414_076_40e-4 * s + 2.272_384_498_926_918_458_33e-2) * s
                    + 2.417_807_251_774_506_117_70e-1) * s + 1.270_458_252_452_368_382_58) * s
                    + 3.647_848_324_763_204_605_04) * s + 5.769_497_221_460_691_405_50) * s
                    + 4.630_337_846_156_545_295_90) * s + 1.423_437_110_749_683_577_34)
            let denominator =
                (((((((1.050_750_071_644_416_843_24e-9 * s + 5.475_938_084_995_344_946_00e-4) * s
                    + 1.519_866_656_361_645_719_66e-2) * s + 1.481_039_764_274_800_745_90e-1) * s
                    + 6.897_673_349_851_000_045_50e-1) * s + 1.676_384_830_183_803_849_40) * s
                    + 2.053_191_626_637_758_821_87) * s + 1)
            return numerator / denominator
        }
        let s = r - 5
        let numerator =
            (((((((2.010_334_399_292_288_132_65e-7 * s + 2.711_555_568_743_487_578_15e-5) * s
                + 1.242_660_947_388_078_438_60e-3) * s + 2.653_218_952_657_612_309_30e-2) * s
                + 2.965_605_718_285_048_912_30e-1) * s + 1.784_826_539_917_291_335_80) * s
                + 5.463_784_911_164_114_369_90) * s + 6.657_904_643_501_103_777_20)
        let denominator =
            (((((((2.044_263_103_389_939_785_64e-15 * s + 1.421_511_758_316_445_888_70e-7) * s
                + 1.846_318_317_510_054_681_80e-5) * s + 7.868_691_311_456_132_591_00e-4) * s
                + 1.487_536_129_085_061_485_25e-2) * s + 1.369_298_809_227_358_053_10e-1) * s
                + 5.998_322_065_558_879_376_90e-1) * s + 1)
        return numerator / denominator
    }
}

// MARK: - Log-space helpers shared by the truncated samplers

/// log(1 − eˣ) for x ≤ 0 without cancellation (Mächler's log1mexp).
func logOneMinusExp(_ x: Double) -> Double {
    x > -0.693_147_180_559_945_3 ? log(-expm1(x)) : log1p(-exp(x))
}
