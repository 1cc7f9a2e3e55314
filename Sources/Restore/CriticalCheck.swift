/// How the resolver answered one critical question after a switch.
public struct CriticalCheck: Sendable, Codable, Equatable {
    public let question: CriticalQuestion
    public let passed: Bool
    /// The response code, or nil when no answer came.
    public let rcode: String?
    /// The AD flag of the answer.
    public let authenticated: Bool
    /// The snapshot's RRset (presentation format), empty when it has none.
    public let expected: [String]
    /// What the resolver returned for the name and type.
    public let received: [String]
    public let problem: String?

    public init(question: CriticalQuestion, passed: Bool, rcode: String?, authenticated: Bool,
                expected: [String], received: [String], problem: String?) {
        self.question = question
        self.passed = passed
        self.rcode = rcode
        self.authenticated = authenticated
        self.expected = expected
        self.received = received
        self.problem = problem
    }
}
