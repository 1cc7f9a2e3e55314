public import DNSCore
import Foundation

/// A query file in dnsperf's format: one `name TYPE` a line (`www.example.org A`); blank
/// lines and lines starting with `;` or `#` are skipped. The type defaults to A, as in
/// dnsperf.
public enum QueryFile {
    /// More would only cost memory: a million distinct questions already defeat any cache.
    public static let maximumQuestions = 1_000_000

    public static func questions(path: String) throws -> [Question] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HeadroomError(.input, "\(path): cannot read the query file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HeadroomError(.input, "\(path): not UTF-8 text")
        }
        return try questions(text: text, name: path)
    }

    public static func questions(text: String, name: String) throws -> [Question] {
        var questions: [Question] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix(";") || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count <= 2 else {
                throw HeadroomError(.input, "\(name):\(lineNumber): expected 'name TYPE', got '\(line)'")
            }
            let owner: DomainName
            do { owner = try DomainName(String(fields[0])) } catch {
                throw HeadroomError(.input, "\(name):\(lineNumber): not a domain name: '\(fields[0])' (\(error))")
            }
            var type = RRType.a
            if fields.count == 2 {
                guard let parsed = RRType(String(fields[1]).uppercased()), !parsed.isMeta || parsed == .any else {
                    throw HeadroomError(.input, "\(name):\(lineNumber): unknown record type '\(fields[1])'")
                }
                type = parsed
            }
            questions.append(Question(name: owner, type: type))
            guard questions.count <= maximumQuestions else {
                throw HeadroomError(.input, "\(name):\(lineNumber): more than \(maximumQuestions) queries")
            }
        }
        guard !questions.isEmpty else { throw HeadroomError(.input, "\(name): no queries in the file") }
        return questions
    }
}
