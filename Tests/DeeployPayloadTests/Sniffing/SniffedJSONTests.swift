@testable import DeeployPayload
import DeeployTestSupport
import StrictJSON
import Testing

/// The sniffer takes the JSON error of a payload that starts with an impossible byte from a
/// table; the table must say exactly what the validator says, whatever follows that byte.
@Suite("SniffedJSON")
struct SniffedJSONTests {
    @Test func theTableCoversTheSignatureBytesButNotValueStartsOrAByteOrderMark() {
        for byte: UInt8 in [0x89, 0xFF, 0x47, 0x25, 0x42, 0x49, 0x4D, 0x52, 0x00, 0x3C] {
            #expect(SniffedJSON.firstByteErrors[Int(byte)] != nil, "byte \(byte)")
        }
        for byte in Array("{[\"-0123456789tfn \t\r\n".utf8) + [0xEF] {
            #expect(SniffedJSON.firstByteErrors[Int(byte)] == nil, "byte \(byte)")
        }
    }

    @Test func theWrittenOutSetHoldsExactlyTheTabledBytes() {
        for byte in UInt8.min...UInt8.max {
            #expect(SniffedJSON.hasTabledError(byte) == (SniffedJSON.firstByteErrors[Int(byte)] != nil), "byte \(byte)")
        }
    }

    @Test func aTabledErrorIsTheValidatorsForAnyTail() {
        var random = SplitMix64(seed: 0x5EED_0F_1A5E)
        for (value, tabled) in SniffedJSON.firstByteErrors.enumerated() {
            guard let tabled else { continue }
            for length in [0, 1, 2, 7, 64] {
                let bytes = [UInt8(value)] + (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                for options in [JSONOptions(), JSONOptions(allowByteOrderMark: true)] {
                    #expect(throws: tabled) { try JSONValidator.validate(bytes, options: options) }
                    let check = bytes.withUnsafeBytes { SniffedJSON.of($0, options: options) }
                    #expect(check == .invalidFirstByte(UInt8(value)))
                    #expect(check.check == .invalid(tabled))
                }
            }
        }
    }

    @Test func checkingAgreesWithTheValidatorOnValidAndInvalidDocuments() {
        let documents = ["{}", "[1,2]", "42", "\"x\"", "\u{FEFF}{}", "{", "nul", "%PDF-1.4", "\u{89}PNG", ""]
        for document in documents {
            let bytes = Array(document.utf8)
            let expected: JSONCheck
            do {
                try JSONValidator.validate(bytes)
                expected = .valid
            } catch {
                expected = .invalid(error)
            }
            let check = bytes.withUnsafeBytes { SniffedJSON.of($0, options: JSONOptions()) }
            #expect(check.check == expected, "\(document)")
            #expect(SniffedJSON(expected) == check, "\(document): the same case, made either way")
        }
    }

    @Test func aSizeLimitStillWins() throws {
        var options = JSONOptions()
        options.maxSize = 0
        let check = [UInt8]([0x89, 0x50]).withUnsafeBytes { SniffedJSON.of($0, options: options) }
        #expect(check.check.error?.kind == .tooLarge)
    }
}
