import Foundation

/// A directory removed when the value goes away, so tests leave nothing behind.
///
/// Sendable because nothing in it changes after `init`; the directory goes only when the
/// last test holding it is done.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "dnsward-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
