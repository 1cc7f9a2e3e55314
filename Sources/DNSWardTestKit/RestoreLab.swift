public import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small world of its own for restore tests, apart from the shared lab (whose servers
/// other suites use at the same time): an NSD on 127.55.0.1 serving `backup.test.` and the
/// signed `signedbackup.test.`, and a validating Unbound on 127.55.0.53 that reaches them
/// through stub zones, trusts signedbackup.test's key by a DS trust anchor, and includes
/// `conf.d/*.conf` for dnsward's fragments. Use `withRestoreLab`; every process it started
/// is stopped by its pid on every path.
public final class RestoreLab: Sendable {
    public static let unsignedZone: DomainName = "backup.test."
    public static let signedZone: DomainName = "signedbackup.test."
    public static let authority = Lab.address("127.55.0.1")
    public static let resolver = Lab.address("127.55.0.53")

    /// The lab's private directory: configs, zones, keys, pid and log files.
    public let directory: String
    public let unboundConfig: String
    /// Included by Unbound as `conf.d/*.conf`.
    public let includeDirectory: String
    /// A snapshot store (`zones/`) for the tests to fill.
    public let storeDirectory: String
    let nsdConfig: String
    let nsdPidFile: String
    let unboundPidFile: String

    init() throws {
        directory = NSTemporaryDirectory() + "dnsward-restore-lab-" + UUID().uuidString.prefix(8).lowercased()
        unboundConfig = directory + "/unbound.conf"
        includeDirectory = directory + "/conf.d"
        storeDirectory = directory + "/zones"
        nsdConfig = directory + "/nsd.conf"
        nsdPidFile = directory + "/nsd.pid"
        unboundPidFile = directory + "/unbound.pid"
        for path in [directory, includeDirectory, storeDirectory, directory + "/keys"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    // MARK: - Processes

    /// Starts NSD (if it is not running) and waits until it serves both zones.
    public func startAuthority() async throws {
        if RestoreLabProcess.running(pidFile: nsdPidFile, directory: directory) != nil { return }
        try LabControl.runProcessBlocking("/usr/sbin/nsd", ["-c", nsdConfig])
        try await waitUntil("NSD serves both zones on \(Self.authority)") {
            for zone in [Self.unsignedZone, Self.signedZone] {
                guard let answer = try? await Self.client.query(zone, .soa, at: Self.authority),
                      answer.message.rcode == .noError, answer.message.flags.contains(.aa) else { return false }
            }
            return true
        }
    }

    /// Stops NSD by its pid, as an outage of every authority of both zones.
    public func stopAuthority() throws {
        try RestoreLabProcess.stop(pidFile: nsdPidFile, directory: directory)
    }

    func startResolver() async throws {
        try LabControl.runProcessBlocking("/usr/sbin/unbound", ["-c", unboundConfig])
        try await waitUntil("Unbound resolves both zones on \(Self.resolver)") {
            guard let plain = try? await Self.client.query(Self.unsignedZone, .soa, at: Self.resolver, recursionDesired: true),
                  plain.message.rcode == .noError,
                  let signed = try? await Self.client.query(Self.signedZone, .soa, at: Self.resolver, recursionDesired: true, dnssec: true),
                  signed.message.rcode == .noError, signed.message.flags.contains(.ad) else { return false }
            return true
        }
    }

    func stopAll() throws {
        var failures: [String] = []
        for pidFile in [unboundPidFile, nsdPidFile] {
            do { try RestoreLabProcess.stop(pidFile: pidFile, directory: directory) } catch { failures.append("\(error)") }
        }
        guard failures.isEmpty else {
            throw LabControl.Failure(command: "stop restore lab", status: -1, output: failures.joined(separator: "\n"))
        }
    }

    /// `unbound-control -c <lab config> ARGS...`; its output, or a failure.
    @discardableResult
    public func unboundControl(_ arguments: String...) throws -> String {
        try LabControl.runProcessBlocking("/usr/sbin/unbound-control", ["-c", unboundConfig] + arguments)
    }

    /// Forgets everything the resolver learnt about the zone and its servers, so the next
    /// answer shows the present state (an outage, or the authority back).
    public func forget(_ zone: DomainName) throws {
        try unboundControl("flush_zone", zone.description)
        try unboundControl("flush_infra", "all")
        try unboundControl("flush_requestlist")
    }

    static let client = DNSClient(options: QueryOptions(timeout: .milliseconds(500), udpRetries: 0))

    private func waitUntil(_ what: String, _ ready: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if await ready() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOfFile: directory + "/nsd.log", encoding: .utf8)) ?? ""
        let unboundLog = (try? String(contentsOfFile: directory + "/unbound.log", encoding: .utf8)) ?? ""
        throw LabControl.Failure(command: "restore lab: \(what)", status: -1, output: "not ready within 15 s\n\(log)\n\(unboundLog)")
    }

    // MARK: - Setup

    func prepare() throws {
        let ds = try RestoreLabZones.write(into: directory)
        try RestoreLabConfig.nsd(directory: directory).write(toFile: nsdConfig, atomically: true, encoding: .utf8)
        try RestoreLabConfig.unbound(directory: directory, trustAnchor: ds)
            .write(toFile: unboundConfig, atomically: true, encoding: .utf8)
        try LabControl.runProcessBlocking("/usr/sbin/nsd-checkconf", [nsdConfig])
        try LabControl.runProcessBlocking("/usr/sbin/unbound-checkconf", [unboundConfig])
    }
}

/// Runs `body` with a fresh restore lab, one at a time in this process (the lab's
/// addresses are fixed), and stops the lab's processes whatever happens.
public func withRestoreLab<T: Sendable>(_ body: (RestoreLab) async throws -> T) async throws -> T {
    await RestoreLabLock.shared.acquire()
    let lab: RestoreLab
    do {
        lab = try RestoreLab()
    } catch {
        await RestoreLabLock.shared.release()
        throw error
    }
    do {
        try lab.prepare()
        try await lab.startAuthority()
        try await lab.startResolver()
        let result = try await body(lab)
        try lab.stopAll()
        try? FileManager.default.removeItem(atPath: lab.directory)
        await RestoreLabLock.shared.release()
        return result
    } catch {
        // A half-started lab has pid files too: stop whatever did start. The directory
        // stays, with its logs, for the failure's post-mortem.
        try? lab.stopAll()
        await RestoreLabLock.shared.release()
        throw error
    }
}

/// Hands the lab's fixed addresses to one test at a time.
actor RestoreLabLock {
    static let shared = RestoreLabLock()

    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
