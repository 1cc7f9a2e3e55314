public import DNSCore

/// Knot Resolver 5.x configuration (Lua) that serves a snapshot.
public enum KnotResolverConfigGenerator {
    /// Knot Resolver loads only the root zone from a file, so the zone is sent to a backup
    /// authority that serves the snapshot (BACKUP.md: NSD or Knot on loopback). Its
    /// documentation says answers through `policy.STUB` are not DNSSEC-validated.
    public static func policy(zone: DomainName, authority: ServerAddress, comments: [String] = []) -> String {
        let target = LuaStringLiteral.literal("\(authority.host)@\(authority.port)")
        let name = LuaStringLiteral.literal(zone.description)
        var lines = comments.map { "-- " + $0 }
        lines.append("policy.add(policy.suffix(policy.STUB({\(target)}), {todname(\(name))}))")
        return lines.joined(separator: "\n") + "\n"
    }
}
