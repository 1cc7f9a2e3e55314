import ArgumentParser
import DNSCore
import Foundation

/// A small dig: one question to one server, the answer in presentation format with
/// flags, rcode and round-trip time.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask one server one question, like dig.",
        discussion: """
        Arguments: NAME [TYPE] @SERVER, in any order, SERVER as ADDR, ADDR@PORT or [V6]:PORT.
        Exit status: 0 answered (any rcode), 1 no usable answer (timeout, refused, malformed).
        """
    )

    @Argument(help: "NAME [TYPE] @SERVER")
    var words: [String]

    @Flag(name: .long, help: "Query over TCP.")
    var tcp = false

    @Flag(name: .long, help: "Set the DO bit (request DNSSEC records).")
    var dnssec = false

    @Flag(inversion: .prefixedNo, help: "Set RD (recursion desired); --no-recurse for authoritative servers.")
    var recurse = true

    @Option(name: .long, help: "Seconds to wait for each attempt.")
    var timeout: Double = 2

    @Option(name: .long, help: "Extra UDP attempts after a timeout.")
    var retries: Int = 1

    @OptionGroup var global: GlobalOptions

    struct Parsed {
        var name: DomainName
        var type: RRType
        var server: ServerAddress
    }

    func validate() throws {
        _ = try parse()
        do {
            _ = try NumberLimits.timeout.check(timeout, option: "--timeout")
            _ = try NumberLimits.retries.check(retries, option: "--retries")
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func parse() throws -> Parsed {
        var server: ServerAddress?
        var rest: [String] = []
        for word in words {
            if word.hasPrefix("@") {
                do {
                    server = try ServerAddress(parsing: String(word.dropFirst()))
                } catch {
                    throw ValidationError("bad server '\(word.dropFirst())': \(error) (use ADDR, ADDR@PORT or [V6]:PORT)")
                }
            } else {
                rest.append(word)
            }
        }
        guard let server else { throw ValidationError("missing @SERVER (e.g. @127.0.0.1 or @127.0.0.1@5353)") }
        guard let nameText = rest.first, rest.count <= 2 else {
            throw ValidationError("expected NAME [TYPE] @SERVER, got: \(words.joined(separator: " "))")
        }
        let name: DomainName
        do { name = try DomainName(nameText) } catch { throw ValidationError("bad name '\(nameText)': \(error)") }
        var type = RRType.a
        if rest.count == 2 {
            guard let parsed = RRType(rest[1]) else { throw ValidationError("unknown type '\(rest[1])'") }
            type = parsed
        }
        return Parsed(name: name, type: type, server: server)
    }

    func run() async throws {
        let parsed = try parse()
        if let path = global.config {
            // Only for its allow_targets: the question and the server come from the command line.
            do {
                _ = try DNSWardConfig.load(from: path)
            } catch {
                FileHandleOutput.error("dnsward: \(error)")
                throw ExitCode(64)
            }
        }
        var options = QueryOptions()
        options.transport = tcp ? .tcp : .udp
        options.timeout = .seconds(timeout)
        options.udpRetries = retries
        let client = DNSClient(options: options)
        let printer = QueryPrinter(format: global.format)
        do {
            let response = try await client.query(
                parsed.name, parsed.type, at: parsed.server, recursionDesired: recurse, dnssec: dnssec)
            print(printer.render(response))
        } catch let error as TransportError {
            print(printer.render(error: error.code.description, message: error.description, ignoredAnswers: error.ignoredAnswers))
            throw ExitCode(1)
        } catch let error as DNSCoreError {
            print(printer.render(error: error.code.description, message: error.description))
            throw ExitCode(1)
        }
    }
}
