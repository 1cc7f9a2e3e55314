import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Model
import ServerControl

/// What the restore lab's Unbound says, the way a client asks (RD, DO).
enum LabResolver {
    struct Answer {
        let rcode: ResponseCode?
        let authenticated: Bool
        let records: [ResourceRecord]

        /// A usable answer: NOERROR with data.
        var resolves: Bool { rcode == .noError && !records.isEmpty }
    }

    /// Timeouts long enough for Unbound to give up on a dead authority (about two seconds
    /// with the lab's `infra-cache-max-rtt: 1000`) and say SERVFAIL.
    static let client = DNSClient(options: QueryOptions(timeout: .seconds(3), udpRetries: 1))

    static func ask(_ name: DomainName, _ type: RRType) async -> Answer {
        do {
            let response = try await client.query(name, type, at: RestoreLab.resolver, recursionDesired: true, dnssec: true)
            let message = response.message
            return Answer(rcode: message.rcode, authenticated: message.flags.contains(.ad),
                          records: message.answer.filter { $0.owner == name && $0.type == type })
        } catch {
            return Answer(rcode: nil, authenticated: false, records: [])
        }
    }

    static func restorer(_ lab: RestoreLab) throws -> UnboundRestorer {
        UnboundRestorer(
            control: try UnboundControl(configPath: lab.unboundConfig), includeDirectory: lab.includeDirectory,
            verifier: RestoreVerifier(resolver: RestoreLab.resolver))
    }

    static func snapshot(_ zone: DomainName, _ lab: RestoreLab, id: String = "latest") throws -> RestoreSnapshot {
        try RestoreSnapshot.load(from: SnapshotStore(root: lab.storeDirectory), zone: zone, id: id)
    }

    /// The names the tests want served from the backup, besides the apex SOA and NS.
    static func critical(_ zone: DomainName) throws -> [CriticalQuestion] {
        CriticalQuestion.defaults(for: zone) + [
            CriticalQuestion(name: try zone.prepending("www"), type: .a),
            CriticalQuestion(name: try zone.prepending("www"), type: .aaaa),
            CriticalQuestion(name: try zone.prepending("txt"), type: .txt),
            CriticalQuestion(name: zone, type: .mx),
        ]
    }
}
