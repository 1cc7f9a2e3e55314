public import Foundation

/// The one JSON configuration of everything dnsward writes for machines (command output,
/// manifests): keys sorted so output diffs well, slashes as they are, dates in ISO 8601
/// UTC to the second (what `jq`'s `fromdate` reads).
public enum JSONOutput {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `value` as text; `fallback` when it cannot be encoded (it always can, for our types).
    public static func text(_ value: some Encodable, fallback: String = "{}") -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? fallback
    }
}
