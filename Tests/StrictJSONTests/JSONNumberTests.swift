import Foundation
import StrictJSON
import Testing

@Suite struct JSONNumberTests {
    private func number(_ text: String) throws -> JSONNumber { try #require(JSONNumber(text: text)) }

    @Test func int64IsExactOrNil() throws {
        #expect(try number("7").int64 == 7)
        #expect(try number("7.0").int64 == 7)
        #expect(try number("0.7e1").int64 == 7)
        #expect(try number("-0").int64 == 0)
        #expect(try number("-9223372036854775808").int64 == .min)
        #expect(try number("9223372036854775807").int64 == .max)
        #expect(try number("9223372036854775808").int64 == nil)
        #expect(try number("7.5").int64 == nil)
        #expect(try number("1e-400").int64 == nil)
        #expect(try number("1E400").int64 == nil)
    }

    @Test func uint64IsExactOrNil() throws {
        #expect(try number("18446744073709551615").uint64 == .max)
        #expect(try number("1e19").uint64 == 10_000_000_000_000_000_000)
        #expect(try number("18446744073709551616").uint64 == nil)
        #expect(try number("-1").uint64 == nil)
        #expect(try number("-0.0").uint64 == 0)
    }

    @Test func doubleIsNearestOrNilOnOverflow() throws {
        #expect(try number("0.1").double == 0.1)
        #expect(try number("1E400").double == nil)
        #expect(try number("-1E400").double == nil)
        #expect(try number("1e-400").double == 0)
        #expect(try number("-0").double?.sign == .minus)
        #expect(try number("1.7976931348623157e308").double == .greatestFiniteMagnitude)
        #expect(try number("123456789012345678901234567890").double == 1.2345678901234568e29)
    }

    @Test func floatIsNearestOrNilOnOverflow() throws {
        #expect(try number("0.5").float == 0.5)
        #expect(try number("3.5e38").float == nil)
    }

    @Test func decimalIsExactOrNil() throws {
        #expect(try number("19.990").decimal == Decimal(string: "19.99"))
        #expect(try number("-0").decimal == 0)
        #expect(try number("12345678901234567890123456789012345678").decimal != nil)
        #expect(try number("123456789012345678901234567890123456789").decimal == nil)
        #expect(try number("1e200").decimal == nil)
    }

    @Test func equalityIsByValue() throws {
        #expect(try number("1") == number("1.0"))
        #expect(try number("1") == number("1E0"))
        #expect(try number("1") == number("10e-1"))
        #expect(try number("0") == number("-0.0e5"))
        #expect(try number("100") == number("1e2"))
        #expect(try number("1") != number("2"))
        #expect(try number("1") != number("-1"))
        #expect(try number("0.1") != number("0.10000000000000001"))
        #expect(try number("1e9999999999999999999") == number("1e9999999999999999999"))
        #expect(try number("1e9999999999999999999") != number("1e9999999999999999998"))
    }

    @Test func equalNumbersHashAlike() throws {
        #expect(try number("1.0").hashValue == number("1").hashValue)
        #expect(try number("-0").hashValue == number("0e7").hashValue)
        #expect(Set(try ["1", "1.0", "1e0", "2"].map(number)).count == 2)
    }

    @Test func textInitializerAcceptsOnlyOneNumber() {
        for valid in ["0", "-0.5e+3", "1E400", "123"] { #expect(JSONNumber(text: valid)?.text == valid) }
        for invalid in ["", "+1", "01", " 1", "1 ", "NaN", "1.", "[1]", "\"1\"", "1,2", "-"] {
            #expect(JSONNumber(text: invalid) == nil, "\(invalid)")
        }
    }

    @Test func swiftNumbersKeepReadableText() {
        #expect(JSONNumber(42).text == "42")
        #expect(JSONNumber(UInt64.max).text == "18446744073709551615")
        #expect(JSONNumber(0.1)?.text == "0.1")
        #expect(JSONNumber(1e21)?.text == "1e+21")
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Float.nan) == nil)
        #expect(JSONNumber(Decimal(string: "1.25")!)?.text == "1.25")
    }
}
