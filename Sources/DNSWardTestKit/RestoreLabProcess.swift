import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stops the restore lab's daemons by the pids they wrote, and only when the pid still
/// belongs to a process of this lab (its command line names the lab's directory): a stale
/// pid file must never make a test kill someone else's process.
enum RestoreLabProcess {
    static func running(pidFile: String, directory: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 else { return nil }
        guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        let command = String(decoding: cmdline.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        guard command.contains(directory + "/"), !isZombie(pid) else { return nil }
        return pid
    }

    static func stop(pidFile: String, directory: String) throws {
        guard let pid = running(pidFile: pidFile, directory: directory) else {
            unlink(pidFile)
            return
        }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(10)
        while alive(pid) && ContinuousClock.now < deadline { usleep(20_000) }
        if alive(pid) {
            kill(pid, SIGKILL)
            let killDeadline = ContinuousClock.now + .seconds(3)
            while alive(pid) && ContinuousClock.now < killDeadline { usleep(20_000) }
        }
        guard !alive(pid) else {
            throw LabControl.Failure(command: "stop pid \(pid) (\(pidFile))", status: -1, output: "still running after SIGKILL")
        }
        unlink(pidFile)
    }

    /// Gone, or a zombie waiting for init: either way it serves nothing any more.
    static func alive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 && !isZombie(pid)
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state == "Z" || state == "X"
    }
}
