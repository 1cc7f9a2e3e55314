import DNSCore

/// The probe's door to the network: every query passes the gate, and the result comes
/// back as a value (answer or transport failure) because a dead server is data here,
/// not an exception.
struct ProbeClient: Sendable {
    let client: DNSClient
    let gate: QueryGate
    /// Shared by every zone of the run, like the gate.
    var ednsMemo = EDNSProbeMemo()

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

        var timedOut: Bool {
            if case .failure(_, let code) = self { return code == TransportError.Code.timeout.description }
            return false
        }
    }

    /// When a UDP question is first sent again, and when any question is given up: a
    /// TCP question gets the whole budget in its one attempt.
    var firstAttempt: Duration { client.options.timeout }
    var budget: Duration { client.options.timeout * (max(0, client.options.udpRetries) + 1) }

    func send(_ message: Message, to server: ServerAddress, transport: TransportProtocol = .udp,
              timeout: Duration? = nil, retries: Int? = nil, gated: Bool = true, urgent: Bool = false) async -> Outcome {
        let kind = QueryKind(transport: transport, message: message)
        if let silence = await gate.acquire(server, kind: kind, gated: gated, urgent: urgent) {
            return .failure("no answer: an earlier \(kind.text) question got none (\(silence)) and \(server) has answered "
                            + "no such question in this run, so this one was not sent", code: TransportError.Code.timeout.description)
        }
        var options = client.options
        options.transport = transport
        if transport == .tcp { options.timeout = budget }
        if let timeout { options.timeout = timeout }
        if let retries { options.udpRetries = retries }
        let outcome = await exchange(message, with: server, options: options)
        let result: QueryGate.Result
        switch outcome {
        case .answer: result = .answered
        case .failure(let text, _) where outcome.timedOut: result = .timedOut(text)
        case .failure: result = .other
        }
        gate.release(server, kind: kind, result: result, gated: gated)
        return outcome
    }

    private func exchange(_ message: Message, with server: ServerAddress, options: QueryOptions) async -> Outcome {
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

    /// `urgent`: a first contact with the address (see `QueryGate`).
    func query(_ name: DomainName, _ type: RRType, at server: ServerAddress, transport: TransportProtocol = .udp,
               recursionDesired: Bool = false, dnssec: Bool = false, edns: EDNS? = nil, urgent: Bool = false) async -> Outcome {
        let message = Message.query(name, type, recursionDesired: recursionDesired,
                                    edns: edns ?? EDNS(udpPayloadSize: 1232, dnssecOK: dnssec))
        return await send(message, to: server, transport: transport, urgent: urgent)
    }

    /// The same question without EDNS (no OPT record), for servers that drop EDNS queries.
    func plainQuery(_ name: DomainName, _ type: RRType, at server: ServerAddress, transport: TransportProtocol = .udp,
                    timeout: Duration? = nil, gated: Bool = true) async -> Outcome {
        await send(Message.query(name, type, edns: nil), to: server, transport: transport, timeout: timeout, retries: 0,
                   gated: gated)
    }

    /// An EDNS question, and, when it has no answer by the time a UDP question would be
    /// sent again, the same question once without EDNS (RFC 6891 §7: some servers drop
    /// queries with an OPT record). Both end within the budget, so a dead server still
    /// costs one timeout.
    func queryFallingBackToPlain(_ name: DomainName, _ type: RRType, at server: ServerAddress,
                                 transport: TransportProtocol, dnssec: Bool = false) async -> (edns: Outcome, plain: Outcome?) {
        enum Leg: Sendable {
            case edns(Outcome)
            case plain(Outcome)
            case timer
        }
        let left = budget - firstAttempt
        let plainTimeout = left > .zero ? left : firstAttempt
        return await withTaskGroup(of: Leg.self) { group in
            group.addTask { .edns(await query(name, type, at: server, transport: transport, dnssec: dnssec, urgent: true)) }
            group.addTask {
                try? await Task.sleep(for: firstAttempt)
                return .timer
            }
            var edns: Outcome?
            var plain: Outcome?
            var plainAsked = false
            func askPlain(timeout: Duration) {
                guard !plainAsked else { return }
                plainAsked = true
                group.addTask {
                    .plain(await plainQuery(name, type, at: server, transport: transport, timeout: timeout, gated: false))
                }
            }
            for await leg in group {
                switch leg {
                case .edns(let outcome):
                    edns = outcome
                    if outcome.timedOut {
                        askPlain(timeout: plainTimeout)
                    } else {
                        // Answered, or failed in a way a plain question would share (refused).
                        group.cancelAll()
                    }
                case .timer:
                    if edns == nil { askPlain(timeout: plainTimeout) }
                case .plain(let outcome):
                    plain = outcome
                }
            }
            return (edns!, plain)
        }
    }
}
