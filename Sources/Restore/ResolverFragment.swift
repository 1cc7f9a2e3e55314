public import DNSCore
import Model

/// The configuration that makes one resolver serve one snapshot, and where it goes: the
/// fragment's text and file, and the zone file copy it loads.
public struct ResolverFragment: Sendable, Codable, Equatable {
    public let resolver: ResolverKind
    public let mode: RestoreMode
    public let zone: DomainName
    /// The resolver's include directory (absolute).
    public let directory: String
    /// The name the resolver includes: `dnsward-<zone>.conf` (`.lua`).
    public let activeName: String
    /// What is written: `activeName`, or `activeName.standby` in fallback mode.
    public let installedName: String
    public let text: String
    /// Where the snapshot's zone file must be copied for the fragment to load; nil when
    /// the data is inline (harvest) or served elsewhere (Knot Resolver's authority).
    public let zoneFileCopy: String?

    public var activePath: String { directory + "/" + activeName }
    public var standbyPath: String { activePath + FragmentNaming.standbySuffix }
    public var installedPath: String { directory + "/" + installedName }

    /// Generates the fragment. `authority` is the backup authority Knot Resolver is sent
    /// to (it must serve the snapshot); the other resolvers load the copy themselves.
    public static func make(
        for snapshot: RestoreSnapshot, resolver: ResolverKind, mode: RestoreMode, directory: String,
        authority: ServerAddress? = nil
    ) throws(RestoreError) -> ResolverFragment {
        guard directory.hasPrefix("/") else {
            throw RestoreError(.badInput, "include directory '\(directory)' must be an absolute path (the resolver resolves relative paths against its own directory)")
        }
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let zone = snapshot.zone
        let comments = FragmentHeader.lines(for: snapshot, mode: mode)
        let activeName = FragmentNaming.fragmentName(for: zone, resolver: resolver)
        let installedName = mode == .fallback ? activeName + FragmentNaming.standbySuffix : activeName
        let copyPath = directory + "/" + FragmentNaming.zoneCopyName(for: zone, manifest: snapshot.manifest)
        let text: String
        var zoneFileCopy: String? = copyPath
        switch resolver {
        case .unbound:
            if snapshot.isHarvest {
                text = try UnboundConfigGenerator.localData(zone: zone, records: snapshot.records(), comments: comments)
                zoneFileCopy = nil
            } else {
                text = try UnboundConfigGenerator.authZone(zone: zone, zoneFile: copyPath, comments: comments)
            }
        case .bind:
            guard !snapshot.isHarvest else {
                throw RestoreError(.unsupported, "snapshot \(snapshot.id) of \(zone) is a harvest (a partial zone): as a BIND zone it would hide every name it lacks; restore it to Unbound (local data) instead")
            }
            text = try BINDConfigGenerator.zoneStatement(zone: zone, zoneFile: copyPath, comments: comments)
        case .knotResolver:
            guard !snapshot.isHarvest else {
                throw RestoreError(.unsupported, "snapshot \(snapshot.id) of \(zone) is a harvest (a partial zone): sending the zone to an authority serving it would hide every name it lacks; restore it to Unbound (local data) instead")
            }
            guard let authority else {
                throw RestoreError(.badInput, "Knot Resolver needs the backup authority that serves the snapshot (ADDR@PORT)")
            }
            let file = FragmentHeader.printable(snapshot.manifest.file).map { " (\($0))" } ?? ""
            text = KnotResolverConfigGenerator.policy(
                zone: zone, authority: authority,
                comments: comments + ["the authority \(authority) must serve this snapshot's zone file\(file)"])
            zoneFileCopy = nil
        }
        return ResolverFragment(
            resolver: resolver, mode: mode, zone: zone, directory: directory, activeName: activeName,
            installedName: installedName, text: text, zoneFileCopy: zoneFileCopy)
    }
}
