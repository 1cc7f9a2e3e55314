public import DNSCore
import Foundation
import Glibc
import Platform

/// BIND's statistics channel (`statistics-channels { inet 127.0.0.1 port 8053; };`):
/// `opcodes.QUERY` of `/json/v1/server`, fetched with a plain HTTP/1.0 GET over a socket
/// of our own. BIND leaves zero counters out of the document, so a missing QUERY (or a
/// missing `opcodes`) is 0, not an error.
public struct BINDStatisticsChannel: QueryCounter {
    public let address: ServerAddress
    public let timeout: Duration

    public init(address: ServerAddress, timeout: Duration = .seconds(5)) {
        self.address = address
        self.timeout = timeout
    }

    public var label: String { "BIND statistics channel http://\(address.isIPv6 ? "[\(address.host)]" : address.host):\(address.port)" }

    public func queriesReceived() async throws -> UInt64 {
        let body = try await get("/json/v1/server")
        return try Self.queries(inJSON: body, source: label)
    }

    /// `opcodes.QUERY` of a `/json/v1/server` document.
    public static func queries(json: String) throws -> UInt64 {
        try queries(inJSON: Array(json.utf8), source: "BIND statistics")
    }

    static func queries(inJSON body: [UInt8], source: String) throws -> UInt64 {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw ServerControlError(source, "the statistics are not JSON: \(error.localizedDescription)")
        }
        guard let root = document as? [String: Any] else {
            throw ServerControlError(source, "the statistics are not a JSON object")
        }
        guard let opcodes = root["opcodes"] else { return 0 }
        guard let table = opcodes as? [String: Any] else {
            throw ServerControlError(source, "opcodes is not an object")
        }
        guard let query = table["QUERY"] else { return 0 }
        guard let number = query as? NSNumber, number.int64Value >= 0 else {
            throw ServerControlError(source, "opcodes.QUERY is not a count")
        }
        return number.uint64Value
    }

    /// The body of a 200 answer; blocking socket I/O on a thread of its own.
    func get(_ path: String) async throws -> [UInt8] {
        let address = self.address
        let timeout = self.timeout
        let source = label
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try HTTPGet.fetch(path, from: address, timeout: timeout, source: source))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "dnsward-bind-stats"
            thread.start()
        }
    }
}

/// Just enough HTTP/1.0 for a statistics channel on loopback: one GET, `Connection:
/// close`, the body read to the end of the stream.
enum HTTPGet {
    static let maximumBytes = 16 << 20

    static func fetch(_ path: String, from server: ServerAddress, timeout: Duration, source: String) throws -> [UInt8] {
        let address = server.socketAddress
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ServerControlError(source, "cannot open a socket: \(errnoText(errno))") }
        defer { close(fd) }
        let seconds = timeout.components.seconds
        var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let failure = address.connect(fd)
        guard failure == 0 else {
            throw ServerControlError(source, "cannot connect: \(errnoText(failure))")
        }
        let host = server.isIPv6 ? "[\(server.host)]" : server.host
        let request = Array("GET \(path) HTTP/1.0\r\nHost: \(host):\(server.port)\r\nAccept: application/json\r\nConnection: close\r\n\r\n".utf8)
        var written = 0
        while written < request.count {
            let result = request[written...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if result < 0 {
                if errno == EINTR { continue }
                throw ServerControlError(source, "cannot send the request: \(errnoText(errno))")
            }
            written += result
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ServerControlError(source, errno == EAGAIN ? "no answer within \(timeout)" : "read failed: \(errnoText(errno))")
            }
            if count == 0 { break }
            response += chunk[0..<count]
            guard response.count <= maximumBytes else { throw ServerControlError(source, "answer larger than \(maximumBytes) bytes") }
        }
        return try body(of: response, source: source)
    }

    static func body(of response: [UInt8], source: String) throws -> [UInt8] {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...(max(response.count - 4, -1) < 0 ? -1 : response.count - 4)).first(where: {
            Array(response[$0..<$0 + 4]) == separator
        }) else {
            throw ServerControlError(source, response.isEmpty ? "empty answer" : "not an HTTP answer")
        }
        let head = String(decoding: response[0..<end], as: UTF8.self)
        let status = head.split(separator: "\r\n").first.map(String.init) ?? ""
        let parts = status.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { throw ServerControlError(source, "not an HTTP answer: '\(status)'") }
        guard parts[1] == "200" else { throw ServerControlError(source, "HTTP status '\(status)'") }
        return Array(response[(end + 4)...])
    }
}
