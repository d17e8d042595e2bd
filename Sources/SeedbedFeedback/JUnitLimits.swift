/// Bounds on what a JUnit file may hold; anything past them is refused with an error, so a
/// hostile or broken file costs bounded time and memory.
public struct JUnitLimits: Hashable, Sendable {
    /// The largest file read. Parsing streams, so this bounds time, not memory.
    public var maxFileBytes: Int
    /// The deepest element nesting. Real reports nest under ten levels; libxml2 itself stops at
    /// 256, so a lower bound here gives the clearer message first.
    public var maxDepth: Int
    /// The most text one element may hold (a stack trace, a captured output), all its text and
    /// CDATA nodes together. libxml2 refuses single nodes over 10,000,000 bytes by itself.
    public var maxTextBytes: Int
    /// The longest attribute value (gotestsum writes a whole test log into `message`).
    public var maxAttributeBytes: Int
    /// How much may come before the root element (declaration, comments) while it is checked
    /// for a document type declaration.
    public var maxPrologBytes: Int

    public init(
        maxFileBytes: Int = 512 << 20, maxDepth: Int = 64, maxTextBytes: Int = 8 << 20,
        maxAttributeBytes: Int = 1 << 20, maxPrologBytes: Int = 1 << 20
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxTextBytes = maxTextBytes
        self.maxAttributeBytes = maxAttributeBytes
        self.maxPrologBytes = maxPrologBytes
    }

    public static let standard = JUnitLimits()
}

/// How a JUnit file is read.
public struct JUnitParseOptions: Hashable, Sendable {
    /// Return what was read before a truncation or a well-formedness error, with the run marked
    /// partial, instead of throwing. Safety refusals still throw.
    public var allowPartial: Bool
    public var limits: JUnitLimits
    /// How much of each message, stack trace and captured output is kept (the rest is cut with
    /// a marker). Fingerprints read the message and the first stack frames, which the kept head
    /// holds.
    public var storedTextBytes: Int
    /// How many attempts one test keeps; later ones are counted in a warning and dropped.
    public var maxAttemptsPerTest: Int

    public init(
        allowPartial: Bool = false, limits: JUnitLimits = .standard, storedTextBytes: Int = 64 << 10,
        maxAttemptsPerTest: Int = 100
    ) {
        self.allowPartial = allowPartial
        self.limits = limits
        self.storedTextBytes = storedTextBytes
        self.maxAttemptsPerTest = maxAttemptsPerTest
    }
}
