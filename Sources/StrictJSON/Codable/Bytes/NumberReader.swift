/// Reads the common numbers straight from validated bytes; `nil` sends the caller to the
/// exact, slower conversions of ``JSONNumber``.
///
/// Only runs on numbers the scanner accepted, and relies on the byte after a number being
/// a non-number byte (the document's zero padding at worst).
enum NumberReader {
    /// Up to 18 digits always fit `UInt64` (and their negation `Int64`) without overflow.
    private static let maxDigits = 18

    /// An integer written without fraction or exponent, in at most 18 digits.
    @inline(__always)
    static func integer(_ base: UnsafeRawPointer, at start: Int) -> (negative: Bool, magnitude: UInt64, end: Int)? {
        @inline(__always) func byte(_ index: Int) -> UInt8 { base.load(fromByteOffset: index, as: UInt8.self) }
        let negative = byte(start) == 0x2D
        var p = negative ? start + 1 : start
        let first = p
        var magnitude: UInt64 = 0
        while ByteClass.isDigit(byte(p)) {
            magnitude = magnitude &* 10 &+ UInt64(byte(p) &- 0x30)
            p += 1
        }
        let digits = p - first
        guard digits > 0 && digits <= maxDigits, byte(p) != 0x2E, byte(p) | 0x20 != 0x65 else { return nil }
        return (negative, magnitude, p)
    }

    /// Powers of ten that `Double` holds exactly.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The nearest `Double` when the digits fit 2^53 and the decimal exponent is within
    /// ±22: then both are exact `Double`s and one multiply or divide rounds correctly
    /// (Clinger's fast path). Other numbers return `nil`.
    @inline(__always)
    static func double(_ base: UnsafeRawPointer, at start: Int) -> (value: Double, end: Int)? {
        @inline(__always) func byte(_ index: Int) -> UInt8 { base.load(fromByteOffset: index, as: UInt8.self) }
        let negative = byte(start) == 0x2D
        var p = negative ? start + 1 : start
        var mantissa: UInt64 = 0
        var digits = 0
        while ByteClass.isDigit(byte(p)) {
            mantissa = mantissa &* 10 &+ UInt64(byte(p) &- 0x30)
            p += 1
            digits += 1
        }
        var exponent = 0
        if byte(p) == 0x2E {
            p += 1
            let fractionStart = p
            while ByteClass.isDigit(byte(p)) {
                mantissa = mantissa &* 10 &+ UInt64(byte(p) &- 0x30)
                p += 1
            }
            exponent = fractionStart - p
            digits += p - fractionStart
        }
        guard digits > 0 && digits <= maxDigits else { return nil }
        if byte(p) | 0x20 == 0x65 {
            p += 1
            let exponentNegative = byte(p) == 0x2D
            if byte(p) == 0x2D || byte(p) == 0x2B { p += 1 }
            var written = 0
            let exponentStart = p
            while ByteClass.isDigit(byte(p)) {
                written = written &* 10 &+ Int(byte(p) &- 0x30)
                p += 1
            }
            guard p - exponentStart <= 4 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard mantissa <= 1 << 53, exponent >= -22 && exponent <= 22 else { return nil }
        var value = Double(mantissa)
        value = exponent < 0 ? value / exactPowers[-exponent] : value * exactPowers[exponent]
        return (negative ? -value : value, p)
    }
}
