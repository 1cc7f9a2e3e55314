public import DNSCore

/// What the resolver must answer for one critical question once the snapshot serves:
/// the snapshot's RRset (or the CNAME standing at the name), or nothing at all when the
/// snapshot has none, because a faithful backup does not invent data.
public struct CriticalExpectation: Sendable, Equatable {
    public let question: CriticalQuestion
    /// nil: the answer must hold no such RRset (NXDOMAIN or NODATA).
    public let rrset: RRSet?

    public init(question: CriticalQuestion, rrset: RRSet?) {
        self.question = question
        self.rrset = rrset
    }

    /// The expectations for `questions`, read from the snapshot (streamed: only the
    /// critical owners are kept).
    public static func from(_ snapshot: RestoreSnapshot, questions: [CriticalQuestion]) throws(RestoreError) -> [CriticalExpectation] {
        for question in questions where !question.name.isSubdomain(of: snapshot.zone) {
            throw RestoreError(.badInput, "critical name \(question.name) is not in the zone \(snapshot.zone)")
        }
        let records = try snapshot.records(ownedBy: Set(questions.map(\.name)))
        let sets = RRSet.group(records)
        return questions.map { question in
            let exact = sets.first { $0.owner == question.name && $0.type == question.type }
            let alias = question.type == .cname ? nil : sets.first { $0.owner == question.name && $0.type == .cname }
            return CriticalExpectation(question: question, rrset: exact ?? alias)
        }
    }
}
