import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sorts records into canonical zone-file text in bounded memory: runs of `chunkSize`
/// records are sorted and spilled to temporary files beside the snapshot, then merged.
/// A zone of a million records never sits in memory whole.
///
/// Used from one thread at a time (the transfer thread, then the caller), hence
/// `@unchecked Sendable`.
final class ExternalSorter: @unchecked Sendable {
    private let directory: String
    private let chunkSize: Int
    private let apex: DomainName
    private var pending: [(key: [UInt8], line: String)] = []
    private var chunks: [String] = []
    private(set) var received = 0

    init(directory: String, apex: DomainName, chunkSize: Int = 250_000) {
        self.directory = directory
        self.apex = apex
        self.chunkSize = chunkSize
    }

    deinit { removeChunks() }

    func append(_ record: ResourceRecord) throws {
        received += 1
        let canonical = record.canonical
        // The apex SOA leads the file so every server takes the apex from the first record.
        let lead: UInt8 = record.type == .soa && record.owner == apex ? 0 : 1
        pending.append(([lead] + canonical.sortKeyOfCanonicalForm, canonical.description))
        if pending.count >= chunkSize { try spill() }
    }

    /// Writes the merged, deduplicated text to `output` and returns the number of records
    /// written. `digest` sees every byte written.
    func finish(into output: BufferedWriter) throws -> Int {
        defer { removeChunks() }
        if chunks.isEmpty {
            pending.sort { $0.key.lexicographicallyPrecedes($1.key) }
            var previous: [UInt8]?
            var count = 0
            for entry in pending where entry.key != previous {
                try output.writeLine(entry.line)
                previous = entry.key
                count += 1
            }
            pending = []
            return count
        }
        try spill()
        var readers = try chunks.map { try ChunkReader(path: $0) }
        var heads: [ChunkReader.Entry?] = try readers.indices.map { try readers[$0].next() }
        var previous: ArraySlice<UInt8>?
        var count = 0
        while true {
            var best: Int?
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if let current = best, let bestHead = heads[current],
                   !head.key.lexicographicallyPrecedes(bestHead.key) { continue }
                best = index
            }
            guard let index = best, let head = heads[index] else { break }
            if head.key != previous {
                try output.writeLine(head.line)
                previous = head.key
                count += 1
            }
            heads[index] = try readers[index].next()
        }
        return count
    }

    private func spill() throws {
        guard !pending.isEmpty else { return }
        pending.sort { $0.key.lexicographicallyPrecedes($1.key) }
        let path = directory + "/.chunk-\(getpid())-\(chunks.count)"
        let writer = try BufferedWriter(path: path)
        for entry in pending {
            // Hex keeps the byte order under string comparison and never contains a tab.
            try writer.writeLine(Self.hex(entry.key) + "\t" + entry.line)
        }
        try writer.close(sync: false)
        chunks.append(path)
        pending.removeAll(keepingCapacity: true)
    }

    private func removeChunks() {
        for chunk in chunks { unlink(chunk) }
        chunks = []
    }

    static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads `key \t line` entries back from a spilled chunk, as bytes: the merge compares
/// hex keys byte by byte, which is their order and much cheaper than String comparison.
struct ChunkReader {
    struct Entry {
        let key: ArraySlice<UInt8>
        let line: ArraySlice<UInt8>
    }

    private let reader: LineReader

    init(path: String) throws {
        reader = try LineReader(path: path)
    }

    mutating func next() throws -> Entry? {
        guard let bytes = try reader.nextBytes() else { return nil }
        guard let tab = bytes.firstIndex(of: UInt8(ascii: "\t")) else {
            throw DNSCoreError(.invalidZoneFile, "corrupt sort chunk line")
        }
        return Entry(key: bytes[..<tab], line: bytes[(tab + 1)...])
    }
}
