public import Foundation
internal import CLDNS

/// DNSSEC arithmetic done by ldns: RRSIG verification and DS digests.
public enum DNSSECVerifier {
    /// Verifies `signature` over `rrset` with any of `keys`, at `time` (signature
    /// validity windows are judged against it, so a test can ask about the past).
    public static func verify(
        rrset: [ResourceRecord], signature: ResourceRecord, keys: [ResourceRecord], at time: Date = Date()
    ) -> SignatureVerdict {
        guard let data = signature.rrsig else {
            return SignatureVerdict(status: .malformed, keyTag: nil, signer: nil, inception: nil,
                                    expiration: nil, detail: "not an RRSIG record")
        }
        let inception = Self.date(fromSerialTime: data.inception, near: time)
        let expiration = Self.date(fromSerialTime: data.expiration, near: time)
        func verdict(_ status: SignatureVerdict.Status, _ detail: String? = nil) -> SignatureVerdict {
            SignatureVerdict(status: status, keyTag: data.keyTag, signer: data.signer, inception: inception,
                             expiration: expiration, detail: detail)
        }
        do {
            let set = try LDNSRecordList(rrset)
            let keyList = try LDNSRecordList(keys.filter { $0.type == .dnskey })
            let rrsig = try LDNSRecord(signature)
            let goodKeys = ldns_rr_list_new()
            // good_keys points into keyList: free only the container.
            defer { ldns_rr_list_free(goodKeys) }
            let status = ldns_verify_rrsig_keylist_time(set.pointer, rrsig.pointer, keyList.pointer,
                                                        time_t(time.timeIntervalSince1970), goodKeys)
            switch status {
            case LDNS_STATUS_OK: return verdict(.valid)
            case LDNS_STATUS_CRYPTO_SIG_EXPIRED: return verdict(.expired, LDNSStatus.text(status))
            case LDNS_STATUS_CRYPTO_SIG_NOT_INCEPTED: return verdict(.notYetValid, LDNSStatus.text(status))
            case LDNS_STATUS_CRYPTO_NO_MATCHING_KEYTAG_DNSKEY, LDNS_STATUS_CRYPTO_NO_DNSKEY:
                return verdict(.noMatchingKey, LDNSStatus.text(status))
            case LDNS_STATUS_CRYPTO_UNKNOWN_ALGO, LDNS_STATUS_CRYPTO_ALGO_NOT_IMPL:
                return verdict(.unsupportedAlgorithm, LDNSStatus.text(status))
            default: return verdict(.bogus, LDNSStatus.text(status))
            }
        } catch {
            return verdict(.malformed, "\(error)")
        }
    }

    /// Checks every RRSIG covering `rrset`'s type in `signatures`; the RRset is secure
    /// when at least one verdict is valid.
    public static func verifyAll(
        rrset: [ResourceRecord], signatures: [ResourceRecord], keys: [ResourceRecord], at time: Date = Date()
    ) -> [SignatureVerdict] {
        guard let type = rrset.first?.type else { return [] }
        return signatures.filter { $0.rrsig?.typeCovered == type }.map {
            verify(rrset: rrset, signature: $0, keys: keys, at: time)
        }
    }

    /// The DS record (digest type 1 SHA-1, 2 SHA-256, 4 SHA-384) ldns computes for a key.
    public static func ds(for dnskey: ResourceRecord, digestType: UInt8 = 2) throws -> ResourceRecord {
        guard dnskey.type == .dnskey else {
            throw DNSCoreError(.dnssec, "\(dnskey.owner) \(dnskey.type) is not a DNSKEY")
        }
        let key = try LDNSRecord(dnskey)
        guard let ds = ldns_key_rr2ds(key.pointer, ldns_hash(rawValue: UInt32(digestType))) else {
            throw DNSCoreError(.dnssec, "cannot compute a DS of digest type \(digestType) for \(dnskey.owner)")
        }
        return try LDNSRecord(owning: ds).record()
    }

    /// True when `ds` is the digest of `dnskey` (same tag, algorithm and digest).
    public static func matches(ds: ResourceRecord, dnskey: ResourceRecord) -> Bool {
        guard let data = ds.ds, let computed = try? Self.ds(for: dnskey, digestType: data.digestType) else {
            return false
        }
        return computed.ds == data && ds.owner == dnskey.owner
    }

    /// RRSIG times are seconds modulo 2^32 (RFC 4034 §3.1.5); pick the date closest to
    /// `reference` so the arithmetic stays right past 2106.
    public static func date(fromSerialTime value: UInt32, near reference: Date = Date()) -> Date {
        let now = Int64(reference.timeIntervalSince1970)
        let base = now & ~Int64(0xFFFF_FFFF)
        var candidate = base + Int64(value)
        if candidate - now > Int64(1) << 31 { candidate -= Int64(1) << 32 }
        if now - candidate > Int64(1) << 31 { candidate += Int64(1) << 32 }
        return Date(timeIntervalSince1970: TimeInterval(candidate))
    }
}
