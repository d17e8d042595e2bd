import Testing

@testable import SeedbedScore

/// Single metrics on inputs small enough to check by hand. Where a value is marked
/// "SDMetrics 0.32.0", it was also computed by SDMetrics 0.32.0 with SDMetricsReference.py
/// (numpy 2.4.6, pandas 2.3.3, scipy 1.17.1) and agrees.
@Suite("Fidelity metrics")
struct FidelityTests {
    @Test("KSComplement is 1 minus the largest CDF gap, nulls dropped (SDMetrics 0.32.0: 0.6)")
    func ksComplement() {
        // CDFs at 5: real 5/5, synthetic 3/5: the largest gap, 0.4.
        let score = KSComplement.score(real: [1, 2, 3, 4, 5, nil], synthetic: [2, 3, 4, 6, 8])
        #expect(score == 0.6)
    }

    @Test("KSComplement counts ties once on each side")
    func ksComplementTies() {
        // real CDF at 1: 2/4; synthetic: 1/2. At 2: 3/4 vs 1/2. At 3: 1 vs 1.
        #expect(KSComplement.score(real: [1, 1, 2, 3], synthetic: [1, 3]) == 0.75)
        #expect(KSComplement.score(real: [0.1 + 0.2], synthetic: [0.3]) == 1)
    }

    @Test("the radix sort behind KSComplement orders like sort(), negatives, zeros and infinities included")
    func radixSort() {
        var generator = SplitMix64(seed: 11)
        var values: [Double] = [-0.0, 0.0, .infinity, -.infinity, .greatestFiniteMagnitude, -.leastNonzeroMagnitude]
        for _ in 0..<(RadixSort.threshold * 3) {
            switch generator.next() % 4 {
            case 0: values.append(Double(Int64(bitPattern: generator.next()) % 1_000))
            case 1: values.append(Double.random(in: -1e6...1e6, using: &generator))
            case 2: values.append(Double.random(in: -1e-300...1e-300, using: &generator))
            default: values.append(Double(bitPattern: generator.next() & ~(0x7FF << 52)))
            }
        }
        var sorted = values
        RadixSort.sort(&sorted)
        #expect(sorted == values.sorted())
        #expect(sorted.first == -.infinity)
        #expect(sorted.last == .infinity)
    }

    @Test("KSComplement of an empty side is not computable")
    func ksComplementEmpty() {
        #expect(KSComplement.score(real: [nil, nil], synthetic: [1]) == nil)
        #expect(KSComplement.score(real: [1], synthetic: []) == nil)
    }

    @Test("TVComplement gives a synthetic-only category a 1e-6 real pseudo-count (SDMetrics 0.32.0)")
    func tvComplement() throws {
        let score = try #require(TVComplement.score(real: ["a", "a", "b", "c", nil], synthetic: ["a", "b", "b", "d"]))
        // By hand: real a .5, b .25, c .25 (d 1e-6 of 4.000001); synthetic a .25, b .5, d .25.
        let total = 4.000_001
        let byHand = 1 - 0.5 * (abs(0.25 - 2 / total) + abs(0.5 - 1 / total) + 1 / total + abs(0.25 - 1e-6 / total))
        #expect(abs(score - byHand) < 1e-15)
        #expect(abs(score - 0.500_000_187_499_953_1) < 1e-15)
    }

    @Test("TVComplement of equal shares is 1, of disjoint categories about 0")
    func tvComplementExtremes() throws {
        #expect(TVComplement.score(real: ["a", "b"], synthetic: ["b", "a", "a", "b"]) == 1)
        let disjoint = try #require(TVComplement.score(real: ["a"], synthetic: ["b"]))
        #expect(disjoint < 1e-6)
        #expect(TVComplement.score(real: [nil], synthetic: ["a"]) == nil)
    }

    @Test("CorrelationSimilarity is 1 - |ρr - ρs| / 2 (SDMetrics 0.32.0: 0.16270166537925834)")
    func correlationSimilarity() throws {
        let result = CorrelationSimilarity.breakdown(
            real: ([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), synthetic: ([1, 2, 3, 4, 5], [5, 3, 4, 2, 1]))
        let real = try #require(result.real)
        let synthetic = try #require(result.synthetic)
        // By hand: real sxy = 6, sxx = 10, syy = 6: ρ = 6 / √60; synthetic ρ = -0.9.
        #expect(abs(real - 6 / 60.0.squareRoot()) < 1e-15)
        #expect(abs(synthetic - -0.9) < 1e-15)
        let score = try #require(result.score)
        #expect(abs(score - 0.162_701_665_379_258_34) < 1e-15)
    }

    @Test("Pearson's r from per-column moments is the pairwise computation to the bit")
    func pearsonFromMoments() throws {
        var generator = SplitMix64(seed: 9)
        let x: [Double?] = (0..<5_000).map { _ in Double.random(in: -1e3...1e6, using: &generator) }
        let y: [Double?] = x.map { $0.map { $0 * 0.3 + Double.random(in: 0...1e5, using: &generator) } }
        let moments = (CorrelationSimilarity.Moments(x), CorrelationSimilarity.Moments(y))
        #expect(moments.0 != nil && moments.1 != nil)
        let fast = try #require(CorrelationSimilarity.pearson(x, y, moments: moments))
        #expect(fast == CorrelationSimilarity.pearson(x, y))
        #expect(CorrelationSimilarity.Moments([1, nil, 3]) == nil)
        #expect(CorrelationSimilarity.Moments([1]) == nil)
    }

    @Test("CorrelationSimilarity drops incomplete rows and refuses constant columns")
    func correlationSimilarityEdges() {
        let dropped = CorrelationSimilarity.score(
            real: ([1, 2, 3, nil], [1, 2, 3, 9]), synthetic: ([1, 2, 3, 4], [3, 2, 1, nil]))
        // ρ_real = 1 and ρ_synthetic = -1, up to rounding.
        #expect(dropped.map { abs($0) < 1e-15 } == true)
        let constant = CorrelationSimilarity.score(
            real: ([1, 1, nil], [1, 2, 3]), synthetic: ([1, 2, 3], [1, 2, 3]))
        #expect(constant == nil)
    }

    @Test("CorrelationSimilarity with a threshold ignores a pair without a real trend")
    func correlationThreshold() {
        let result = CorrelationSimilarity.breakdown(
            real: ([1, 2, 3, 4], [1, 3, 2, 1]), synthetic: ([1, 2, 3, 4], [1, 2, 3, 4]), realCorrelationThreshold: 0.5)
        #expect(result.score == nil)
        #expect(result.real.map { abs($0) <= 0.5 } == true)
    }

    @Test("ContingencySimilarity is 1 - TV of the joint table, null a category (SDMetrics 0.32.0: 0.7)")
    func contingencySimilarity() throws {
        let score = try #require(
            ContingencySimilarity.score(
                real: (.categorical(["x", "x", "y", "y", nil]), .categorical(["p", "q", "p", "p", "q"])),
                synthetic: (
                    .categorical(["x", "y", "y", "y", "x", nil]), .categorical(["p", "p", "q", "p", "p", "q"])
                )))
        // |.2-2/6| + |.2-0| + |.4-2/6| + |0-1/6| + |.2-1/6| = .6, halved.
        #expect(abs(score - 0.7) < 1e-15)
    }

    @Test("Cramér's V of a perfectly associated table is 1, of an independent one 0")
    func cramersV() {
        let perfect = ContingencySimilarity.breakdown(
            real: (.categorical(["a", "a", "b", "b"]), .categorical(["x", "x", "y", "y"])),
            synthetic: (.categorical(["a"]), .categorical(["x"])), realAssociationThreshold: 0.3)
        #expect(perfect.realAssociation.map { abs($0 - 1) < 1e-12 } == true)
        let independent = ContingencySimilarity.breakdown(
            real: (.categorical(["a", "a", "b", "b"]), .categorical(["x", "y", "x", "y"])),
            synthetic: (.categorical(["a"]), .categorical(["x"])), realAssociationThreshold: 0.3)
        #expect(independent.realAssociation == 0)
        #expect(independent.score == nil)
    }

    @Test("mixed pairs bin with numpy's edges and digitize: the real maximum shares the top code with nulls")
    func binning() {
        let edges = Binning.edges(of: [1, 2, 3, 10, nil], binCount: 10)
        #expect(edges.count == 11)
        #expect(edges.first == 1)
        #expect(edges.last == 10)
        #expect(abs(edges[1] - 1.9) < 1e-15)
        // np.digitize([nan, 10, 1, 0, 11], edges) == [11, 11, 1, 0, 11]
        #expect(Binning.codes([nil, 10, 1, 0, 11], edges: edges) == [11, 11, 1, 0, 11])
        #expect(Binning.edges(of: [4, 4], binCount: 10).first == 3.5)
        #expect(Binning.edges(of: [nil], binCount: 10).last == 1)
    }

    @Test("binning by division gives the codes digitize gives: the edges at or below each value")
    func binningByDivision() {
        var generator = SplitMix64(seed: 5)
        for (low, high) in [(0.0, 1.0), (-3.7, 1e9), (0.1, 0.30000000000000004), (17, 17)] {
            let data: [Double?] = [low, high] + (0..<200).map { _ in Double.random(in: low...high, using: &generator) }
            let edges = Binning.edges(of: data, binCount: 10)
            // Values on and just beside every edge, outside the range, and infinite.
            var probes: [Double?] = data + [nil, -.infinity, .infinity, low - 1, high + 1]
            for edge in edges { probes += [edge, edge.nextDown, edge.nextUp] }
            let expected = probes.map { value in value.map { v in Int32(edges.count { $0 <= v }) } ?? 11 }
            #expect(Binning.codes(probes, edges: edges) == expected, "\(low)...\(high)")
        }
    }
}
