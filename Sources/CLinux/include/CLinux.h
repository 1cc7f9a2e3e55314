// Linux system calls and socket options that Swift's Glibc module does not import, in the
// shape of swift-nio's CNIOLinux: C declarations the Swift side calls, kept in one header.
#ifndef C_LINUX_H
#define C_LINUX_H

#ifdef __linux__
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>

// ---------------------------------------------------------------- sendmmsg / recvmmsg
// Swift cannot see struct mmsghdr (a glibc type behind _GNU_SOURCE), but it can build this
// one, which has the same layout (checked by a static assertion in shim.c), directly in
// the arrays it hands to the kernel.
typedef struct {
    struct msghdr msg_hdr;
    unsigned int msg_len;
} CLinux_mmsghdr;

// Return the number of messages handled, or -1 with errno set.
int CLinux_sendmmsg(int fd, CLinux_mmsghdr *vector, unsigned int count, int flags);
int CLinux_recvmmsg(int fd, CLinux_mmsghdr *vector, unsigned int count, int flags, struct timespec *timeout);

// ---------------------------------------------------------------- UDP GSO (UDP_SEGMENT)
// One send of several equal-sized datagrams that the kernel cuts into segments (Linux
// 4.18+). A kernel or a socket that refuses gets the datagrams one by one instead.

/// True when this kernel accepts UDP_SEGMENT on a UDP socket.
bool CLinux_supports_udp_segment(void);

/// Space for one UDP_SEGMENT control message, for msg_controllen.
size_t CLinux_udp_segment_control_space(void);

/// Writes a UDP_SEGMENT control message asking for `segment_size`-byte datagrams into
/// `control` (at least CLinux_udp_segment_control_space() bytes); returns the length to
/// put in msg_controllen.
size_t CLinux_write_udp_segment_control(void *control, uint16_t segment_size);

/// Most segments the kernel takes in one GSO send (UDP_MAX_SEGMENTS).
int CLinux_udp_max_segments(void);

// ---------------------------------------------------------------- socket options
/// SO_REUSEPORT on or off; 0 or -1 with errno set.
int CLinux_set_reuseport(int fd, bool on);

/// Socket buffer sizes: tries the privileged SO_RCVBUFFORCE / SO_SNDBUFFORCE first (root
/// may pass net.core.rmem_max), then the plain option; 0 or -1 with errno set.
int CLinux_set_receive_buffer(int fd, int bytes);
int CLinux_set_send_buffer(int fd, int bytes);

// ---------------------------------------------------------------- receive timestamps
// A load generator reads answers in batches; the kernel's arrival time (SO_TIMESTAMPNS)
// keeps that batching out of the measured latency.

/// Asks for SCM_TIMESTAMPNS on every datagram; 0 or -1 with errno set.
int CLinux_enable_receive_timestamps(int fd);

/// Space for the timestamp control message, for msg_controllen.
size_t CLinux_receive_timestamp_control_space(void);

/// The arrival time (CLOCK_REALTIME, nanoseconds) carried by a received message, or 0
/// when it has none.
int64_t CLinux_receive_timestamp_ns(const struct msghdr *message);

// ---------------------------------------------------------------- epoll and eventfd
// <sys/epoll.h> and <sys/eventfd.h> are not in Glibc's module map. struct epoll_event is
// packed on x86_64 and naturally aligned elsewhere: the wrappers take and give its two
// fields so Swift never needs its layout.

enum {
    CLinux_EPOLLIN = 0x001,
    CLinux_EPOLLOUT = 0x004,
    CLinux_EPOLLERR = 0x008,
    CLinux_EPOLLHUP = 0x010,
    CLinux_EPOLL_CTL_ADD = 1,
    CLinux_EPOLL_CTL_DEL = 2,
    CLinux_EPOLL_CTL_MOD = 3,
};

/// An epoll instance, close-on-exec; the descriptor or -1 with errno set.
int CLinux_epoll_create(void);

/// EPOLL_CTL_ADD/MOD/DEL of `fd` for `events`, with `key` handed back by wait; 0 or -1.
int CLinux_epoll_ctl(int epoll_fd, int operation, int fd, uint32_t events, uint64_t key);

/// One ready event as the Swift side reads it.
typedef struct {
    uint32_t events;
    uint64_t key;
} CLinux_epoll_ready;

/// Waits up to `timeout_ms` (-1: forever) for at most `capacity` events, written to
/// `ready`; the count, or -1 with errno set.
int CLinux_epoll_wait(int epoll_fd, CLinux_epoll_ready *ready, int capacity, int timeout_ms);

/// A non-blocking, close-on-exec eventfd starting at 0; the descriptor or -1.
int CLinux_eventfd(void);

#endif // __linux__
#endif // C_LINUX_H
