import Glibc

extension TransportFixtures {
    /// A server process started with posix_spawn and stopped by its PID.
    ///
    /// Foundation's `Process.waitUntilExit` spins forever on this platform when
    /// called off the main thread, so tests manage children directly.
    final class Child {
        let pid: pid_t
        private var exited = false

        /// Starts `path` with `arguments`; stdout and stderr go to `outputPath`.
        init(_ path: String, _ arguments: [String], outputPath: String) throws {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)

            // Test tasks run on dispatch worker threads, which block most
            // signals; a child would inherit that mask and shrug off SIGTERM.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            posix_spawnattr_setsigmask(&attributes, &noSignals)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

            let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var child: pid_t = 0
            let result = posix_spawn(&child, path, &actions, &attributes, argv, environ)
            guard result == 0 else { throw TransportFixtures.ServerError.didNotStart("posix_spawn \(path): errno \(result)") }
            pid = child
        }

        var isRunning: Bool {
            if exited { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { exited = true }
            return !exited
        }

        /// SIGTERM, then SIGKILL if it has not gone within two seconds; always reaps.
        func stop() {
            guard !exited else { return }
            kill(pid, SIGTERM)
            var status: Int32 = 0
            for _ in 0..<200 {
                if waitpid(pid, &status, WNOHANG) == pid {
                    exited = true
                    return
                }
                usleep(10_000)
            }
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            exited = true
        }

        deinit { stop() }
    }
}
