import ArgumentParser

/// A size in bytes given on the command line: `1048576`, `512K`, `10M`, `1G`
/// (1024-based; a trailing `B` or `iB` is allowed, case does not matter).
struct ByteCount: Hashable, ExpressibleByArgument {
    let bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        var digits = Substring(argument)
        var unit = 1
        let lowered = argument.lowercased()
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
    var defaultValueDescription: String {
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
