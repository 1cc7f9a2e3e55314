import DNSCore
import Model

/// AUTH-DATA: every server must serve the same RRsets for the critical names.
extension ZoneProbe {
    /// What one server said about one critical record, in a form that compares.
    struct DataAnswer: Hashable, Sendable {
        let rcode: ResponseCode
        let records: [CanonicalRecordKey]

        var text: String {
            records.isEmpty ? rcode.description
                : records.map { "\($0.type) \(ResourceRecord(owner: $0.owner, type: $0.type, ttl: 0, rdata: $0.rdata).description.split(separator: "\t").last ?? "")" }
                    .joined(separator: ", ")
        }
    }

    static func dataAnswer(_ message: Message, for record: CriticalRecord) -> DataAnswer {
        // A set first: a server may repeat a record, and an RRset is a set.
        let records = Set(message.answer
            .filter { $0.owner == record.name && ($0.type == record.type || $0.type == .cname) }
            .map(\.canonicalKey))
        return DataAnswer(rcode: message.rcode, records: records.sorted())
    }

    /// `checked`: the records the resolvers are held to. Of a default set, names every
    /// authority calls NXDOMAIN are left out (a zone need not have a `www`); the SOA is
    /// left to AUTH-SERIAL while the serials differ.
    func judgeData(_ observations: [AddressObservation], critical: [CriticalRecord], defaulted: Bool, serialsAgree: Bool)
        -> (findings: [Finding], truth: [CriticalRecord: Truth], checked: [CriticalRecord]) {
        var findings: [Finding] = []
        var truth: [CriticalRecord: Truth] = [:]
        var checked: [CriticalRecord] = []
        for record in critical {
            var answers: [DataAnswer: [ProbedServer]] = [:]
            for observation in observations {
                guard let message = observation.data[record]?.message, message.flags.contains(.aa) || message.rcode == .nxDomain
                else { continue }
                answers[Self.dataAnswer(message, for: record), default: []].append(observation.server)
            }
            let recordTruth = Truth(rrsets: Set(answers.keys.filter { $0.rcode == .noError }.map(\.records)),
                                    nxdomain: answers.keys.contains { $0.rcode == .nxDomain })
            if defaulted, recordTruth.rrsets.isEmpty, recordTruth.nxdomain { continue }
            truth[record] = recordTruth
            checked.append(record)
            guard answers.count > 1, serialsAgree || record.type != .soa else { continue }
            let severity: Severity = serialsAgree ? .critical : .warning
            var parameters: FindingParameters = ["name": .name(record.name.description), "type": .text(record.type.description)]
            for (answer, servers) in answers {
                for server in servers { parameters["answer \(server.name) \(server.address)"] = .text(answer.text) }
            }
            parameters["variants"] = .list(answers.map { answer, servers in
                "[\(answer.text)] from \(servers.map { "\($0.name)(\($0.address))" }.sorted().joined(separator: " "))"
            }.sorted())
            if defaulted { parameters["defaultSet"] = .flag(true) }
            findings.append(finding(.authData, severity, serialsAgree ? .dataDiffersEqualSerials : .dataDiffers, parameters))
        }
        if findings.isEmpty, !checked.isEmpty {
            findings.append(finding(.authData, .ok, .dataOK, ["count": .integer(checked.count)]))
        }
        return (findings, truth, checked)
    }
}
