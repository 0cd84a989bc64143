extension JSONNumber {
    /// The value as an `Int64` when it is an integer in `Int64`'s range, else `nil`.
    ///
    /// `"7"`, `"7.0"` and `"0.7e1"` give 7; `"7.5"` and `"9223372036854775808"` give `nil`.
    public var int64: Int64? {
        if let value = Int64(text) { return value }
        guard let integer = DecimalDigits(text)?.integer else { return nil }
        if integer.negative {
            guard integer.magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return integer.magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(integer.magnitude)
        }
        return Int64(exactly: integer.magnitude)
    }

    /// The value as a `UInt64` when it is an integer in `UInt64`'s range, else `nil`.
    public var uint64: UInt64? {
        if let value = UInt64(text) { return value }
        guard let integer = DecimalDigits(text)?.integer else { return nil }
        guard !integer.negative || integer.magnitude == 0 else { return nil }
        return integer.magnitude
    }

    /// The nearest `Double` (correctly rounded), or `nil` when the number is too large for
    /// a finite `Double`, such as `1E400`.
    ///
    /// Tiny numbers round to zero (`1e-400` gives `0.0`), which is the nearest `Double`.
    public var double: Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The nearest `Float`, or `nil` when the number is too large for a finite `Float`.
    public var float: Float? {
        guard let value = Float(text), value.isFinite else { return nil }
        return value
    }

    /// Whether the number is written without a fraction or exponent.
    public var isIntegerLiteral: Bool {
        !text.utf8.contains { $0 == 0x2E || $0 | 0x20 == 0x65 }
    }
}

/// A number's value as decimal digits without leading or trailing zeros, times a power of ten.
///
/// This is the canonical form that equality, hashing and the exact accessors rely on.
struct DecimalDigits: Sendable, Hashable {
    var negative: Bool
    /// ASCII digits, no leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    /// The canonical form of RFC 8259 number `text`, or `nil` when its exponent is beyond ±10^15.
    init?(_ text: String) {
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var exponentNegative = false
        var part = 0  // 0 integer, 1 fraction, 2 exponent
        for byte in text.utf8 {
            switch byte {
            case 0x2D where part == 0: negative = true
            case 0x2D: exponentNegative = true
            case 0x2B: break
            case 0x2E: part = 1
            case 0x45, 0x65: part = 2
            default:
                let digit = Int(byte &- 0x30)
                if part == 2 {
                    exponent = exponent * 10 + digit
                    guard exponent < 1_000_000_000_000_000 else { return nil }
                } else {
                    if part == 1 { fractionDigits += 1 }
                    if !(digits.isEmpty && digit == 0) { digits.append(byte) }
                }
            }
        }
        exponent = (exponentNegative ? -exponent : exponent) - fractionDigits
        while let last = digits.last, last == 0x30 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            negative = false
            exponent = 0
        }
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// The value as a sign and magnitude when it is an integer that fits `UInt64`.
    var integer: (negative: Bool, magnitude: UInt64)? {
        guard exponent >= 0, digits.count + exponent <= 20 else { return nil }
        var magnitude: UInt64 = 0
        for digit in digits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit &- 0x30))
            guard !overflow1 && !overflow2 else { return nil }
            magnitude = sum
        }
        for _ in 0..<exponent {
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = times10
        }
        return (negative, magnitude)
    }
}

extension JSONNumber: Hashable {
    /// Whether both numbers have the same value, however they are written.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        switch (DecimalDigits(lhs.text), DecimalDigits(rhs.text)) {
        case (let left?, let right?): return left == right
        default: return false
        }
    }

    /// Hashes the value, so equal numbers written differently hash alike.
    public func hash(into hasher: inout Hasher) {
        if let canonical = DecimalDigits(text) {
            hasher.combine(canonical)
        } else {
            hasher.combine(text)
        }
    }
}
