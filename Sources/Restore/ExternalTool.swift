import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Runs a resolver's tool (unbound-control, unbound-checkconf, named-checkconf) with an
/// argument array, never a shell string, and collects its status and output. Output goes
/// to temporary files rather than pipes, so a daemon the tool might start cannot keep us
/// waiting; a tool that outlives `timeout` is killed by its pid (only ever our child).
public struct ExternalTool: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public let timedOut: Bool

        public var succeeded: Bool { status == 0 && !timedOut }
    }

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The tool `name` from the usual system directories or `PATH`.
    public static func locate(_ name: String) -> ExternalTool? {
        var directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"]
        if let path = ProcessInfo.processInfo.environment["PATH"] {
            directories += path.split(separator: ":").map(String.init)
        }
        for directory in directories where access(directory + "/" + name, X_OK) == 0 {
            return ExternalTool(path: directory + "/" + name)
        }
        return nil
    }

    /// Runs the tool; waiting happens off the concurrency pool (see `Subprocess`).
    public func run(_ arguments: [String], timeout: Duration = .seconds(30)) async throws(RestoreError) -> Result {
        let result: Subprocess.Result
        do {
            result = try await Subprocess.run(path, arguments, mergeErrors: true, timeout: timeout)
        } catch {
            throw RestoreError(.environment, "\(error)")
        }
        return Result(status: result.status, output: result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines),
                      timedOut: result.timedOut)
    }
}
