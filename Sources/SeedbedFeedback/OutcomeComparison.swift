public import SeedbedCatalog

/// Two dataset versions' test outcomes side by side: which tests fail where, which failure
/// fingerprints are new, and how the tests of the rules and scenarios added in B ended.
public struct OutcomeComparison: Sendable, Equatable {
    /// A test failing (failed or errored in some run) on a version.
    public struct FailingTest: Sendable, Equatable {
        public var key: String
        public var name: String
        /// Its fingerprints on that version (on B for tests failing on both).
        public var fingerprints: [String]
    }

    /// A failure fingerprint of B that no failure of A had.
    public struct NewFingerprint: Sendable, Equatable {
        public var fingerprint: String
        /// The message of one failure with it.
        public var message: String?
        /// The tests failing with it on B, by name.
        public var tests: [String]
    }

    /// A rule or scenario B's spec declares and A's did not, with its tests on B.
    public struct AddedTarget: Sendable, Equatable {
        public var id: String
        /// Distinct tests of B linked to it.
        public var tests: Int
        /// Of those, the ones that failed or errored.
        public var failingTests: Int
    }

    public var a: DatasetReference
    public var b: DatasetReference
    public var failingOnlyOnA: [FailingTest]
    public var failingOnlyOnB: [FailingTest]
    public var failingOnBoth: [FailingTest]
    public var newFingerprints: [NewFingerprint]
    public var rulesAdded: [AddedTarget]
    public var scenariosAdded: [AddedTarget]

    /// - Throws: `.notFound` when either version is not in the catalog.
    public init(a: DatasetReference, b: DatasetReference, in catalog: Catalog) throws(CatalogError) {
        self.a = a
        self.b = b
        let specA = try catalog.version(a).source.specText
        let specB = try catalog.version(b).source.specText
        let storedB = try catalog.failingResults(of: b)
        let failingA = Self.failing(try catalog.failingResults(of: a))
        let failingB = Self.failing(storedB)
        let keysA = Set(failingA.map(\.key))
        let keysB = Set(failingB.map(\.key))
        failingOnlyOnA = failingA.filter { !keysB.contains($0.key) }
        failingOnlyOnB = failingB.filter { !keysA.contains($0.key) }
        failingOnBoth = failingB.filter { keysA.contains($0.key) }

        let fingerprintsA = Set(failingA.flatMap(\.fingerprints))
        var fresh: [String: NewFingerprint] = [:]
        var order: [String] = []
        for stored in storedB {
            guard let fingerprint = stored.result.fingerprint, !fingerprintsA.contains(fingerprint) else { continue }
            if fresh[fingerprint] == nil {
                order.append(fingerprint)
                fresh[fingerprint] = NewFingerprint(fingerprint: fingerprint, message: stored.result.message, tests: [])
            }
            if fresh[fingerprint]?.tests.contains(stored.result.displayName) == false {
                fresh[fingerprint]?.tests.append(stored.result.displayName)
            }
        }
        newFingerprints = order.sorted().compactMap { fresh[$0] }

        let specs = SpecComparison(old: specA, new: specB)
        let links = try catalog.linkedTargets(named: b.name).filter { $0.version == b.version }
        func added(_ ids: [String], kind: TestLink.Kind) -> [AddedTarget] {
            ids.map { id in
                let target = links.first { $0.kind == kind && $0.value == id }
                return AddedTarget(id: id, tests: target?.tests ?? 0, failingTests: target?.failingTests ?? 0)
            }
        }
        rulesAdded = added(specs.rulesAdded, kind: .rule)
        scenariosAdded = added(specs.scenariosAdded, kind: .scenario)
    }

    /// One entry per failing test, by name, with its distinct fingerprints.
    private static func failing(_ results: [StoredTestResult]) -> [FailingTest] {
        var byKey: [String: FailingTest] = [:]
        for stored in results {
            let result = stored.result
            var test = byKey[result.key] ?? FailingTest(key: result.key, name: result.displayName, fingerprints: [])
            if let fingerprint = result.fingerprint, !test.fingerprints.contains(fingerprint) {
                test.fingerprints.append(fingerprint)
            }
            byKey[result.key] = test
        }
        return byKey.values.map { test in
            var sorted = test
            sorted.fingerprints.sort()
            return sorted
        }.sorted { ($0.name, $0.key) < ($1.name, $1.key) }
    }
}
