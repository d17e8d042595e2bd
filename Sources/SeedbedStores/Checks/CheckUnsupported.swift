/// Why a CHECK cannot become a spec rule: a short reason for the warning the lead prints (the
/// database still enforces the check).
struct CheckUnsupported: Error, Equatable, Sendable {
    var reason: String

    init(_ reason: String) { self.reason = reason }
}
