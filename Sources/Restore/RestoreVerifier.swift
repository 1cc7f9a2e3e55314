public import DNSCore

/// Asks the resolver the critical questions the way a client does (RD=1, DO=1) and
/// compares each answer with the snapshot: the same RRset in canonical form (TTL, case
/// and order ignored), and AD when the copy is signed and the resolver validates it.
public struct RestoreVerifier: Sendable {
    public let resolver: ServerAddress
    public let client: DNSClient

    public init(resolver: ServerAddress, client: DNSClient = DNSClient(options: QueryOptions(timeout: .seconds(2), udpRetries: 1))) {
        self.resolver = resolver
        self.client = client
    }

    public func check(_ expectations: [CriticalExpectation], requireAD: Bool) async -> [CriticalCheck] {
        await withTaskGroup(of: (Int, CriticalCheck).self) { group in
            for (index, expectation) in expectations.enumerated() {
                group.addTask { (index, await check(expectation, requireAD: requireAD)) }
            }
            var checks: [(Int, CriticalCheck)] = []
            for await result in group { checks.append(result) }
            return checks.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    public func check(_ expectation: CriticalExpectation, requireAD: Bool) async -> CriticalCheck {
        let question = expectation.question
        let expected = expectation.rrset?.canonicalRecords.map(\.description) ?? []
        let response: DNSResponse
        do {
            response = try await client.query(question.name, question.type, at: resolver, recursionDesired: true, dnssec: true)
        } catch {
            return CriticalCheck(question: question, passed: false, rcode: nil, authenticated: false, expected: expected,
                                 received: [], problem: "no answer from \(resolver): \(error)")
        }
        let message = response.message
        let authenticated = message.flags.contains(.ad)
        let wantedType = expectation.rrset?.type ?? question.type
        let answered = RRSet.group(message.answer.filter { $0.owner == question.name && $0.type == wantedType }).first
        let received = answered?.canonicalRecords.map(\.description) ?? []
        var problem: String?
        if let wanted = expectation.rrset {
            if message.rcode != .noError {
                problem = "\(message.rcode) instead of the snapshot's \(wanted.type) RRset"
            } else if answered != wanted {
                problem = answered == nil ? "no \(wanted.type) RRset in the answer" : "the answer differs from the snapshot"
            }
        } else if message.rcode != .noError && message.rcode != .nxDomain {
            problem = "\(message.rcode); the snapshot has no such RRset, so NXDOMAIN or NODATA was expected"
        } else if answered != nil {
            problem = "the resolver answers data the snapshot does not have"
        }
        if problem == nil && requireAD && !authenticated {
            problem = "no AD flag: the signed copy was not validated"
        }
        return CriticalCheck(question: question, passed: problem == nil, rcode: message.rcode.description,
                             authenticated: authenticated, expected: expected, received: received, problem: problem)
    }
}
