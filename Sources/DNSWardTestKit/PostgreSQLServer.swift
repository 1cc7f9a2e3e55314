import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A PostgreSQL server of its own for one test: `initdb` in a temporary directory, the
/// postmaster on 127.0.0.1 and a random port, `trust` authentication (loopback only), no
/// fsync; `body` gets its URL (`postgresql://dnsward@127.0.0.1:PORT/postgres`). Stopped by
/// its pid on every path (SIGINT, PostgreSQL's fast shutdown; SIGKILL after 10 s), its
/// directory removed.
///
/// PostgreSQL refuses to run as root, so as root the programs run as the `postgres` user
/// (Debian's package creates it) through `setpriv`, which changes user and then *execs* the
/// program: the pid the runner holds is the postmaster's own, unlike `runuser`/`su`, which
/// stay in between as a parent that forwards signals.
public func withPostgreSQL(_ body: (String) async throws -> Void) async throws {
    let server = try await PostgreSQLServer.start()
    do {
        try await body(server.url)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

public final class PostgreSQLServer: Sendable {
    public let url: String
    public let port: UInt16
    public let directory: String
    private let postmaster: Subprocess.Running

    private init(url: String, port: UInt16, directory: String, postmaster: Subprocess.Running) {
        self.url = url
        self.port = port
        self.directory = directory
        self.postmaster = postmaster
    }

    static let initdb = "/usr/lib/postgresql/15/bin/initdb"
    static let postgres = "/usr/lib/postgresql/15/bin/postgres"

    /// Debian 12's PostgreSQL 15 (package postgresql); another version's program when only
    /// that one is installed.
    static func installed(_ program: String) -> String {
        if FileManager.default.isExecutableFile(atPath: program) { return program }
        let name = (program as NSString).lastPathComponent
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let newest = versions.compactMap(Int.init).sorted().last
        return newest.map { "/usr/lib/postgresql/\($0)/bin/\(name)" } ?? program
    }

    /// The command that runs `program` as the `postgres` user when we are root.
    static func command(_ program: String, _ arguments: [String]) -> (String, [String]) {
        guard geteuid() == 0 else { return (program, arguments) }
        return ("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program] + arguments)
    }

    public static func start() async throws -> PostgreSQLServer {
        var template = Array((NSTemporaryDirectory() + "dnsward-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SystemError(.fileAccess, "cannot make a directory for PostgreSQL: \(errnoText(errno))")
        }
        let directory = String(cString: made)
        do {
            if geteuid() == 0 {
                guard let user = getpwnam("postgres") else {
                    throw SystemError(.process, "no user postgres (scripts/setup-debian.sh installs the postgresql package, which adds it)")
                }
                guard chown(directory, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                    throw SystemError(.fileAccess, "cannot give \(directory) to postgres: \(errnoText(errno))")
                }
            }
            let data = directory + "/data"
            let (initdb, initdbArguments) = command(installed(initdb), [
                "-D", data, "-A", "trust", "-U", "dnsward", "-E", "UTF8", "--locale=C", "--no-sync",
            ])
            let initialised = try await Subprocess.run(initdb, initdbArguments, mergeErrors: true, timeout: .seconds(120))
            guard initialised.succeeded else {
                throw SystemError(.process, "initdb failed (exit \(initialised.status)): \(initialised.standardOutput.suffix(2000))")
            }
            var lastOutput = ""
            for _ in 0..<5 {
                let port = UInt16.random(in: 20_000...59_999)
                let (postgres, arguments) = command(installed(postgres), [
                    "-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", directory,
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=40", "-c", "shared_buffers=32MB", "-c", "logging_collector=off",
                ])
                let running = try Subprocess.start(postgres, arguments, mergeErrors: true)
                let deadline = ContinuousClock.now + .seconds(30)
                while ContinuousClock.now < deadline, running.isRunning,
                      !running.outputSoFar.contains("database system is ready to accept connections") {
                    try await Task.sleep(for: .milliseconds(50))
                }
                if running.isRunning, running.outputSoFar.contains("database system is ready to accept connections") {
                    return PostgreSQLServer(url: "postgresql://dnsward@127.0.0.1:\(port)/postgres", port: port,
                                            directory: directory, postmaster: running)
                }
                running.signal(SIGINT)
                lastOutput = (await running.finished(timeout: .seconds(10))).standardOutput
                // Another server holds the port: try another; anything else will not get better.
                if !lastOutput.contains("could not bind") { break }
            }
            throw SystemError(.process, "postgres did not start: \(lastOutput.suffix(2000))")
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Fast shutdown by the postmaster's pid; SIGKILL when it has not ended within 10 s.
    public func stop() async {
        postmaster.signal(SIGINT)
        let result = await postmaster.finished(timeout: .seconds(10))
        if result.timedOut { Issue.record("postgres ignored SIGINT for 10 s and was killed: \(result.standardOutput.suffix(1000))") }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The postmaster's pid, for tests that check it is gone.
    public var pid: Int32 { postmaster.pid }
}
