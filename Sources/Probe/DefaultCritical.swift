import DNSCore

/// The names whose data is checked when a zone has no `critical:` list: the apex SOA, NS,
/// MX, A, AAAA and TXT, the DNSKEY of a signed zone, and `www` A and AAAA. Names every
/// authority calls NXDOMAIN are left out once the answers are in (ZoneProbe.judgeData).
enum DefaultCritical {
    static func records(of zone: DomainName, signed: Bool) -> [CriticalRecord] {
        var apex: [RRType] = [.soa, .ns, .mx, .a, .aaaa, .txt]
        if signed { apex.append(.dnskey) }
        var records = apex.map { CriticalRecord(name: zone, type: $0) }
        if let www = try? zone.prepending("www") {
            records += [CriticalRecord(name: www, type: .a), CriticalRecord(name: www, type: .aaaa)]
        }
        return records
    }
}
