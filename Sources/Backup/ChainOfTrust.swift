import DNSCore

/// The parent's DS set for a zone, as the delegation walk found it, or why it could not be
/// had. Without it a snapshot's DNSSEC cannot be anchored: an unsigned forgery of a signed
/// zone, served by a hijacked `--server`, would look like a fine unsigned zone.
struct ChainOfTrust: Sendable {
    var delegation: Delegation?
    /// The DS RRset the parent serves (empty: an unsigned delegation).
    var delegationSigner: [ResourceRecord]
    /// Set when the walk failed: the DS could not be checked.
    var notCheckedBecause: String?

    /// The root has no parent: its delegation is the hints, and nothing above it to check.
    static func find(_ zone: DomainName, walker: DelegationWalker) async -> ChainOfTrust {
        do {
            let delegation = try await walker.delegation(of: zone)
            return ChainOfTrust(delegation: delegation, delegationSigner: delegation.ds, notCheckedBecause: nil)
        } catch {
            return ChainOfTrust(delegation: nil, delegationSigner: [],
                                notCheckedBecause: "the parent's DS for \(zone) could not be fetched (\(error))")
        }
    }

    /// `true` checked, `false` not checked (kept on request), `nil` the root (no parent).
    func checked(zone: DomainName) -> Bool? {
        zone.isRoot ? nil : notCheckedBecause == nil
    }

    /// A snapshot whose chain could not be checked is refused, unless the operator asked to
    /// keep it; then it is kept and says so.
    func judge(required: Bool, problems: inout [String], notes: inout [String]) {
        guard let reason = notCheckedBecause else { return }
        if required {
            problems.append(reason + ": the chain of trust is not checked, refused (--no-chain-check keeps such a copy, marked)")
        } else {
            notes.append("chain not checked: " + reason)
        }
    }
}
