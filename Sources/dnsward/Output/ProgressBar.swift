import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress counter on a terminal's standard error; absent under cron.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var label = ""
    private var lastDraw = Date.distantPast

    static func forStandardError() -> ProgressBar? {
        isatty(2) == 1 ? ProgressBar() : nil
    }

    func start(label: String) {
        lock.withLock { self.label = label }
        draw(0, force: true)
    }

    func update(_ count: Int) { draw(count, force: false) }

    func finish() {
        FileHandleOutput.raw("\r\u{1B}[K")
    }

    private func draw(_ count: Int, force: Bool) {
        let now = Date()
        let line: String? = lock.withLock {
            guard force || now.timeIntervalSince(lastDraw) > 0.1 else { return nil }
            lastDraw = now
            return "\r\u{1B}[K\(label): \(count) records"
        }
        if let line { FileHandleOutput.raw(line) }
    }
}
