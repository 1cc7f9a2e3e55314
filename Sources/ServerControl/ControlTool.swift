import DNSCore
import Foundation
import Platform

/// A server's control or checking program (`unbound-control`, `unbound-checkconf`,
/// `nsd-control`, `knotc`, `rndc`, `named-checkconf`), found on PATH or in the system
/// directories Debian installs it to, and run with an argument array, never a shell string.
/// Output goes through `Subprocess` (files, not pipes), and a program that outlives its
/// timeout is killed by its pid (only ever our child).
public struct ControlTool: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        /// Standard output and error together, trimmed.
        public let output: String
        public let timedOut: Bool

        public var succeeded: Bool { status == 0 && !timedOut }
    }

    public let path: String

    public init(path: String) {
        self.path = path
    }

    public static func locate(_ name: String) -> ControlTool? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"]
            + path.split(separator: ":").map(String.init)
        for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
            return ControlTool(path: directory + "/" + name)
        }
        return nil
    }

    /// Runs the program; waiting happens off the concurrency pool.
    public func run(_ arguments: [String], timeout: Duration = .seconds(30)) async throws(ServerControlError) -> Result {
        let result: Subprocess.Result
        do {
            result = try await Subprocess.run(path, arguments, mergeErrors: true, timeout: timeout)
        } catch {
            throw ServerControlError(path, "\(error)")
        }
        return Result(status: result.status, output: result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines),
                      timedOut: result.timedOut)
    }

    /// The program's standard output; a failure names the command and what it printed.
    func output(_ arguments: [String], source: String) async throws -> String {
        let result: Subprocess.Result
        do {
            result = try await Subprocess.run(path, arguments, timeout: .seconds(10))
        } catch {
            throw ServerControlError(source, "\(error)")
        }
        guard result.succeeded else {
            let said = (result.standardError + result.standardOutput).trimmingCharacters(in: .whitespacesAndNewlines)
            let how = result.timedOut ? "timed out after 10 s" : "exited \(result.status)"
            throw ServerControlError(source, "\(how)" + (said.isEmpty ? "" : ": \(said)"))
        }
        return result.standardOutput
    }
}

/// `name=value` lines, the statistics format of unbound-control and nsd-control.
enum StatisticsLines {
    static func value(of key: String, in text: String, source: String) throws -> UInt64 {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            guard line[..<equals].trimmingCharacters(in: .whitespaces) == key else { continue }
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // Unbound prints some counters with a fraction; query counts are whole.
            if let number = UInt64(value) { return number }
            if let number = Double(value), number >= 0 { return UInt64(number) }
            throw ServerControlError(source, "\(key) is not a number: '\(value)'")
        }
        throw ServerControlError(source, "no \(key) in the statistics")
    }
}
