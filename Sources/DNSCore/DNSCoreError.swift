public import Platform

/// The one error type of the DNS layer: a stable code to branch on, a reason for people,
/// and where it was raised.
public struct DNSCoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidName = Code("invalid-name")
        public static let invalidRecord = Code("invalid-record")
        public static let invalidMessage = Code("invalid-message")
        public static let invalidZoneFile = Code("invalid-zone-file")
        public static let fileAccess = Code("file-access")
        public static let encoding = Code("encoding")
        public static let dnssec = Code("dnssec")
        public static let transfer = Code("transfer")
        /// A transfer stopped at a time, record or byte limit.
        public static let transferLimit = Code("transfer-limit")
        public static let resolution = Code("resolution")
        public static let notDelegated = Code("not-delegated")
        public static let process = Code("process")
        public static let invalidArgument = Code("invalid-argument")
        /// A transfer's TSIG authentication failed (RFC 8945): wrong key, bad signature, clocks apart.
        public static let tsig = Code("tsig")
        /// The server said no to the transfer (REFUSED, NOTAUTH, closed at once): a policy, not a fault.
        public static let transferRefused = Code("transfer-refused")
        /// Another dnsward holds the lock of the directory.
        public static let locked = Code("locked")
    }

    public let code: Code
    public let reason: String
    /// ldns's status text when ldns raised it; kept so nothing of the source is lost.
    public let ldnsStatus: String?
    public let file: String
    public let line: Int

    public init(
        _ code: Code, _ reason: String, ldnsStatus: String? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.reason = reason
        self.ldnsStatus = ldnsStatus
        self.file = file
        self.line = line
    }

    public var description: String {
        if let ldnsStatus, !reason.contains(ldnsStatus) { return "\(reason) (\(ldnsStatus))" }
        return reason
    }
}

extension DNSCoreError {
    /// The system layer's error in this layer's terms: same code, same words.
    public init(_ error: SystemError, file: String = #fileID, line: Int = #line) {
        let code: Code = switch error.code {
        case .locked: .locked
        case .process: .process
        default: .fileAccess
        }
        self.init(code, error.message, file: file, line: line)
    }
}

extension DNSCoreError {
    /// Runs `body`, turning a system-layer error into this layer's.
    static func from<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SystemError {
            throw DNSCoreError(error)
        }
    }
}
