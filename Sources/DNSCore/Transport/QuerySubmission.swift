/// A query handed from a caller to the reactor. Everything the reactor
/// needs is validated and precomputed on the caller's thread so the single
/// reactor thread does as little per query as possible.
struct QuerySubmission: Sendable {
    let token: UInt64
    let message: [UInt8]
    let question: QuestionMatcher
    let server: ServerAddress
    let options: QueryOptions
    let ticket: ResponseTicket
}
