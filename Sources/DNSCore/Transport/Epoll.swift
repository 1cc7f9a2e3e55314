import CLinux

/// epoll(7) and eventfd(2) through the CLinux shim: Swift's Glibc module imports neither
/// header, and the shim takes and gives `struct epoll_event`'s two fields, so its
/// architecture-dependent packing stays in C.
enum Epoll {
    static let readable = UInt32(CLinux_EPOLLIN)
    static let writable = UInt32(CLinux_EPOLLOUT)
    static let error = UInt32(CLinux_EPOLLERR)
    static let hangUp = UInt32(CLinux_EPOLLHUP)

    static let add = Int32(CLinux_EPOLL_CTL_ADD)
    static let delete = Int32(CLinux_EPOLL_CTL_DEL)
    static let modify = Int32(CLinux_EPOLL_CTL_MOD)

    /// Events read per wake-up.
    static let batch = 128

    typealias Ready = CLinux_epoll_ready

    /// Returns the descriptor, or -1 with errno set.
    static func create() -> Int32 {
        CLinux_epoll_create()
    }

    static func makeEventFD() -> Int32 {
        CLinux_eventfd()
    }

    /// Returns 0 or -1 with errno set.
    static func control(_ epollFD: Int32, _ operation: Int32, _ fd: Int32, events: UInt32, key: UInt64) -> Int32 {
        CLinux_epoll_ctl(epollFD, operation, fd, events, key)
    }

    /// Fills `ready` (room for `batch` events) and returns the count, or -1 with errno set.
    static func wait(_ epollFD: Int32, _ ready: UnsafeMutablePointer<Ready>, timeoutMillis: Int32) -> Int32 {
        CLinux_epoll_wait(epollFD, ready, Int32(batch), timeoutMillis)
    }
}
