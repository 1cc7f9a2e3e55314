import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// Runs the tool on a dedicated thread: waiting for a child must not block the
    /// concurrency pool's few threads.
    public func run(_ arguments: [String], timeout: Duration = .seconds(30)) async throws(RestoreError) -> Result {
        let path = self.path
        let outcome: Swift.Result<Result, RestoreError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: .success(try Self.runBlocking(path, arguments, timeout: timeout)))
                } catch let error as RestoreError {
                    continuation.resume(returning: .failure(error))
                } catch {
                    continuation.resume(returning: .failure(RestoreError(.environment, "\(path): \(error)")))
                }
            }
            thread.name = "dnsward-tool"
            thread.start()
        }
        return try outcome.get()
    }

    static func runBlocking(_ executable: String, _ arguments: [String], timeout: Duration) throws(RestoreError) -> Result {
        let outputPath = NSTemporaryDirectory() + "dnsward-tool-\(UUID().uuidString).out"
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // The runtime's threads block some signals; a child must start with defaults.
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
            throw RestoreError(.environment, "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }

        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = 0
        var timedOut = false
        var pause: UInt32 = 200
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { break }
            if !timedOut && clock.now >= deadline {
                timedOut = true
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
        let exited = (status & 0x7F) == 0
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Result(
            status: timedOut ? -1 : (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)),
            output: output.trimmingCharacters(in: .whitespacesAndNewlines), timedOut: timedOut)
    }
}
