import DNSCore
import Foundation
import Model

/// Renders a query's answer for people (dig's layout) or machines (JSON schema v1,
/// documented in the README).
struct QueryPrinter {
    let format: OutputFormat

    func render(_ response: DNSResponse) -> String {
        switch format {
        case .text: return text(response)
        case .json: return json(QueryOutput(response))
        }
    }

    /// `ignoredAnswers`: what the server sent that was no answer to the query (JSON only;
    /// the message says it in words).
    func render(error code: String, message: String, ignoredAnswers: Int? = nil) -> String {
        switch format {
        case .text: return ";; error: \(message)"
        case .json: return json(QueryErrorOutput(error: .init(code: code, message: message, ignoredAnswers: ignoredAnswers)))
        }
    }

    private func text(_ response: DNSResponse) -> String {
        let message = response.message
        var lines: [String] = []
        lines.append(";; ->>HEADER<<- opcode: \(message.opcode == 0 ? "QUERY" : String(message.opcode)), status: \(message.rcode), id: \(message.id)")
        lines.append(";; flags: \(message.flags.names.joined(separator: " ")); QUERY: \(message.question.count), ANSWER: \(message.answer.count), AUTHORITY: \(message.authority.count), ADDITIONAL: \(message.additional.count + (message.edns == nil ? 0 : 1))")
        if let edns = message.edns {
            var line = ";; EDNS: version: \(edns.version), flags:\(edns.dnssecOK ? " do" : ""); udp: \(edns.udpPayloadSize)"
            if let nsid = edns.nsidText { line += "; NSID: \(nsid)" }
            lines.append(line)
            for error in edns.extendedErrors { lines.append(";; EDE: \(error)") }
        }
        lines.append(";; QUESTION SECTION:")
        lines += message.question.map { ";\($0.name)\t\t\($0.rrClass)\t\($0.type)" }
        for (title, records) in [("ANSWER", message.answer), ("AUTHORITY", message.authority), ("ADDITIONAL", message.additional)]
        where !records.isEmpty {
            lines.append("")
            lines.append(";; \(title) SECTION:")
            lines += records.map(\.description)
        }
        lines.append("")
        lines.append(";; Query time: \(Self.milliseconds(response.rtt)) ms")
        lines.append(";; SERVER: \(response.server) (\(response.transport.rawValue.uppercased())\(response.truncatedFallback ? ", after a truncated UDP answer" : ""))")
        lines.append(";; MSG SIZE rcvd: \(response.size)")
        return lines.joined(separator: "\n")
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.3f", duration.seconds * 1000)
    }

    private func json<T: Encodable>(_ value: T) -> String {
        JSONOutput.text(value)
    }
}

/// `dnsward query --format json`, schema version 1.
struct QueryOutput: Encodable {
    struct Record: Encodable {
        let name: String
        let ttl: UInt32
        let `class`: String
        let type: String
        let rdata: String
    }

    struct EDNSOutput: Encodable {
        let version: UInt8
        let udpSize: UInt16
        let dnssecOK: Bool
        let nsid: String?
        let extendedErrors: [String]
    }

    let schema = 1
    let server: String
    let transport: String
    let truncatedFallback: Bool
    let rttMilliseconds: Double
    let size: Int
    let id: UInt16
    let rcode: String
    let flags: [String]
    let edns: EDNSOutput?
    let question: [String]
    let answer: [Record]
    let authority: [Record]
    let additional: [Record]

    init(_ response: DNSResponse) {
        let message = response.message
        server = response.server.description
        transport = response.transport.rawValue
        truncatedFallback = response.truncatedFallback
        rttMilliseconds = (response.rtt.seconds * 1_000_000).rounded() / 1000
        size = response.size
        id = message.id
        rcode = message.rcode.description
        flags = message.flags.names
        edns = message.edns.map {
            EDNSOutput(version: $0.version, udpSize: $0.udpPayloadSize, dnssecOK: $0.dnssecOK,
                       nsid: $0.nsidText,
                       extendedErrors: $0.extendedErrors.map(\.description))
        }
        question = message.question.map(\.description)
        answer = message.answer.map(Self.record)
        authority = message.authority.map(Self.record)
        additional = message.additional.map(Self.record)
    }

    static func record(_ record: ResourceRecord) -> Record {
        let text = record.description
        let fields = text.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
        return Record(name: record.owner.description, ttl: record.ttl, class: record.rrClass.description,
                      type: record.type.description, rdata: fields.count == 5 ? String(fields[4]) : text)
    }
}

struct QueryErrorOutput: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        let ignoredAnswers: Int?
    }

    let schema = 1
    let error: Detail
}
