public import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A DNS server on loopback, UDP and TCP on one port, whose replies to each query are a
/// script of raw bytes: for what no real server sends on purpose (another opcode, junk,
/// escape sequences in an NSID). One thread serves UDP and accepts TCP connections, each
/// served on a thread of its own; `stop()` ends the first.
public final class ScriptedResponder: @unchecked Sendable {
    /// The messages to send back for one query's wire bytes (none: stay silent).
    public typealias Script = @Sendable (_ query: [UInt8]) -> [[UInt8]]

    public let address: ServerAddress
    private let udp: Int32
    private let tcp: Int32
    private let script: Script
    private let queriesPerConnection: Int
    private let stopping = NSLock()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    /// `queriesPerConnection`: after answering that many on a connection, the next query
    /// read on it is not answered and the connection is closed (a server ending an idle
    /// connection just as the client reuses it).
    public init(host: String = "127.62.0.1", queriesPerConnection: Int = .max, script: @escaping Script) throws {
        self.script = script
        self.queriesPerConnection = queriesPerConnection
        var lastError: Int32 = 0
        // The UDP port is the kernel's choice; TCP takes the same one, which is almost
        // always free, and a clash is simply tried again.
        for _ in 0..<8 {
            let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            if let port = Self.bind(udp, host: host, port: 0), Self.bind(tcp, host: host, port: port) != nil, listen(tcp, 8) == 0 {
                self.udp = udp
                self.tcp = tcp
                address = try ServerAddress(host: host, port: port)
                let thread = Thread { [self] in
                    serve()
                    done.signal()
                }
                thread.name = "scripted-responder"
                thread.start()
                return
            }
            lastError = errno
            close(udp)
            close(tcp)
        }
        throw LabControl.Failure(command: "bind \(host)", status: lastError, output: errnoText(lastError))
    }

    deinit {
        close(udp)
        close(tcp)
    }

    /// Stops serving and waits for the thread (at most one poll interval or one client).
    public func stop() {
        stopping.withLock { stopped = true }
        done.wait()
    }

    private var isStopped: Bool { stopping.withLock { stopped } }

    private func serve() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 8)
        defer { buffer.deallocate() }
        while !isStopped {
            var descriptors = [pollfd(fd: udp, events: Int16(POLLIN), revents: 0), pollfd(fd: tcp, events: Int16(POLLIN), revents: 0)]
            guard poll(&descriptors, 2, 50) > 0 else { continue }
            if descriptors[0].revents != 0 {
                var peer = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(udp, buffer.baseAddress, buffer.count, 0, $0, &length) }
                }
                if count > 0 {
                    for reply in script(Array(buffer[0..<count])) {
                        _ = withUnsafePointer(to: &peer) { pointer in
                            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { peerAddress in
                                reply.withUnsafeBytes { sendto(udp, $0.baseAddress, $0.count, 0, peerAddress, length) }
                            }
                        }
                    }
                }
            }
            if descriptors[1].revents != 0 {
                let client = accept(tcp, nil, nil)
                guard client >= 0 else { continue }
                // A thread per connection: a client may keep its connection open for its next
                // query (RFC 7766), and UDP and other connections must not wait for it.
                let (script, limit) = (self.script, queriesPerConnection)
                Thread { Self.serveConnection(client, limit: limit, script: script) }.start()
            }
        }
    }

    /// Answers query after query on one connection until the client hangs up, or is
    /// silent for 2 s. A query the script has no reply for ends the service, and the
    /// connection then stays open until the client hangs up, so a short script reads as
    /// silence, not a reset.
    private static func serveConnection(_ client: Int32, limit: Int, script: Script) {
        defer { close(client) }
        // struct timeval as two longs: the type itself is claimed by ldns's module, which
        // only DNSCore imports.
        var wait: (Int, Int) = (2, 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<(Int, Int)>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<(Int, Int)>.size))
        var answered = 0
        while let query = readFrame(client), answered < limit {
            answered += 1
            let replies = script(query)
            if replies.isEmpty {
                var byte: UInt8 = 0
                _ = recv(client, &byte, 1, 0)
                return
            }
            for reply in replies {
                let framed = [UInt8(reply.count >> 8), UInt8(reply.count & 0xFF)] + reply
                _ = framed.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    private static func readFrame(_ fd: Int32) -> [UInt8]? {
        func read(_ count: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let result = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + filled, count - filled, 0) }
                if result < 0, errno == EINTR { continue }
                if result <= 0 { return nil }
                filled += result
            }
            return bytes
        }
        guard let prefix = read(2) else { return nil }
        return read(Int(prefix[0]) << 8 | Int(prefix[1]))
    }

    private static func bind(_ fd: Int32, host: String, port: UInt16) -> UInt16? {
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        return bindIPv4(fd, host: host, port: port)
    }

    /// A reply to `query` (its ID, RD and question; QR, AA, NOERROR, no records), with
    /// `opcode` in place of the query's when given, and an OPT record carrying `options`.
    public static func reply(to query: [UInt8], opcode: UInt8? = nil, options: [EDNSOption]? = nil) -> [UInt8] {
        var end = 12
        while end < query.count, query[end] != 0 { end += Int(query[end]) + 1 }
        end = min(end + 5, query.count)
        var reply = Array(query[0..<end])
        let queryOpcode = (query[2] >> 3) & 0x0F
        reply[2] = 0x80 | ((opcode ?? queryOpcode) & 0x0F) << 3 | 0x04 | (query[2] & 0x01)
        reply[3] = 0
        reply[4] = 0
        reply[5] = 1
        for index in 6..<12 { reply[index] = 0 }
        if let options {
            reply[11] = 1
            var data: [UInt8] = []
            for option in options {
                data += [UInt8(option.code >> 8), UInt8(option.code & 0xFF), UInt8(option.data.count >> 8), UInt8(option.data.count & 0xFF)]
                data += option.data
            }
            // Root owner, type OPT, 1232-byte payload, no extended rcode or flags.
            reply += [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, UInt8(data.count >> 8), UInt8(data.count & 0xFF)] + data
        }
        return reply
    }
}

/// Starts a scripted responder, runs `body`, stops it on every path.
public func withScriptedResponder(host: String = "127.62.0.1", queriesPerConnection: Int = .max,
                                  script: @escaping ScriptedResponder.Script,
                                  _ body: (ServerAddress) async throws -> Void) async throws {
    let responder = try ScriptedResponder(host: host, queriesPerConnection: queriesPerConnection, script: script)
    do {
        try await body(responder.address)
    } catch {
        responder.stop()
        throw error
    }
    responder.stop()
}
