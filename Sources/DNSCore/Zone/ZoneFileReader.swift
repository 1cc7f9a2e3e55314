#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CLDNS
public import Platform

/// Reads an RFC 1035 master file one record at a time, so a zone of a million records
/// never has to be in memory at once. `$ORIGIN` and `$TTL` are honoured; `$INCLUDE` is
/// refused (a backup must be one self-contained file).
public final class ZoneFileReader: Sequence, IteratorProtocol {
    public let path: String
    /// The line the last record (or error) ended on, for messages that say where.
    public private(set) var line: Int32 = 0
    public private(set) var origin: DomainName?

    private let file: UnsafeMutablePointer<FILE>
    /// The bytes an in-memory reader reads from; they must outlive the stream.
    private var contents: UnsafeMutableRawBufferPointer?
    private var ldnsOrigin: UnsafeMutablePointer<ldns_rdf>?
    private var previousOwner: UnsafeMutablePointer<ldns_rdf>?
    private var defaultTTL: UInt32
    /// Set when iteration stopped on an error; `Sequence` iteration cannot throw.
    public private(set) var error: DNSCoreError?

    /// Only a regular file is read (a FIFO or a link to `/dev/zero` would never end);
    /// `links: .refuse` for files that are never symbolic links, as in the snapshot store.
    public init(path: String, origin: DomainName? = nil, defaultTTL: UInt32 = 3600, links: RegularFile.Links = .follow) throws {
        let file: UnsafeMutablePointer<FILE>
        do {
            file = try DNSCoreError.from { try RegularFile.stream(path, links: links) }
        } catch let error as DNSCoreError {
            throw DNSCoreError(.fileAccess, "zone file: \(error.reason)")
        }
        self.path = path
        self.file = file
        self.origin = origin
        self.defaultTTL = defaultTTL
        if let origin { ldnsOrigin = LDNSRecord.dname(origin) }
    }

    /// Reads zone-file text held in memory (`name` stands for the path in messages): the
    /// same parser, for bytes that never were a file (the fuzzer's).
    public init(contents bytes: [UInt8], name: String, origin: DomainName? = nil, defaultTTL: UInt32 = 3600) throws {
        // fmemopen refuses an empty buffer; one byte of a blank line reads the same as nothing.
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(1, bytes.count), alignment: 1)
        if bytes.isEmpty { copy[0] = UInt8(ascii: "\n") } else { copy.copyBytes(from: bytes) }
        guard let file = fmemopen(copy.baseAddress, copy.count, "r") else {
            copy.deallocate()
            throw DNSCoreError(.fileAccess, "cannot read \(name) from memory: \(errnoText(errno))")
        }
        self.path = name
        self.file = file
        self.contents = copy
        self.origin = origin
        self.defaultTTL = defaultTTL
        if let origin { ldnsOrigin = LDNSRecord.dname(origin) }
    }

    deinit {
        fclose(file)
        contents?.deallocate()
        if let ldnsOrigin { ldns_rdf_deep_free(ldnsOrigin) }
        if let previousOwner { ldns_rdf_deep_free(previousOwner) }
    }

    /// The next record, nil at the end of the file; a syntax error names file and line.
    public func nextRecord() throws -> ResourceRecord? {
        while true {
            var rr: UnsafeMutablePointer<ldns_rr>?
            let linesBefore = line
            var lineNumber = line
            let status = ldns_rr_new_frm_fp_l(&rr, file, &defaultTTL, &ldnsOrigin, &previousOwner, &lineNumber)
            line = lineNumber
            switch status {
            case LDNS_STATUS_OK:
                guard let rr else { continue }
                let owned = LDNSRecord(owning: rr)
                return try owned.record()
            case LDNS_STATUS_SYNTAX_EMPTY, LDNS_STATUS_SYNTAX_TTL:
                if feof(file) != 0 { return nil }
            case LDNS_STATUS_SYNTAX_ORIGIN:
                origin = try ldnsOrigin.map { try LDNSRecord.name($0) }
            case LDNS_STATUS_SYNTAX_INCLUDE:
                throw DNSCoreError(.invalidZoneFile, "\(path):\(line): $INCLUDE is not supported")
            default:
                var note = ""
                if feof(file) != 0 {
                    // ldns answers a plain syntax error at the end of the file both for a
                    // last line it cannot read (one longer than it takes, a name too long)
                    // and, in some versions, for a file that merely ends in blank or
                    // comment lines: only what is left after the last record tells them
                    // apart. Without a final newline its line count is one short, too.
                    let rest = restAfterLine(linesBefore)
                    if rest == nil && status == LDNS_STATUS_SYNTAX_ERR { return nil }
                    if let rest {
                        line = rest.lastLine
                        // Past ldns's own line length the length is likely the cause: say it.
                        if rest.longestLine > Int(LDNS_MAX_LINELEN) { note = " (a line of \(rest.longestLine) characters)" }
                    }
                }
                throw DNSCoreError(
                    .invalidZoneFile, "\(path):\(line): \(LDNSStatus.text(status))\(note)",
                    ldnsStatus: LDNSStatus.text(status))
            }
        }
    }

    /// What the file holds after its first `lines` lines, other than blanks and comments:
    /// the last line with such content and the longest of those lines, or nil when there
    /// is nothing. Reads the file again from the start: only ever on an error at its end.
    private func restAfterLine(_ lines: Int32) -> (lastLine: Int32, longestLine: Int)? {
        rewind(file)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var lineNumber: Int32 = 1
        var inComment = false
        var lineHasContent = false
        var lineLength = 0
        var lastLine: Int32?
        var longest = 0
        func endLine() {
            if lineHasContent {
                lastLine = lineNumber
                longest = Swift.max(longest, lineLength)
            }
            lineNumber += 1
            inComment = false
            lineHasContent = false
            lineLength = 0
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            for byte in buffer[0..<count] {
                if byte == UInt8(ascii: "\n") {
                    endLine()
                    continue
                }
                guard lineNumber > lines else { continue }
                lineLength += 1
                if inComment { continue }
                switch byte {
                case UInt8(ascii: ";"): inComment = true
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C: break
                default: lineHasContent = true
                }
            }
        }
        if ferror(file) != 0 { return (Swift.max(lines, 1), 0) }  // unreadable now: an error all the same
        endLine()
        return lastLine.map { ($0, longest) }
    }

    public func next() -> ResourceRecord? {
        guard error == nil else { return nil }
        do {
            return try nextRecord()
        } catch let caught as DNSCoreError {
            error = caught
            return nil
        } catch {
            self.error = DNSCoreError(.invalidZoneFile, "\(path): \(error)")
            return nil
        }
    }

    /// Reads a whole (small) file; large zones should iterate instead.
    public static func readAll(path: String, origin: DomainName? = nil) throws -> [ResourceRecord] {
        let reader = try ZoneFileReader(path: path, origin: origin)
        var records: [ResourceRecord] = []
        while let record = try reader.nextRecord() { records.append(record) }
        return records
    }
}
