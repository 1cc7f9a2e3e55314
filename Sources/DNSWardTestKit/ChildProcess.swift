import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with an argument array (never a shell string) and collects its exit
/// status and output.
///
/// Output goes to temporary files, not pipes: daemons the program starts inherit the
/// descriptors, and a pipe would stay open as long as they live. Signals are reset to
/// default and unblocked in the child, because the test runner's threads block some, and
/// a server inheriting a blocked SIGTERM cannot be stopped by its pid file.
public enum ChildProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs and waits without holding a thread of the concurrency pool: the pool is two
    /// threads wide here, and a test blocked in `waitpid` there stalls every other test's
    /// continuations (and their timing).
    public static func run(_ executable: String, _ arguments: [String]) async throws -> Result {
        try await start(executable, arguments).finished()
    }

    /// A started child; `wait()` collects it.
    public final class Running: @unchecked Sendable {
        public let pid: Int32
        let outputPath: String
        let errorPath: String

        init(pid: Int32, outputPath: String, errorPath: String) {
            self.pid = pid
            self.outputPath = outputPath
            self.errorPath = errorPath
        }

        /// Sends a signal to this child only (by its pid).
        public func signal(_ signal: Int32) {
            kill(pid, signal)
        }

        /// Waits for the child on a thread of its own.
        public func finished() async -> Result {
            await withCheckedContinuation { continuation in
                let thread = Thread { continuation.resume(returning: self.wait()) }
                thread.name = "dnsward-test-child"
                thread.start()
            }
        }

        /// Blocks the calling thread until the child exits; never call it on the pool.
        public func wait() -> Result {
            defer {
                unlink(outputPath)
                unlink(errorPath)
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let exited = (status & 0x7F) == 0
            return Result(
                status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
                standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
        }
    }

    public static func start(_ executable: String, _ arguments: [String]) throws -> Running {
        let base = NSTemporaryDirectory() + "dnsward-child-\(UUID().uuidString)"
        let outputPath = base + ".out"
        let errorPath = base + ".err"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

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
            throw LabControl.Failure(command: executable, status: -1, output: "cannot start: errno \(spawned)")
        }
        return Running(pid: pid, outputPath: outputPath, errorPath: errorPath)
    }
}
