import DNSCore
import Foundation
import Platform

/// One switch at a time per resolver directory (Unbound's include directory, BIND's zone
/// copy directory): two restores (an operator and a cron job) interleaving their reloads
/// and rollbacks could leave either's files in place. A `DirectoryLock` on the directory
/// itself; the kernel releases it if dnsward dies. The second run waits a little, then
/// stops with a clear message before changing anything.
final class RestoreLock {
    static let defaultWait: Duration = .seconds(10)

    private let lock: DirectoryLock

    static func acquire(in directory: String, timeout: Duration = defaultWait) async throws(RestoreError) -> RestoreLock {
        let seconds = String(format: "%.1f", Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
        do {
            return RestoreLock(lock: try await DirectoryLock.acquire(
                directory, wait: timeout,
                busy: "another dnsward restore is working in \(directory) (waited \(seconds) s): nothing was changed; run it again when that one has finished"))
        } catch let error as SystemError where error.code == .locked {
            throw RestoreError(.busy, error.message)
        } catch {
            throw RestoreError(.environment, "cannot lock the directory \(directory): \(error)")
        }
    }

    private init(lock: DirectoryLock) {
        self.lock = lock
    }
}
