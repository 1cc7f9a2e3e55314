// Xcode-era toolchains choke on empty C files; this one also keeps the target building
// off Linux, where everything else is compiled out.
void CLinux_nothing(void) {}

#ifdef __linux__

#ifndef _GNU_SOURCE
#error CLinux needs _GNU_SOURCE (set in Package.swift)
#endif

#include <CLinux.h>
#include <string.h>
#include <unistd.h>
#if __has_include(<linux/udp.h>)
#include <linux/udp.h>
#endif

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_MAX_SEGMENTS
#define UDP_MAX_SEGMENTS (1 << 6UL)
#endif

_Static_assert(sizeof(CLinux_mmsghdr) == sizeof(struct mmsghdr), "CLinux_mmsghdr must match struct mmsghdr");
_Static_assert(offsetof(CLinux_mmsghdr, msg_len) == offsetof(struct mmsghdr, msg_len), "msg_len offset differs");

int CLinux_sendmmsg(int fd, CLinux_mmsghdr *vector, unsigned int count, int flags) {
    return sendmmsg(fd, (struct mmsghdr *)vector, count, flags);
}

int CLinux_recvmmsg(int fd, CLinux_mmsghdr *vector, unsigned int count, int flags, struct timespec *timeout) {
    return recvmmsg(fd, (struct mmsghdr *)vector, count, flags, timeout);
}

bool CLinux_supports_udp_segment(void) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    int size = 512;
    int result = setsockopt(fd, SOL_UDP, UDP_SEGMENT, &size, sizeof(size));
    close(fd);
    return result == 0;
}

size_t CLinux_udp_segment_control_space(void) {
    return CMSG_SPACE(sizeof(uint16_t));
}

size_t CLinux_write_udp_segment_control(void *control, uint16_t segment_size) {
    struct msghdr message = {0};
    message.msg_control = control;
    message.msg_controllen = CMSG_SPACE(sizeof(uint16_t));
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_UDP;
    header->cmsg_type = UDP_SEGMENT;
    header->cmsg_len = CMSG_LEN(sizeof(uint16_t));
    *(uint16_t *)CMSG_DATA(header) = segment_size;
    return CMSG_SPACE(sizeof(uint16_t));
}

int CLinux_udp_max_segments(void) {
    return (int)UDP_MAX_SEGMENTS;
}

int CLinux_set_reuseport(int fd, bool on) {
    int value = on ? 1 : 0;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &value, sizeof(value));
}

static int set_buffer(int fd, int forced, int plain, int bytes) {
    if (setsockopt(fd, SOL_SOCKET, forced, &bytes, sizeof(bytes)) == 0) return 0;
    return setsockopt(fd, SOL_SOCKET, plain, &bytes, sizeof(bytes));
}

int CLinux_set_receive_buffer(int fd, int bytes) {
    return set_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, bytes);
}

int CLinux_set_send_buffer(int fd, int bytes) {
    return set_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, bytes);
}

int CLinux_enable_receive_timestamps(int fd) {
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on));
}

size_t CLinux_receive_timestamp_control_space(void) {
    return CMSG_SPACE(sizeof(struct timespec));
}

int64_t CLinux_receive_timestamp_ns(const struct msghdr *message) {
    for (struct cmsghdr *header = CMSG_FIRSTHDR(message); header != NULL;
         header = CMSG_NXTHDR((struct msghdr *)message, header)) {
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec stamp;
            memcpy(&stamp, CMSG_DATA(header), sizeof(stamp));
            return (int64_t)stamp.tv_sec * 1000000000LL + (int64_t)stamp.tv_nsec;
        }
    }
    return 0;
}

#endif // __linux__

// ---------------------------------------------------------------- epoll and eventfd
#include <sys/epoll.h>
#include <sys/eventfd.h>

_Static_assert(CLinux_EPOLLIN == EPOLLIN && CLinux_EPOLLOUT == EPOLLOUT && CLinux_EPOLLERR == EPOLLERR
               && CLinux_EPOLLHUP == EPOLLHUP, "epoll event bits");
_Static_assert(CLinux_EPOLL_CTL_ADD == EPOLL_CTL_ADD && CLinux_EPOLL_CTL_DEL == EPOLL_CTL_DEL
               && CLinux_EPOLL_CTL_MOD == EPOLL_CTL_MOD, "epoll_ctl operations");

int CLinux_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int CLinux_epoll_ctl(int epoll_fd, int operation, int fd, uint32_t events, uint64_t key) {
    struct epoll_event event = { .events = events, .data = { .u64 = key } };
    return epoll_ctl(epoll_fd, operation, fd, &event);
}

int CLinux_epoll_wait(int epoll_fd, CLinux_epoll_ready *ready, int capacity, int timeout_ms) {
    // Batches of up to 128: what the reactor reads per wake-up.
    struct epoll_event events[128];
    int count = epoll_wait(epoll_fd, events, capacity < 128 ? capacity : 128, timeout_ms);
    for (int index = 0; index < count; index++) {
        ready[index].events = events[index].events;
        ready[index].key = events[index].data.u64;
    }
    return count;
}

int CLinux_eventfd(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}
