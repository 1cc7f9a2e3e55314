public import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A responder of known capacity (lab/capped-responder.py): it answers at most `rate`
/// queries per second on UDP and drops the rest, so a capacity measurement has a truth to
/// be held against. Started as a child process and stopped by its pid on every path.
public struct CappedResponder: Sendable {
    public let address: ServerAddress
    public let rate: Double
}

public func withCappedResponder<T: Sendable>(
    rate: Double, address: String = "127.53.3.1", port: UInt16 = 53, _ body: (CappedResponder) async throws -> T
) async throws -> T {
    let pidfile = NSTemporaryDirectory() + "dnsward-capped-\(UUID().uuidString).pid"
    let script = Lab.directory + "/capped-responder.py"
    let child = try Subprocess.start("/usr/bin/python3", [
        script, "--address", address, "--port", String(port), "--rate", String(rate), "--pidfile", pidfile,
    ], mergeErrors: true)
    func stop() async -> String {
        child.signal(SIGTERM)
        return (await child.finished(timeout: .seconds(10))).standardOutput
    }
    var up = false
    for _ in 0..<100 where !up {
        up = FileManager.default.fileExists(atPath: pidfile)
        if !up { try await Task.sleep(for: .milliseconds(50)) }
    }
    guard up else {
        let output = await stop()
        throw LabControl.Failure(command: "capped-responder.py", status: -1, output: output)
    }
    let responder = CappedResponder(address: try ServerAddress(host: address, port: port), rate: rate)
    do {
        let result = try await body(responder)
        _ = await stop()
        return result
    } catch {
        _ = await stop()
        throw error
    }
}
