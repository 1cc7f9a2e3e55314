import DNSCore
import Foundation
import Synchronization

/// A token bucket per server address: at most `rate` questions a second to any one
/// address, with bursts of a tenth of a second's worth. A server hosting 50,000 zones
/// of the TLD is asked at this pace however many workers sweep it; the query gate behind
/// it still bounds how many are in flight.
///
/// Tokens may go negative: a caller reserves its slot at once and sleeps until it comes,
/// so waiters are served in the order they asked without a queue of continuations.
final class ServerRateLimit: Sendable {
    let rate: Double
    private let burst: Double
    private let buckets = Mutex<[ServerAddress: Bucket]>([:])

    private struct Bucket {
        var tokens: Double
        var stamp: ContinuousClock.Instant
    }

    /// `rate` <= 0: no limit.
    init(rate: Double) {
        self.rate = rate
        self.burst = max(1, rate / 10)
    }

    /// Waits until a question to `address` may go out.
    func wait(for address: ServerAddress) async {
        guard rate > 0 else { return }
        let now = ContinuousClock.now
        let delay = buckets.withLock { buckets -> Duration in
            var bucket = buckets[address] ?? Bucket(tokens: burst, stamp: now)
            let elapsed = now - bucket.stamp
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate)
            bucket.stamp = now
            bucket.tokens -= 1
            buckets[address] = bucket
            return bucket.tokens >= 0 ? .zero : .seconds(-bucket.tokens / rate)
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
    }
}
