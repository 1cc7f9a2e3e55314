/// The recursive resolvers a snapshot can be restored to.
public enum ResolverKind: String, Sendable, CaseIterable, Codable {
    case unbound
    case bind
    case knotResolver = "knot-resolver"
}
