import DNSCore
import DNSWardTestKit
import Foundation
import Platform

/// The built `dnsward` executable, run the way a user or cron runs it.
enum DNSWardBinary {
    static var path: String {
        // The test bundle sits in the same products directory as the executable.
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("dnsward").path
    }

    static func run(_ arguments: String...) async throws -> Subprocess.Result {
        try await Subprocess.run(path, arguments)
    }

    static func run(_ arguments: [String]) async throws -> Subprocess.Result {
        try await Subprocess.run(path, arguments)
    }
}
