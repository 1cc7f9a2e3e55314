/// Where queries may go: a list of address prefixes, and where the list came from, so a
/// refusal can say which setting refused.
///
/// A test, a demo or a benchmark sets `127.0.0.0/8, ::1`: one that forgets `--root-hints`
/// then fails at once with a clear error instead of asking the real root servers.
public struct TargetAllowList: Sendable, CustomStringConvertible {
    public let prefixes: [AddressPrefix]
    /// The setting it came from, e.g. "DNSWARD_ALLOW_TARGETS" or "allow_targets in dnsward.yml".
    public let source: String
    /// Set when the setting could not be read: such a list permits nothing (fail closed).
    public let problem: String?

    /// The loopback networks, the only targets tests, demos and benchmarks may have.
    public static let loopbackText = "127.0.0.0/8, ::1"

    public init(prefixes: [AddressPrefix], source: String) {
        self.prefixes = prefixes
        self.source = source
        problem = nil
    }

    /// Prefixes separated by commas and/or white space: `127.0.0.0/8, ::1`.
    public init(parsing text: String, source: String) throws(DNSCoreError) {
        let items = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" })
        guard !items.isEmpty else {
            throw DNSCoreError(.invalidArgument, "no address prefix given (e.g. \(Self.loopbackText))")
        }
        var prefixes: [AddressPrefix] = []
        for item in items {
            prefixes.append(try AddressPrefix(parsing: String(item)))
        }
        self.init(prefixes: prefixes, source: source)
    }

    private init(unreadable source: String, problem: String) {
        prefixes = []
        self.source = source
        self.problem = problem
    }

    /// The list `DNSWARD_ALLOW_TARGETS` holds; nil when it is unset or empty.
    static func fromEnvironment(_ value: String?) -> TargetAllowList? {
        guard let value, value.contains(where: { !$0.isWhitespace }) else { return nil }
        do {
            return try TargetAllowList(parsing: value, source: TargetPolicy.environmentVariable)
        } catch {
            return TargetAllowList(unreadable: TargetPolicy.environmentVariable, problem: error.reason)
        }
    }

    public func permits(_ server: ServerAddress) -> Bool {
        guard problem == nil, let address = ServerAddress.addressBytes(of: server.host) else { return false }
        return prefixes.contains { $0.contains(address) }
    }

    /// `127.0.0.0/8, ::1 (DNSWARD_ALLOW_TARGETS)`
    public var description: String {
        if let problem { return "\(source) is unusable (\(problem)), so it permits nothing" }
        return prefixes.map(\.description).joined(separator: ", ") + " (\(source))"
    }
}
