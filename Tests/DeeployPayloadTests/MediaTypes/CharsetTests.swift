@testable import DeeployPayload
import Testing

/// The one table of charset labels, as the acceptance policy reads it (checking declared text)
/// and as the response decoder reads it (decoding text that came back).
@Suite("Charset")
struct CharsetTests {
    @Test(arguments: [
        ("utf-8", Charset.Encoding.utf8), ("UTF8", .utf8), ("unicode-1-1-utf-8", .utf8),
        ("US-ASCII", .ascii), ("ascii", .ascii), ("ansi_x3.4-1968", .ascii), ("iso646-us", .ascii),
        ("utf-16", .utf16), ("UTF-16LE", .utf16LittleEndian), ("utf-16be", .utf16BigEndian),
        ("iso-8859-1", .latin1), ("ISO8859-1", .latin1), ("iso_8859-1", .latin1), ("latin1", .latin1), ("l1", .latin1),
    ])
    func labelsNameTheirEncoding(_ label: String, _ encoding: Charset.Encoding) {
        #expect(Charset(label).encoding == encoding)
        #expect(Charset(label).name == label.lowercased())
    }

    @Test(arguments: ["windows-1252", "iso-8859-15", "koi8-r", "shift_jis", ""])
    func otherLabelsAreKeptByNameOnly(_ label: String) {
        #expect(Charset(label).encoding == nil)
        #expect(Charset(label).name == label)
        #expect(Charset.decode(Array("abc".utf8), label: label) == nil)
    }

    @Test func noLabelMeansUTF8() {
        #expect(Charset(nil).name == "utf-8")
        #expect(Charset(nil).encoding == .utf8)
        #expect(Charset.decode(Array("héllo".utf8), label: nil) == "héllo")
        #expect(Charset.decode([0xFF], label: nil) == nil)
    }

    @Test func decodesEachEncoding() {
        #expect(Charset.decode([0x61, 0xE9], label: "iso_8859-1") == "aé")
        #expect(Charset.decode([0x61, 0xE9], label: "us-ascii") == nil)
        #expect(Charset.decode([0x61, 0x00], label: "utf-16") == "a")
        #expect(Charset.decode([0x00, 0x61], label: "utf-16be") == "a")
        #expect(Charset.decode([0x61], label: "utf-16le") == nil)
    }

    @Test func aByteOrderMarkDecidesOverTheLabel() {
        #expect(Charset.decode([0xEF, 0xBB, 0xBF, 0x61], label: "us-ascii") == "a")
        #expect(Charset.decode([0xFE, 0xFF, 0x00, 0x61], label: "utf-16le") == "a")
        #expect(Charset.decode([0xFF, 0xFE, 0x61, 0x00], label: "koi8-r") == "a")
    }
}
