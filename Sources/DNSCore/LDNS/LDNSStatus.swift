internal import CLDNS

/// ldns status codes carried as text into `DNSCoreError`, so the raw cause is never lost.
enum LDNSStatus {
    static func text(_ status: ldns_status) -> String {
        String(cString: ldns_get_errorstr_by_id(status))
    }

    static func check(_ status: ldns_status, _ code: DNSCoreError.Code, _ reason: @autoclosure () -> String,
                      file: String = #fileID, line: Int = #line) throws {
        guard status != LDNS_STATUS_OK else { return }
        throw DNSCoreError(code, "\(reason()): \(text(status))", ldnsStatus: text(status), file: file, line: line)
    }
}

/// ldns declares its own `bool` as a C `signed char`, which imports as `Int8`.
@inline(__always)
func ldnsBool(_ value: Bool) -> Int8 { value ? 1 : 0 }
