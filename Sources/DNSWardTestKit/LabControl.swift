import DNSCore
import Platform

/// Runs lab/labctl and waits for it; its output is returned for failure messages.
public enum LabControl {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String { "\(command) exited \(status):\n\(output)" }
    }

    @discardableResult
    public static func run(_ arguments: [String]) async throws -> String {
        try await runProcess(Lab.directory + "/labctl", arguments)
    }

    @discardableResult
    public static func runProcess(_ executable: String, _ arguments: [String]) async throws -> String {
        try output(of: try await Subprocess.run(executable, arguments), executable, arguments)
    }

    /// For short commands from synchronous code (config checks, key generation): blocks
    /// the calling thread, so keep long-running programs on the async `runProcess`.
    @discardableResult
    public static func runProcessBlocking(_ executable: String, _ arguments: [String]) throws -> String {
        try output(of: try Subprocess.start(executable, arguments).wait(), executable, arguments)
    }

    /// The output of a finished command, or a failure naming it when it did not exit 0.
    private static func output(of result: Subprocess.Result, _ executable: String, _ arguments: [String]) throws -> String {
        guard result.status == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: result.status,
                          output: result.standardOutput + result.standardError)
        }
        return result.standardOutput + result.standardError
    }

    /// True when every lab server is already up (someone ran the demo first).
    public static func isRunning() async -> Bool {
        (try? await run(["status"])) != nil
    }
}
