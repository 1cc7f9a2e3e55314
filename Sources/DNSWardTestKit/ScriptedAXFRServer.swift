public import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A TCP DNS server on loopback whose answer to each query is a script: for the transfers
/// no real server sends on purpose (a closing SOA with another serial, one record a second,
/// a transfer that never ends). One thread accepts and serves connections one at a time;
/// `stop()` ends it. Scripts must be bounded: each stops at its own count, and a send to a
/// client that went away throws, which ends the script.
public final class ScriptedAXFRServer: @unchecked Sendable {
    public typealias Script = @Sendable (_ query: Message, _ connection: Connection) throws -> Void

    /// The accepted connection a script writes to.
    public final class Connection: @unchecked Sendable {
        let fd: Int32
        public private(set) var messagesSent = 0

        init(fd: Int32) { self.fd = fd }

        /// Sends one message with its length prefix; throws when the client is gone.
        public func send(_ message: Message) throws {
            let wire = try message.wire()
            var framed: [UInt8] = [UInt8(wire.count >> 8), UInt8(wire.count & 0xFF)]
            framed += wire
            var sent = 0
            while sent < framed.count {
                let result = framed[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if result < 0 {
                    if errno == EINTR { continue }
                    guard errno == EAGAIN, ScriptedAXFRServer.ready(fd, Int16(POLLOUT)) else { throw ScriptedAXFRServer.Gone() }
                    continue
                }
                sent += result
            }
            messagesSent += 1
        }
    }

    struct Gone: Error {}

    public let address: ServerAddress
    private let listener: Int32
    private let script: Script
    private let stopping = NSLock()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    public init(host: String = "127.61.0.3", script: @escaping Script) throws {
        self.script = script
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        guard let port = bindIPv4(listener, host: host), listen(listener, 8) == 0 else {
            close(listener)
            throw LabControl.Failure(command: "bind \(host)", status: errno, output: errnoText(errno))
        }
        self.address = try ServerAddress(host: host, port: port)
        let thread = Thread { [self] in
            serve()
            done.signal()
        }
        thread.name = "scripted-axfr"
        thread.start()
    }

    deinit { close(listener) }

    /// Stops accepting and waits for the serving thread (at most the running script).
    public func stop() {
        stopping.withLock { stopped = true }
        done.wait()
    }

    private var isStopped: Bool { stopping.withLock { stopped } }

    private func serve() {
        while !isStopped {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            // Non-blocking with 5 s waits: a client that neither reads nor closes cannot hold the thread.
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            if let query = Self.readQuery(client) {
                try? script(query, Connection(fd: client))
            }
            close(client)
        }
    }

    private static func readQuery(_ fd: Int32) -> Message? {
        func read(_ count: Int) -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let result = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + filled, count - filled, 0) }
                if result < 0, errno == EAGAIN || errno == EINTR, ready(fd, Int16(POLLIN)) { continue }
                if result <= 0 { return nil }
                filled += result
            }
            return buffer
        }
        guard let prefix = read(2), let body = read(Int(prefix[0]) << 8 | Int(prefix[1])) else { return nil }
        return try? Message(wire: body)
    }

    static func ready(_ fd: Int32, _ events: Int16) -> Bool {
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        return poll(&descriptor, 1, 5000) > 0
    }

    /// The answer message a server sends for `query`, carrying `records`.
    public static func answer(_ query: Message, _ records: [ResourceRecord]) -> Message {
        Message(id: query.id, flags: [.qr, .aa], question: query.question, answer: records)
    }

    /// A small zone to serve: SOA (with `serial`), NS, and `hosts` A records.
    public static func zone(_ zone: DomainName, serial: UInt32, hosts: Int) throws -> [ResourceRecord] {
        var records = [
            try ResourceRecord(parsing: "\(zone) 300 IN SOA ns1.\(zone) hostmaster.\(zone) \(serial) 3600 900 604800 60"),
            try ResourceRecord(parsing: "\(zone) 300 IN NS ns1.\(zone)"),
            try ResourceRecord(parsing: "ns1.\(zone) 300 IN A 192.0.2.1"),
        ]
        for index in 0..<hosts {
            records.append(try ResourceRecord(parsing: "h\(index).\(zone) 300 IN A 192.0.2.\(index % 250)"))
        }
        return records
    }
}

/// Starts a scripted server, runs `body`, stops it on every path.
public func withScriptedAXFRServer(script: @escaping ScriptedAXFRServer.Script,
                                   _ body: (ServerAddress) async throws -> Void) async throws {
    let server = try ScriptedAXFRServer(script: script)
    do {
        try await body(server.address)
    } catch {
        server.stop()
        throw error
    }
    server.stop()
}
