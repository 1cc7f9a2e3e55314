public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with an argument array (never a shell string): the one way dnsward
/// starts resolver tools, and the tests start servers and the CLI.
///
/// Output goes to temporary files, not pipes: a daemon the program starts inherits the
/// descriptors, and a pipe would stay open as long as it lives. Signals are reset to their
/// defaults and unblocked in the child, because the runtime's threads block some, and a
/// server inheriting a blocked SIGTERM could not be stopped by its pid. Waiting happens on
/// a thread of its own, never on the two-thread concurrency pool. (Foundation's `Process`
/// spins in `waitUntilExit` off the main thread on this platform.)
public enum Subprocess {
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
        /// True when the child outlived its timeout and was killed.
        public let timedOut: Bool

        public var succeeded: Bool { status == 0 && !timedOut }
    }

    /// A started child. Signals go to it by its pid only.
    public final class Running: @unchecked Sendable {
        public let pid: Int32
        let outputPath: String
        let errorPath: String?
        /// The wait status once the child was reaped (by `isRunning` or a wait).
        private let reaped = Mutex<Int32?>(nil)

        init(pid: Int32, outputPath: String, errorPath: String?) {
            self.pid = pid
            self.outputPath = outputPath
            self.errorPath = errorPath
        }

        public func signal(_ signal: Int32) {
            guard reaped.withLock({ $0 }) == nil else { return }
            kill(pid, signal)
        }

        /// What the child wrote to standard output so far (a server's "listening on" line).
        public var outputSoFar: String {
            (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        }

        /// False once the child has exited (it is reaped then; its status is kept).
        public var isRunning: Bool {
            reaped.withLock { status in
                guard status == nil else { return false }
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
                return status == nil
            }
        }

        /// SIGTERM, SIGKILL after `grace`, and the result: a server stopped by its pid.
        @discardableResult
        public func stop(grace: Duration = .seconds(2)) -> Result {
            signal(SIGTERM)
            let deadline = ContinuousClock.now + grace
            while isRunning, ContinuousClock.now < deadline { usleep(10_000) }
            signal(SIGKILL)
            return wait()
        }

        /// Waits on a thread of its own; past `timeout` the child is killed.
        public func finished(timeout: Duration? = nil) async -> Result {
            await withCheckedContinuation { continuation in
                let thread = Thread { continuation.resume(returning: self.wait(timeout: timeout)) }
                thread.name = "dnsward-subprocess"
                thread.start()
            }
        }

        /// Blocks the calling thread until the child exits; never call it on the pool.
        public func wait(timeout: Duration? = nil) -> Result {
            defer {
                unlink(outputPath)
                if let errorPath { unlink(errorPath) }
            }
            var status: Int32 = 0
            var timedOut = false
            if let known = reaped.withLock({ $0 }) {
                status = known
            } else if let timeout {
                let clock = ContinuousClock()
                let deadline = clock.now + timeout
                var pause: UInt32 = 200
                while true {
                    let result = waitpid(pid, &status, WNOHANG)
                    if result == pid || (result < 0 && errno != EINTR) { break }
                    if clock.now >= deadline {
                        timedOut = true
                        kill(pid, SIGKILL)
                        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                        break
                    }
                    usleep(pause)
                    pause = min(pause * 2, 10_000)
                }
            } else {
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            reaped.withLock { $0 = $0 ?? status }
            let exited = (status & 0x7F) == 0
            return Result(
                status: timedOut ? -1 : (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)),
                standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                standardError: errorPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? "",
                timedOut: timedOut)
        }
    }

    /// Starts the child; with `mergeErrors` its standard error goes to standard output.
    public static func start(_ executable: String, _ arguments: [String], mergeErrors: Bool = false) throws -> Running {
        let base = NSTemporaryDirectory() + "dnsward-child-\(UUID().uuidString)"
        let outputPath = base + ".out"
        let errorPath = mergeErrors ? nil : base + ".err"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT, SIGUSR1, SIGUSR2, SIGXFSZ] {
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
            unlink(outputPath)
            if let errorPath { unlink(errorPath) }
            throw SystemError(.process, "cannot run \(executable): \(errnoText(spawned))")
        }
        return Running(pid: pid, outputPath: outputPath, errorPath: errorPath)
    }

    /// Runs to the end (or `timeout`) without holding a thread of the concurrency pool.
    public static func run(_ executable: String, _ arguments: [String], mergeErrors: Bool = false,
                           timeout: Duration? = nil) async throws -> Result {
        try await start(executable, arguments, mergeErrors: mergeErrors).finished(timeout: timeout)
    }
}
