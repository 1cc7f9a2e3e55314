extension ResourceRecord {
    /// Bytes whose plain lexicographic order is the zone file's canonical order (owner by
    /// RFC 4034 §6.1, then type, then canonical rdata), so records can be sorted outside
    /// memory as text. Labels go right to left; inside a label 0x00 is escaped as 00 01 and
    /// labels end with 00 00, which keeps "a" before "ab" and both before "a.b".
    public var canonicalSortKey: [UInt8] { sortKey(rdata: canonicalRDATA) }

    /// The key of a record already in canonical form: its rdata is taken as it is.
    public var sortKeyOfCanonicalForm: [UInt8] { sortKey(rdata: rdata) }

    private func sortKey(rdata: [UInt8]) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(owner.wire.count * 2 + 4 + rdata.count)
        let wire = owner.wire
        var starts: [Int] = []
        starts.reserveCapacity(8)
        var index = 0
        while index < wire.count, wire[index] != 0 {
            starts.append(index)
            index += 1 + Int(wire[index])
        }
        for start in starts.reversed() {
            for byte in wire[(start + 1)..<(start + 1 + Int(wire[start]))] {
                let folded = DomainName.fold(byte)
                if folded == 0 {
                    key.append(0)
                    key.append(1)
                } else {
                    key.append(folded)
                }
            }
            key.append(0)
            key.append(0)
        }
        // A byte below any label byte ends the owner, so a name sorts before its children.
        key.append(0)
        key.append(0)
        key.appendUInt16(type.rawValue)
        key.appendUInt16(rrClass.rawValue)
        key.append(contentsOf: rdata)
        return key
    }
}
