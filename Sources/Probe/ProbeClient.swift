import DNSCore

/// The probe's door to the network: every query passes the gate, and the result comes
/// back as a value (answer or transport failure) because a dead server is data here,
/// not an exception.
struct ProbeClient: Sendable {
    let client: DNSClient
    let gate: QueryGate

    enum Outcome: Sendable {
        case answer(DNSResponse)
        case failure(String, code: String)

        var response: DNSResponse? {
            if case .answer(let response) = self { return response }
            return nil
        }

        var message: Message? { response?.message }

        /// `timeout`, `refused`, `REFUSED` (the rcode), `SERVFAIL`, `NOERROR`, ...
        var summary: String {
            switch self {
            case .answer(let response): return response.message.rcode.description
            case .failure(let text, _): return text
            }
        }
    }

    func send(_ message: Message, to server: ServerAddress, transport: TransportProtocol = .udp) async -> Outcome {
        await gate.acquire(server)
        let outcome = await exchange(message, with: server, transport: transport)
        await gate.release(server)
        return outcome
    }

    private func exchange(_ message: Message, with server: ServerAddress, transport: TransportProtocol) async -> Outcome {
        var options = client.options
        options.transport = transport
        do {
            return .answer(try await client.send(message, to: server, options: options))
        } catch let error as TransportError {
            return .failure(error.description, code: error.code.description)
        } catch let error as DNSCoreError {
            return .failure(error.description, code: error.code.description)
        } catch {
            return .failure("\(error)", code: "error")
        }
    }

    func query(_ name: DomainName, _ type: RRType, at server: ServerAddress, transport: TransportProtocol = .udp,
               recursionDesired: Bool = false, dnssec: Bool = false, edns: EDNS? = nil) async -> Outcome {
        let message = Message.query(name, type, recursionDesired: recursionDesired,
                                    edns: edns ?? EDNS(udpPayloadSize: 1232, dnssecOK: dnssec))
        return await send(message, to: server, transport: transport)
    }
}
