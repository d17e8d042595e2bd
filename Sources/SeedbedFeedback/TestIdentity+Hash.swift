extension TestIdentity {
    /// The identity's parts fed to FNV-1a 64, each one separated so that no two identities run
    /// together: the start of a repeated-test count and of a stored test key alike.
    var hasher: FNV1a64 {
        Self.hasher(suitePath: Self.pathHasher(suitePath), classname: classname, name: name, file: file)
    }

    /// The hash of a suite path: the first part of every identity hash in the suite, so a
    /// report reader hashes it once per suite rather than once per test.
    static func pathHasher(_ suitePath: [String]) -> FNV1a64 {
        var hash = FNV1a64()
        for part in suitePath { hash = pathHasher(extending: hash, with: part) }
        return hash
    }

    /// The path hash of a suite inside the suite whose path hash is `parent`.
    static func pathHasher(extending parent: FNV1a64, with part: String) -> FNV1a64 {
        var hash = parent
        hash.combine(part)
        hash.separate()
        return hash
    }

    /// An identity's hash from its suite path's (see `pathHasher`) and its other parts.
    static func hasher(suitePath: FNV1a64, classname: String?, name: String, file: String?) -> FNV1a64 {
        hasher(classHash: classHasher(suitePath: suitePath, classname: classname), name: name, file: file)
    }

    /// The hash up to the class name: shared by the tests of one class in one suite.
    static func classHasher(suitePath: FNV1a64, classname: String?) -> FNV1a64 {
        var hash = suitePath
        hash.separate()
        hash.combine(classname ?? "")
        return hash
    }

    /// An identity's hash from its class hash (see `classHasher`), its name and its file.
    static func hasher(classHash: FNV1a64, name: String, file: String?) -> FNV1a64 {
        var hash = classHash
        hash.separate()
        hash.combine(name)
        hash.separate()
        hash.combine(file ?? "")
        return hash
    }

    /// Whether the identity is the one these parts make (`==` without making it).
    func isSame(_ suitePath: [String], _ classname: String?, _ name: String, _ file: String?) -> Bool {
        self.name == name && self.classname == classname && self.file == file && self.suitePath == suitePath
    }
}
