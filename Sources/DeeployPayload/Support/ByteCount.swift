/// A size in bytes as a person types it: `1048576`, `512K`, `10M`, `1G` (1024-based; a
/// trailing `B` or `iB` is allowed, case does not matter).
///
/// The command-line tool's `--max-size` and deeploy-gateway's `--max-size` (and
/// `DEEPLOY_GATEWAY_MAX_SIZE`) read sizes this way.
///
/// ```swift
/// ByteCount("10M")?.bytes      // 10485760
/// ByteCount("512KiB")?.bytes   // 524288
/// ByteCount(bytes: 1 << 30).description  // "1G"
/// ```
public struct ByteCount: Sendable, Hashable, CustomStringConvertible {
    /// The size in bytes.
    public let bytes: Int

    /// A size of `bytes` bytes.
    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// Reads `text`: digits, optionally followed by `K`, `M` or `G` (times 1024, 1024² or
    /// 1024³), each optionally followed by `B` or `iB`, or by `B` alone; any case. Nil for
    /// anything else (a sign, a space, a fraction, no digits) and for a size that does not fit
    /// in an `Int`.
    public init?(_ text: String) {
        var digits = Substring(text)
        var unit = 1
        let lowered = text.lowercased()
        for (suffixes, multiplier) in Self.units {
            if let suffix = suffixes.first(where: { lowered.hasSuffix($0) }) {
                digits = digits.dropLast(suffix.count)
                unit = multiplier
                break
            }
        }
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }), let count = Int(digits) else {
            return nil
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        self.bytes = bytes
    }

    /// The size with the largest unit that divides it, as it would be typed: `1G`, `512K`, `1000`.
    public var description: String {
        for (multiplier, symbol) in [(1 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")] where bytes != 0 && bytes % multiplier == 0 {
            return "\(bytes / multiplier)\(symbol)"
        }
        return "\(bytes)"
    }

    private static let units: [([String], Int)] = [
        (["kib", "kb", "k"], 1 << 10),
        (["mib", "mb", "m"], 1 << 20),
        (["gib", "gb", "g"], 1 << 30),
        (["b"], 1),
    ]
}
