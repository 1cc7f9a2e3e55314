public import DNSCore

/// The configuration of a drill's private Unbound: it listens on one loopback endpoint,
/// serves the snapshots as `auth-zone`s used instead of the authorities (`for-upstream`, as
/// a restore does), validates from the given trust anchor, and has no working path to any
/// authority: `do-not-query-address` covers every IPv4 and IPv6 address and
/// `fallback-enabled: no` keeps it from trying. What it answers, it answers from the copies.
public enum DrillResolverConfig {
    public struct Zone: Sendable {
        public enum Source: Sendable {
            /// A full copy, loaded from this file.
            case file(String)
            /// A harvested (partial) copy, as local data.
            case records([ResourceRecord])
        }

        public var name: DomainName
        public var source: Source

        public init(name: DomainName, source: Source) {
            self.name = name
            self.source = source
        }
    }

    /// Every value is checked by `UnboundQuoting`: a zone name or path that Unbound's
    /// format cannot hold is refused, never written half-quoted.
    /// `rootHintsFile`: where the authorities are (the real root's servers by default): the
    /// resolver knows them and is still kept from asking them.
    public static func make(directory: String, endpoint: ServerAddress, zones: [Zone], trustAnchorFile: String?,
                            rootHintsFile: String? = nil) throws(RestoreError) -> String {
        let dir = try UnboundQuoting.quoted(directory, what: "drill directory")
        let anchorLine = try trustAnchorFile.map { path throws(RestoreError) in
            "    trust-anchor-file: \(try UnboundQuoting.quoted(path, what: "trust anchor file"))"
        }
        let pidfile = try UnboundQuoting.quoted(directory + "/unbound.pid", what: "pid file")
        let logfile = try UnboundQuoting.quoted(directory + "/unbound.log", what: "log file")
        var lines = [
            "# dnsward drill: a private resolver serving snapshots only; started and stopped by dnsward by its pid.",
            "server:",
            "    interface: \(endpoint.host)",
            "    port: \(endpoint.port)",
            "    do-ip4: yes",
            "    do-ip6: \(endpoint.isIPv6 ? "yes" : "no")",
            "    do-udp: yes",
            "    do-tcp: yes",
            "    so-reuseport: no",
            "    num-threads: 1",
            "    directory: \(dir)",
            "    chroot: \"\"",
            "    username: \"\"",
            "    pidfile: \(pidfile)",
            "    logfile: \(logfile)",
            "    use-syslog: no",
            "    log-time-ascii: yes",
            "    verbosity: 1",
            "    val-log-level: 2",
            "    access-control: 0.0.0.0/0 refuse",
            "    access-control: ::/0 refuse",
            "    access-control: 127.0.0.0/8 allow",
            "    access-control: ::1/128 allow",
            // No path to the authorities: nothing may be queried, anywhere.
            "    do-not-query-localhost: yes",
            "    do-not-query-address: 0.0.0.0/0",
            "    do-not-query-address: ::/0",
            "    module-config: \"validator iterator\"",
            "    trust-anchor-signaling: no",
            "    ede: yes",
            "    prefetch: no",
        ]
        if let anchorLine { lines.append(anchorLine) }
        if let rootHintsFile { lines.append("    root-hints: \(try UnboundQuoting.quoted(rootHintsFile, what: "root hints file"))") }
        // Unbound serves some names (test., invalid., home.arpa., ...) as local zones of its own
        // (RFC 6761): switch that off for every zone drilled and the names above it.
        var cleared: Set<DomainName> = []
        var harvested: Set<DomainName> = []
        for zone in zones { if case .records = zone.source { harvested.insert(zone.name) } }
        for zone in zones {
            var name: DomainName? = zone.name
            while let current = name, !current.isRoot {
                if !harvested.contains(current), cleared.insert(current).inserted {
                    lines.append("    local-zone: \(try UnboundQuoting.quoted(current)) nodefault")
                }
                name = current.parent
            }
        }
        var text = lines.joined(separator: "\n") + "\n"
        for zone in zones {
            switch zone.source {
            case .file(let path):
                text += """
                    auth-zone:
                        name: \(try UnboundQuoting.quoted(zone.name))
                        zonefile: \(try UnboundQuoting.quoted(path, what: "zone file path"))
                        for-upstream: yes
                        for-downstream: no
                        fallback-enabled: no

                    """
            case .records(let records):
                text += try UnboundConfigGenerator.localData(zone: zone.name, records: records)
            }
        }
        text += "remote-control:\n    control-enable: no\n"
        return text
    }
}
