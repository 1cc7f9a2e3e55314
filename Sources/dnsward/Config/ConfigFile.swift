import Foundation
import Yams

/// Loads a YAML configuration into a Decodable type and turns every failure into a
/// `ConfigError` naming file, line and key: a cron job's mail must say what to fix.
enum ConfigFile {
    /// Far above any real configuration (10,000 zones with critical names take 0.9 MiB), far
    /// below what makes parsing crawl: YAML's cost grows with the file, and a 50 MB one took
    /// close to a minute and over a gigabyte.
    static let maximumSize = 4 * 1024 * 1024

    /// Only the tags the configuration's types need: booleans (`Bool` refuses a scalar
    /// tagged `str`) and null (an empty value is absent). Numbers parse from their text
    /// whatever their tag. Yams resolves the tag of every key it looks up with each rule's
    /// regular expression; with the seven default rules that was most of the time a
    /// configuration of ten thousand zones took to read.
    static let resolver = Resolver.basic.appending(.bool).appending(.null)

    static func load<T: Decodable>(_ type: T.Type, from file: String) throws -> T {
        // Read at most one byte past the limit: a 50 MB file, or /dev/zero, is refused at once.
        guard let handle = FileHandle(forReadingAtPath: file),
              let data = try? handle.read(upToCount: maximumSize + 1) ?? Data() else {
            throw ConfigError(file: file, line: nil, keyPath: nil, reason: "cannot read the file")
        }
        try? handle.close()
        guard data.count <= maximumSize else {
            throw ConfigError(file: file, line: nil, keyPath: nil,
                              reason: "larger than \(maximumSize / 1024 / 1024) MiB: too large for a dnsward configuration")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: file, line: nil, keyPath: nil, reason: "not UTF-8 text")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, Self.resolver)
        } catch let error as YamlError {
            throw ConfigError(file: file, line: line(of: error), keyPath: nil, reason: "YAML syntax: \(summary(of: error))")
        }
        guard let node else {
            throw ConfigError(file: file, line: nil, keyPath: nil, reason: "the file is empty")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch let error as DecodingError {
            let (codingPath, reason) = describe(error)
            throw ConfigError(file: file, line: locate(codingPath, in: node), keyPath: keyPath(codingPath), reason: reason)
        }
    }

    static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (context.codingPath, "missing key '\(key.stringValue)'")
        case .typeMismatch(let type, let context):
            return (context.codingPath, "expected \(typeName(type)): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (context.codingPath, "missing value, expected \(typeName(type))")
        case .dataCorrupted(let context):
            return (context.codingPath, context.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is UInt16.Type, is UInt32.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a mapping (\(name))"
        }
    }

    /// `zones[2].critical[0].types`
    static func keyPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// Follows the coding path through the composed YAML to the line it came from; the
    /// deepest node that exists answers, so a missing key points at its parent mapping.
    static func locate(_ path: [any CodingKey], in root: Node) -> Int? {
        var node = root
        for key in path {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
            } else if let mapping = node.mapping, let child = mapping.first(where: { $0.key.string == key.stringValue }) {
                node = child.value
            } else {
                break
            }
        }
        return node.mark.map { $0.line }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default:
            return "\(error)"
        }
    }
}

/// A coding key for walking whatever keys a YAML mapping actually has.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; self.intValue = nil }
    init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

extension Decoder {
    /// Decodable quietly ignores unknown keys; a typo in a config must not be ignored.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let known = Set(Keys.allCases.map(\.stringValue))
        let container = try self.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown key '\(key.stringValue)' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
