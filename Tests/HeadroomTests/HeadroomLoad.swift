import Testing

/// Every suite that puts load on a server runs inside this one, one test at a time: two
/// loads at once would measure each other.
@Suite(.serialized)
enum HeadroomLoad {}
