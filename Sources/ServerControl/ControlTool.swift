import DNSCore
import Foundation
import Platform

/// A server's control program (`unbound-control`, `nsd-control`, `knotc`), found on PATH or
/// in the system directories Debian installs it to, and run with an argument array.
public struct ControlTool: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public static func locate(_ name: String) -> ControlTool? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
            return ControlTool(path: directory + "/" + name)
        }
        return nil
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
