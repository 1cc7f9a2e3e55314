/// A configuration problem, located: file, line (when known) and the key's path.
struct ConfigError: Error, CustomStringConvertible {
    let file: String
    let line: Int?
    let keyPath: String?
    let reason: String

    var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let keyPath, !keyPath.isEmpty { location += ": \(keyPath)" }
        return "\(location): \(reason)"
    }
}
