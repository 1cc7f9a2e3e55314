import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs lab/labctl and waits for it; its output is returned for failure messages.
public enum LabControl {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String { "\(command) exited \(status):\n\(output)" }
    }

    @discardableResult
    public static func run(_ arguments: [String]) throws -> String {
        try runProcess(Lab.directory + "/labctl", arguments)
    }

    /// Runs a program with an argument array (never a shell string) and returns its output.
    ///
    /// Output goes to a temporary file, not a pipe: daemons the program starts inherit
    /// the descriptor, and a pipe would stay open as long as they live. Signals are reset
    /// to default and unblocked in the child, because the test runner's threads block
    /// some, and a server inheriting a blocked SIGTERM cannot be stopped by its pid file.
    @discardableResult
    public static func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "dnsward-lab-\(UUID().uuidString).out"
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw Failure(command: executable, status: -1, output: "cannot start: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7F) == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard code == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: code, output: output)
        }
        return output
    }

    /// True when every lab server is already up (someone ran the demo first).
    public static func isRunning() -> Bool {
        (try? run(["status"])) != nil
    }
}
