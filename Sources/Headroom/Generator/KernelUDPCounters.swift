import Foundation
import Glibc

/// The kernel's UDP drop counters, so loss can be pinned on this generator's host, on
/// another socket of this host (a server on loopback), or beyond (the server or network).
struct KernelUDPCounters: Sendable {
    var receiveBufferErrors = 0
    var inErrors = 0

    /// `/proc/net/snmp`'s `Udp:` header and value lines (this network namespace).
    static func read(snmp path: String = "/proc/net/snmp") -> KernelUDPCounters {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return KernelUDPCounters() }
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("Udp: ") }
        guard lines.count >= 2 else { return KernelUDPCounters() }
        let names = lines[0].split(separator: " ")
        let values = lines[1].split(separator: " ")
        func value(_ name: String) -> Int {
            guard let index = names.firstIndex(where: { $0 == name }), index < values.count else { return 0 }
            return Int(values[index]) ?? 0
        }
        return KernelUDPCounters(receiveBufferErrors: value("RcvbufErrors"), inErrors: value("InErrors"))
    }

    /// The `drops` column of `/proc/net/udp` and `/proc/net/udp6` for the sockets with
    /// these inodes: datagrams the kernel threw away because the socket's buffer was full.
    static func drops(inodes: Set<UInt64>) -> Int {
        var total = 0
        for path in ["/proc/net/udp", "/proc/net/udp6"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
                guard fields.count >= 13, let inode = UInt64(fields[9]), inodes.contains(inode) else { continue }
                total += Int(fields[12]) ?? 0
            }
        }
        return total
    }

    static func inode(of fd: Int32) -> UInt64? {
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        return UInt64(status.st_ino)
    }
}
