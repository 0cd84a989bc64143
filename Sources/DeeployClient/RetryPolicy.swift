import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When a failed attempt is tried again, and after how long.
///
/// An attempt is retried, up to ``maximumRetries`` times, when the server answers 5xx or 429,
/// or the connection fails, times out or closes early; never on another 4xx, and never when the
/// body cannot be sent again (a file that changed since it was judged). The wait before retry
/// `n` (from 0) is `min(maximumBackoff, initialBackoff × multiplier^n)`, of which the fraction
/// ``jitter`` is random: `base × (1 − jitter) + random(0…1) × base × jitter`. A 429 or 503 with
/// `Retry-After` (seconds or an HTTP date) waits that long instead; one asking for more than
/// ``maximumRetryAfter`` is not retried.
///
/// The random numbers come from a generator seeded with ``seed`` when set, so tests see the
/// same waits every run; ``sleep`` does the waiting and can be replaced to record them.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt; 0 turns retrying off. 3 by default.
    public var maximumRetries: Int
    /// The wait before the first retry. 0.5 s by default.
    public var initialBackoff: Duration
    /// The longest wait between attempts. 30 s by default.
    public var maximumBackoff: Duration
    /// The factor each wait grows by. 2 by default (exponential backoff).
    public var multiplier: Double
    /// The random fraction of each wait, from 0 (none) to 1 (full jitter). 0.5 by default.
    public var jitter: Double
    /// The longest `Retry-After` honoured; a longer one ends the call with the server's answer.
    /// 60 s by default.
    public var maximumRetryAfter: Duration
    /// Seeds the jitter's generator; nil draws from the system's generator.
    public var seed: UInt64?
    /// Waits between attempts; `Task.sleep` by default.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// Creates a policy.
    public init(
        maximumRetries: Int = 3,
        initialBackoff: Duration = .milliseconds(500),
        maximumBackoff: Duration = .seconds(30),
        multiplier: Double = 2,
        jitter: Double = 0.5,
        maximumRetryAfter: Duration = .seconds(60),
        seed: UInt64? = nil,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maximumRetries = maximumRetries
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.multiplier = multiplier
        self.jitter = jitter
        self.maximumRetryAfter = maximumRetryAfter
        self.seed = seed
        self.sleep = sleep
    }

    /// No retries.
    public static var none: RetryPolicy { RetryPolicy(maximumRetries: 0) }

    /// The wait before retry `retry` (0 for the first), with `unit` a random number in 0..<1.
    public func backoff(retry: Int, random unit: Double) -> Duration {
        let base = min(
            Double(maximumBackoff.nanoseconds),
            Double(initialBackoff.nanoseconds) * pow(max(multiplier, 1), Double(max(retry, 0))))
        let fraction = min(max(jitter, 0), 1)
        let wait = base * (1 - fraction) + unit * base * fraction
        return .nanoseconds(Int64(wait))
    }

    /// The wait a `Retry-After` value asks for: delta-seconds, or an IMF-fixdate
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`) measured from now; nil when it is neither.
    public static func retryAfter(_ value: String, now: Int64 = currentUnixTime()) -> Duration? {
        let trimmed = value.trimming(" \t")
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return Int64(trimmed).map { Duration.seconds($0) } ?? Duration.seconds(Int64.max / 1_000_000_000)
        }
        guard let date = imfFixdate(trimmed) else { return nil }
        return .seconds(max(0, date - now))
    }

    /// Seconds since 1970 of an IMF-fixdate (RFC 9110 §5.6.7), or nil.
    static func imfFixdate(_ text: String) -> Int64? {
        // "Sun, 06 Nov 1994 08:49:37 GMT"
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int64(parts[1]), let year = Int64(parts[3]),
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                .firstIndex(of: String(parts[2]))
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int64($0) }
        guard clock.count == 3, (1...31).contains(day), clock[0] < 24, clock[1] < 60, clock[2] < 61 else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let m = Int64(month) + 1
        let y = m <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
    }

    /// The wall clock, in whole seconds since 1970.
    public static func currentUnixTime() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }
}

/// The jitter's random numbers: SplitMix64 from a seed, or the system's generator.
final class JitterSource: Sendable {
    private let state: Mutex<UInt64?>

    init(seed: UInt64?) {
        state = Mutex(seed)
    }

    /// A number in 0..<1.
    func next() -> Double {
        let bits: UInt64 = state.withLock { seed in
            guard var value = seed else {
                var generator = SystemRandomNumberGenerator()
                return generator.next()
            }
            value &+= 0x9E37_79B9_7F4A_7C15
            seed = value
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) / Double(1 << 53)
    }
}

extension String {
    /// This string without leading and trailing characters of `set`.
    func trimming(_ set: String) -> String {
        let scalars = unicodeScalars
        let isTrimmed: (Unicode.Scalar) -> Bool = { set.unicodeScalars.contains($0) }
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
