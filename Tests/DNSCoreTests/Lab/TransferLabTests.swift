import DNSCore
import DNSWardTestKit
import Synchronization
import Testing

extension LabTests {
    @Suite struct Transfer {
        @Test func largeZoneStreams() async throws {
            let counted = Mutex((records: 0, batches: 0, largestBatch: 0))
            let summary = try await AXFRClient().transfer(zone: "large.test.", from: Lab.authA) { records in
                counted.withLock {
                    $0.records += records.count
                    $0.batches += 1
                    $0.largestBatch = max($0.largestBatch, records.count)
                }
            }
            #expect(summary.complete)
            #expect(summary.recordCount >= 200_000)
            #expect(counted.withLock { $0.records } == summary.recordCount)
            // Streamed message by message, never the whole zone in one call.
            #expect(counted.withLock { $0.batches } == summary.messages)
            #expect(counted.withLock { $0.largestBatch } < 10_000)
            #expect(summary.soa.soa?.serial == SOASerial(2026112401))
        }

        @Test func knotTransfersTooAndAgrees() async throws {
            let fromNSD = Mutex<Set<CanonicalRecordKey>>([])
            let fromKnot = Mutex<Set<CanonicalRecordKey>>([])
            _ = try await AXFRClient().transfer(zone: "healthy.test.", from: Lab.authA) { records in
                fromNSD.withLock { $0.formUnion(records.map(\.canonicalKey)) }
            }
            _ = try await AXFRClient().transfer(zone: "healthy.test.", from: Lab.authB) { records in
                fromKnot.withLock { $0.formUnion(records.map(\.canonicalKey)) }
            }
            #expect(fromNSD.withLock { $0.count } > 5)
            #expect(fromNSD.withLock { $0 } == fromKnot.withLock { $0 })
        }

        @Test(arguments: [Lab.authA, Lab.authB])
        func refusedTransferIsAClearError(server: ServerAddress) async throws {
            let error = await #expect(throws: DNSCoreError.self) {
                try await AXFRClient().transfer(zone: "noaxfr.test.", from: server)
            }
            // A refusal is a policy, told apart from a broken transfer.
            #expect(error?.code == .transferRefused)
            #expect(error?.reason.contains("refused") == true)
        }

        @Test func firstMessageOnlyStopsEarly() async throws {
            let summary = try await AXFRClient().transfer(zone: "large.test.", from: Lab.authA, firstMessageOnly: true)
            #expect(!summary.complete)
            #expect(summary.messages == 1)
            #expect(summary.soa.type == .soa)
        }
    }
}
