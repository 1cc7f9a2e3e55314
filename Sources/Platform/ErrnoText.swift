#if canImport(Glibc)
import Glibc
#endif

/// strerror's words for an errno, read at once (the buffer belongs to libc).
public func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)).bindMemory(to: UInt8.self), as: UTF8.self)
}
