// Decimal lives in FoundationEssentials, which does not load Foundation's ICU-backed half
// (libFoundation, libFoundationInternationalization, lib_FoundationICU): every program that
// links StrictJSON would otherwise start them.
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

extension JSONNumber {
    /// The value as a Foundation `Decimal` when `Decimal` holds it exactly (at most 38
    /// significant digits and a decimal exponent in -128...127), else `nil`.
    public var decimal: Decimal? {
        guard let canonical = DecimalDigits(text) else { return nil }
        if canonical.digits.isEmpty { return Decimal(0) }
        guard canonical.digits.count <= 38, (-128...127).contains(canonical.exponent) else { return nil }
        let text = (canonical.negative ? "-" : "") + String(decoding: canonical.digits, as: UTF8.self) + "e\(canonical.exponent)"
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A `Decimal` written in plain decimal notation, or `nil` for NaN.
    public init?(_ value: Decimal) {
        guard !value.isNaN else { return nil }
        self.init(text: value.description)
    }
}
