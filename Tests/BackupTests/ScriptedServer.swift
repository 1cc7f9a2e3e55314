import DNSCore
import DNSWardTestKit
import Foundation
import Glibc
import Platform

/// `ldns-testns` answering from a scripted entry file on 127.0.0.1 and a random port (it
/// binds the wildcard address and answers from the primary loopback address); stopped by
/// its pid.
final class ScriptedServer: @unchecked Sendable {
    let address: ServerAddress
    private let process: Subprocess.Running
    private let directory: String

    private init(address: ServerAddress, process: Subprocess.Running, directory: String) {
        self.address = address
        self.process = process
        self.directory = directory
    }

    /// Started once it answers `ready SOA` (the entries must script that answer).
    static func start(_ entries: String, ready: DomainName) async throws -> ScriptedServer {
        let directory = NSTemporaryDirectory() + "dnsward-testns-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try entries.write(toFile: directory + "/entries", atomically: true, encoding: .utf8)
        for _ in 0..<5 {
            let port = UInt16.random(in: 20_000...59_999)
            let process = try Subprocess.start("/usr/bin/ldns-testns", ["-p", String(port), directory + "/entries"], mergeErrors: true)
            let address = try ServerAddress(host: "127.0.0.1", port: port)
            let client = DNSClient(options: QueryOptions(timeout: .milliseconds(200), udpRetries: 0))
            for _ in 0..<25 {
                let answer = try? await client.query(ready, .soa, at: address)
                if answer != nil {
                    return ScriptedServer(address: address, process: process, directory: directory)
                }
                try await Task.sleep(for: .milliseconds(40))
            }
            process.signal(SIGTERM)
            _ = await process.finished(timeout: .seconds(3))
        }
        try? FileManager.default.removeItem(atPath: directory)
        throw DNSCoreError(.process, "ldns-testns did not start")
    }

    func stop() async {
        process.signal(SIGTERM)
        _ = await process.finished(timeout: .seconds(3))
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// An entry answering `name type` authoritatively with `answer` (presentation lines).
    static func entry(_ name: String, _ type: String, _ answer: [String] = []) -> String {
        """
        ENTRY_BEGIN
        MATCH opcode qtype qname
        ADJUST copy_id
        REPLY QR AA NOERROR
        SECTION QUESTION
        \(name) IN \(type)
        SECTION ANSWER
        \(answer.joined(separator: "\n"))
        ENTRY_END

        """
    }
}
