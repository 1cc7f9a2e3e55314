public import DNSCore
import Foundation
public import Model

/// The questions a zone can answer: every distinct owner name and type in it, from the
/// latest verified snapshot in the zones store, or else transferred (AXFR) from the server
/// under test itself.
public enum ZoneQuestions {
    /// Enough distinct names to defeat any answer cache; larger zones are sampled evenly.
    public static let maximumQuestions = 100_000

    public struct Loaded: Sendable {
        public let questions: [Question]
        /// `snapshot zones/example.org/2026...zone` or `AXFR from 127.0.0.1`.
        public let origin: String
    }

    public static func load(zone: DomainName, store: SnapshotStore?, server: ServerAddress,
                            timeout: Duration = .seconds(30)) async throws -> Loaded {
        if let store, let manifest = try? store.latest(of: zone) {
            let path = store.zonePath(manifest, zone: zone)
            do {
                let records = try ZoneFileReader.readAll(path: path, origin: zone)
                return Loaded(questions: try questions(from: records, zone: zone, origin: path),
                              origin: "snapshot \(path)")
            } catch let error as HeadroomError {
                throw error
            } catch {
                throw HeadroomError(.input, "snapshot \(path) of \(zone): \(error)")
            }
        }
        let collector = RecordCollector()
        do {
            _ = try await AXFRClient(timeout: timeout).transfer(zone: zone, from: server) { records in
                collector.add(records)
            }
        } catch {
            throw HeadroomError(.input, "zone \(zone): no snapshot in the zones store and \(error)")
        }
        return Loaded(questions: try questions(from: collector.records, zone: zone, origin: "AXFR of \(zone) from \(server)"),
                      origin: "AXFR of \(zone) from \(server)")
    }

    /// Distinct (owner, type) pairs, DNSSEC plumbing left out: clients ask for data, and
    /// RRSIG or NSEC questions are not what a server's normal peak consists of.
    static func questions(from records: [ResourceRecord], zone: DomainName, origin: String) throws -> [Question] {
        let skipped: Set<RRType> = [.rrsig, .nsec, .nsec3, .nsec3param]
        var seen = Set<Question>()
        var questions: [Question] = []
        for record in records where !skipped.contains(record.type) {
            let question = Question(name: record.owner, type: record.type)
            if seen.insert(question).inserted { questions.append(question) }
        }
        guard !questions.isEmpty else { throw HeadroomError(.input, "\(origin): no names to ask for in \(zone)") }
        guard questions.count > maximumQuestions else { return questions }
        let stride = Double(questions.count) / Double(maximumQuestions)
        return (0..<maximumQuestions).map { questions[Int(Double($0) * stride)] }
    }
}

/// Records handed over from the transfer thread.
private final class RecordCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ResourceRecord] = []

    func add(_ records: [ResourceRecord]) {
        lock.withLock { stored += records }
    }

    var records: [ResourceRecord] { lock.withLock { stored } }
}
