import Foundation
public import Platform

/// `promtool check metrics`, the Prometheus project's own parser and linter.
///
/// It reads the exposition from standard input only, and `Subprocess` gives children
/// /dev/null there, so a shell redirects a file; the path is the shell's `$1`, never part of
/// the script.
public enum Promtool {
    public static var isInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/promtool") }
    }

    public static func checkMetrics(_ exposition: String) async throws -> Subprocess.Result {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/metrics.prom"
        try exposition.write(toFile: file, atomically: true, encoding: .utf8)
        return try await Subprocess.run("/bin/sh", ["-c", #"exec promtool check metrics < "$1""#, "sh", file])
    }
}
