extension TestIdentity {
    /// The identity's parts fed to FNV-1a 64, each one separated so that no two identities run
    /// together: the start of a repeated-test count and of a stored test key alike.
    var hasher: FNV1a64 {
        var hash = FNV1a64()
        for part in suitePath {
            hash.combine(part)
            hash.separate()
        }
        hash.separate()
        hash.combine(classname ?? "")
        hash.separate()
        hash.combine(name)
        hash.separate()
        hash.combine(file ?? "")
        return hash
    }
}
