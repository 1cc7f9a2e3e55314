import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Half-written files of a restore that was killed (`dnsward-<zone>...tmp.<pid>.<random>`,
/// from the crash-safe writes): never included by the resolver (`*.conf` does not match
/// them), but a zone copy is as big as the zone. Removed under the directory's lock once
/// their process is gone.
enum StaleTemporaries {
    static func remove(in directory: String) -> Int {
        guard let names = try? Directory.entries(directory) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(FragmentNaming.prefix) {
            guard let pid = owner(of: name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            if unlink(directory + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

    /// The pid in `<name>.tmp.<pid>.<random>`.
    static func owner(of name: String) -> pid_t? {
        let parts = name.components(separatedBy: ".tmp.")
        guard parts.count >= 2, let tail = parts.last else { return nil }
        let fields = tail.split(separator: ".")
        guard fields.count == 2, let pid = pid_t(fields[0]), pid > 0, UInt32(fields[1]) != nil else { return nil }
        return pid
    }
}
