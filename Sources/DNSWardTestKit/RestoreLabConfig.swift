/// The restore lab's NSD and Unbound configurations. The directory is the lab's own
/// temporary directory (no quotes or spaces in it: NSTemporaryDirectory and a UUID).
enum RestoreLabConfig {
    static func nsd(directory: String) -> String {
        """
        server:
            ip-address: 127.55.0.1
            port: 53
            do-ip4: yes
            do-ip6: no
            server-count: 1
            reuseport: no
            username: ""
            chroot: ""
            zonesdir: "\(directory)"
            database: ""
            zonelistfile: "\(directory)/zone.list"
            xfrdfile: "\(directory)/xfrd.state"
            xfrdir: "\(directory)"
            pidfile: "\(directory)/nsd.pid"
            logfile: "\(directory)/nsd.log"
            verbosity: 1
            zonefiles-write: 0
            # Debian's NSD rate-limits responses by default; tests ask fast.
            rrl-ratelimit: 0
            rrl-whitelist-ratelimit: 0
        remote-control:
            control-enable: no
        zone:
            name: "backup.test."
            zonefile: "backup.test.zone"
            provide-xfr: 127.0.0.0/8 NOKEY
        zone:
            name: "signedbackup.test."
            zonefile: "signedbackup.test.zone"
            provide-xfr: 127.0.0.0/8 NOKEY

        """
    }

    static func unbound(directory: String, trustAnchor: String) -> String {
        """
        server:
            interface: 127.55.0.53
            port: 53
            outgoing-interface: 127.55.0.53
            do-ip4: yes
            do-ip6: no
            so-reuseport: no
            num-threads: 1
            directory: "\(directory)"
            chroot: ""
            username: ""
            pidfile: "\(directory)/unbound.pid"
            logfile: "\(directory)/unbound.log"
            use-syslog: no
            log-time-ascii: yes
            verbosity: 1
            access-control: 0.0.0.0/0 refuse
            access-control: 127.0.0.0/8 allow
            do-not-query-localhost: no
            # test. is a blocked RFC 6761 local zone by default.
            local-zone: "test." nodefault
            module-config: "validator iterator"
            trust-anchor: "\(trustAnchor)"
            val-bogus-ttl: 5
            # An outage must turn into SERVFAIL within seconds, not Unbound's default
            # two minutes of backing off from a dead server.
            infra-cache-max-rtt: 1000
            infra-host-ttl: 60
            prefetch: no
        remote-control:
            control-enable: yes
            control-interface: 127.55.0.53
            control-port: 8953
            control-use-cert: no
        stub-zone:
            name: "backup.test."
            stub-addr: 127.55.0.1
        stub-zone:
            name: "signedbackup.test."
            stub-addr: 127.55.0.1
        include: "\(directory)/conf.d/*.conf"

        """
    }
}
