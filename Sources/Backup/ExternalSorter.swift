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
    private var pending: [ResourceRecord] = []
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
        pending.append(record)
        if pending.count >= chunkSize { try spill() }
    }

    /// Canonical form, sort key and presentation of the pending records, computed on every
    /// core: the ldns presentation is the costliest step of a snapshot.
    private func keyedPending() -> [(key: [UInt8], line: String)] {
        let records = pending
        pending.removeAll(keepingCapacity: true)
        let apex = self.apex
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let slice = (records.count + workers - 1) / max(workers, 1)
        let results = UnsafeMutableBufferPointer<(key: [UInt8], line: String)>.allocate(capacity: records.count)
        defer { results.deallocate() }
        let output = DisjointSlots(base: results.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * slice)..<min(records.count, (worker + 1) * slice)
            guard !range.isEmpty else { return }
            for index in range {
                let record = records[index]
                let canonical = record.canonical
                // The apex SOA leads the file so every server takes the apex from the first record.
                let lead: UInt8 = record.type == .soa && record.owner == apex ? 0 : 1
                (output.base + index).initialize(to: ([lead] + canonical.sortKeyOfCanonicalForm, canonical.description))
            }
        }
        let keyed = Array(results)
        _ = results.baseAddress.map { $0.deinitialize(count: records.count) }
        return keyed.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    /// Writes the merged, deduplicated text to `output` and returns the number of records
    /// written. `digest` sees every byte written.
    func finish(into output: BufferedWriter) throws -> Int {
        defer { removeChunks() }
        if chunks.isEmpty {
            var previous: [UInt8]?
            var count = 0
            for entry in keyedPending() where entry.key != previous {
                try output.writeLine(entry.line)
                previous = entry.key
                count += 1
            }
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
        let path = directory + "/.chunk-\(getpid())-\(chunks.count)"
        let writer = try BufferedWriter(path: path)
        for entry in keyedPending() {
            // Hex keeps the byte order under string comparison and never contains a tab.
            try writer.writeLine(Self.hex(entry.key) + "\t" + entry.line)
        }
        try writer.close(sync: false)
        chunks.append(path)
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

/// Worker threads each fill their own index range of one buffer; nothing is shared.
struct DisjointSlots<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
