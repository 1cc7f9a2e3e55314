/// An errno carried through `Result`.
struct TransportErrno: Error {
    let value: Int32
    init(_ value: Int32) { self.value = value }
}
