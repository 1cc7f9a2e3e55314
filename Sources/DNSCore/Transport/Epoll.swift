import Glibc

/// epoll(7) and eventfd(2), which Swift's Glibc module does not import
/// (<sys/epoll.h> and <sys/eventfd.h> are not in its module map).
///
/// The functions are looked up in libc with dlsym and called through
/// `@convention(c)` pointers, which keeps the C ABI exact without needing a
/// C target. The constants are the Linux UAPI values as on x86_64 and
/// arm64 (the flag values differ only on architectures Swift does not run on).
enum Epoll {
    static let readable: UInt32 = 0x001     // EPOLLIN
    static let writable: UInt32 = 0x004     // EPOLLOUT
    static let error: UInt32 = 0x008        // EPOLLERR
    static let hangUp: UInt32 = 0x010       // EPOLLHUP

    static let add: Int32 = 1               // EPOLL_CTL_ADD
    static let delete: Int32 = 2            // EPOLL_CTL_DEL
    static let modify: Int32 = 3            // EPOLL_CTL_MOD

    static let closeOnExec: Int32 = 0o2_000_000   // EPOLL_CLOEXEC == EFD_CLOEXEC == O_CLOEXEC
    static let nonBlocking: Int32 = 0o4_000       // EFD_NONBLOCK == O_NONBLOCK

    /// struct epoll_event is packed on x86_64 (12 bytes) and naturally
    /// aligned elsewhere (16 bytes).
    #if arch(x86_64)
    static let eventStride = 12
    static let dataOffset = 4
    #else
    static let eventStride = 16
    static let dataOffset = 8
    #endif

    private typealias CreateFunction = @convention(c) (Int32) -> Int32
    private typealias ControlFunction = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias WaitFunction = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    private typealias EventFDFunction = @convention(c) (UInt32, Int32) -> Int32

    private static let functions: (create: CreateFunction, control: ControlFunction,
                                   wait: WaitFunction, eventfd: EventFDFunction)? = {
        guard let libc = dlopen(nil, RTLD_NOW),
              let create = dlsym(libc, "epoll_create1"),
              let control = dlsym(libc, "epoll_ctl"),
              let wait = dlsym(libc, "epoll_wait"),
              let eventfd = dlsym(libc, "eventfd") else { return nil }
        return (unsafeBitCast(create, to: CreateFunction.self),
                unsafeBitCast(control, to: ControlFunction.self),
                unsafeBitCast(wait, to: WaitFunction.self),
                unsafeBitCast(eventfd, to: EventFDFunction.self))
    }()

    /// Returns the descriptor, or -1 with errno set (ENOSYS if libc lacks epoll).
    static func create() -> Int32 {
        guard let functions else { errno = ENOSYS; return -1 }
        return functions.create(closeOnExec)
    }

    static func makeEventFD() -> Int32 {
        guard let functions else { errno = ENOSYS; return -1 }
        return functions.eventfd(0, nonBlocking | closeOnExec)
    }

    /// Returns 0 or -1 with errno set.
    static func control(_ epollFD: Int32, _ operation: Int32, _ fd: Int32, events: UInt32, key: UInt64) -> Int32 {
        guard let functions else { errno = ENOSYS; return -1 }
        var event = (UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: key, toByteOffset: dataOffset, as: UInt64.self)
            return functions.control(epollFD, operation, fd, raw.baseAddress)
        }
    }

    /// Fills `events` (allocated with `eventStride` bytes per entry) and
    /// returns the count, or -1 with errno set.
    static func wait(_ epollFD: Int32, _ events: UnsafeMutableRawBufferPointer, timeoutMillis: Int32) -> Int32 {
        guard let functions else { errno = ENOSYS; return -1 }
        return functions.wait(epollFD, events.baseAddress, Int32(events.count / eventStride), timeoutMillis)
    }

    static func event(at index: Int, in events: UnsafeMutableRawBufferPointer) -> (events: UInt32, key: UInt64) {
        let offset = index * eventStride
        return (events.loadUnaligned(fromByteOffset: offset, as: UInt32.self),
                events.loadUnaligned(fromByteOffset: offset + dataOffset, as: UInt64.self))
    }
}
