import Foundation
import Magic
import Testing

@Suite struct MagicCookieTests {
    @Test(arguments: Fixtures.all.map(\.name))
    func pathSniffMatchesFileCommand(name: String) throws {
        let bytes = try #require(Fixtures.all.first { $0.name == name }).bytes
        let path = try Fixtures.write(bytes, named: "oracle-\(name)")
        var cookie = try MagicCookie()
        let report = try cookie.sniff(path: path)
        #expect(report.mimeType == (try Fixtures.fileCommandMIMEType(path)))
    }

    @Test(arguments: Fixtures.all.map(\.name))
    func bufferSniffMatchesFileCommandForNonEmptyInput(name: String) throws {
        let bytes = try #require(Fixtures.all.first { $0.name == name }).bytes
        // On an empty *file* file(1) answers inode/x-empty from stat(); a buffer has no inode.
        let path = try Fixtures.write(bytes, named: "buffer-\(name)")
        var cookie = try MagicCookie()
        let expected = bytes.isEmpty ? "application/x-empty" : try Fixtures.fileCommandMIMEType(path)
        #expect(try cookie.mimeType(of: bytes) == expected)
        #expect(try cookie.sniff(bytes).mimeType == expected)
    }

    @Test func sniffReportsEncodingAndDescription() throws {
        var cookie = try MagicCookie()
        let text = try cookie.sniff(Fixtures.plainText, detail: .description)
        #expect(text.mimeType == "text/plain")
        #expect(text.encoding == "us-ascii")
        #expect(text.description == "ASCII text")
        let png = try cookie.sniff(Fixtures.png, detail: .description)
        #expect(png.encoding == "binary")
        #expect(png.description?.hasPrefix("PNG image data, 1 x 1") == true)
        #expect(png.matches.count == 1)
    }

    @Test func descriptionIsNilUnlessAsked() throws {
        var cookie = try MagicCookie()
        let report = try cookie.sniff(Fixtures.png)
        #expect(report.description == nil)
        #expect(report.matches.isEmpty)
    }

    @Test func continueReportsEveryMatchOfAPolyglotFile() throws {
        // libmagic finds an appended ZIP through an offset from the end of the file;
        // magic_buffer does not resolve it, so this check goes through a path.
        var cookie = try MagicCookie(flags: .continue)
        let zip = try Data(contentsOf: URL(fileURLWithPath: try Self.makeZip()))
        let path = try Fixtures.write(Fixtures.gif + Array(zip), named: "polyglot.gif")
        let report = try cookie.sniff(path: path, detail: .description)
        #expect(report.mimeType == "image/gif")
        #expect(report.matches.count >= 2)
        #expect(report.matches.contains { $0.contains("Zip archive") }, "\(report.matches)")
        #expect(report.mimeTypes.count >= 2)
    }

    @Test func acceptsDataSlicesAndArrays() throws {
        var cookie = try MagicCookie()
        let data = Data(Fixtures.png)
        #expect(try cookie.mimeType(of: data) == "image/png")
        #expect(try cookie.mimeType(of: Fixtures.png[...]) == "image/png")
        let padded = [0, 0] + Fixtures.png
        #expect(try cookie.mimeType(of: padded.dropFirst(2)) == "image/png")
        let nonContiguous = Fixtures.png.lazy.map { $0 }
        #expect(try cookie.mimeType(of: nonContiguous) == "image/png")
        let raw = try Fixtures.png.withUnsafeBytes { buffer in try cookie.answer(for: buffer) }
        #expect(raw.hasPrefix("PNG image data"))
    }

    @Test func sniffsAFileDescriptorAndRestoresItsOffset() throws {
        let path = try Fixtures.write(Fixtures.pdf, named: "descriptor.pdf")
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var cookie = try MagicCookie()
        let first = try cookie.sniff(fileDescriptor: handle.fileDescriptor, detail: .description)
        let second = try cookie.sniff(fileDescriptor: handle.fileDescriptor)
        #expect(first.mimeType == "application/pdf")
        #expect(second.mimeType == "application/pdf")
        #expect(try handle.offset() == 0)
    }

    @Test func resultsAreCopiesThatSurviveTheNextCall() throws {
        var cookie = try MagicCookie()
        let first = try cookie.sniff(Fixtures.png, detail: .description)
        let second = try cookie.sniff(Fixtures.pdf, detail: .description)
        #expect(first.mimeType == "image/png")
        #expect(first.description?.hasPrefix("PNG") == true)
        #expect(second.mimeType == "application/pdf")
    }

    @Test func parametersCanBeReadAndSet() throws {
        var cookie = try MagicCookie(parameters: [.bytesMax: 4096])
        #expect(try cookie.value(of: .bytesMax) == 4096)
        try cookie.setValue(1 << 20, for: .bytesMax)
        #expect(try cookie.value(of: .bytesMax) == 1 << 20)
        for parameter in MagicParameter.allCases {
            #expect(try cookie.value(of: parameter) >= 0, "\(parameter)")
        }
        try cookie.setValue(100, for: .encodingMax)
        #expect(try cookie.value(of: .encodingMax) == 100)
    }

    @Test func flagsAlwaysIncludeErrorAndNeverTheMIMEBits() throws {
        let cookie = try MagicCookie(flags: [.mimeType, .noCheckCompress])
        #expect(cookie.flags.contains(.error))
        #expect(cookie.flags.contains(.noCheckCompress))
        #expect(!cookie.flags.contains(.mimeType))
    }

    @Test func noCheckFlagsChangeTheAnswer() throws {
        var plain = try MagicCookie()
        var noJSON = try MagicCookie(flags: .noCheckJSON)
        let bytes = Array(#"{"a": [1, 2, 3], "b": {"c": null}}"#.utf8)
        #expect(try plain.mimeType(of: bytes) == "application/json")
        #expect(try noJSON.mimeType(of: bytes) != "application/json")
    }

    @Test func libraryVersionIsExposed() {
        #expect(MagicLibrary.versionNumber >= 500)
        #expect(MagicLibrary.version == "\(MagicLibrary.versionNumber / 100).\(String(format: "%02d", MagicLibrary.versionNumber % 100))")
    }

    static func makeZip() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("magic-tests-\(ProcessInfo.processInfo.processIdentifier)-a.zip").path
        // A stored (uncompressed) ZIP with one entry, built by hand.
        let name = Array("a.txt".utf8)
        let content = Array("hello".utf8)
        let crc: UInt32 = 0x3610_A686
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
        var zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + le16(10) + le16(0) + le16(0) + le16(0) + le16(0)
        zip += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count)) + le16(name.count) + le16(0) + name + content
        let central = zip.count
        zip += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(10) + le16(0) + le16(0) + le16(0) + le16(0)
        zip += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count)) + le16(name.count)
        zip += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name
        let centralSize = zip.count - central
        zip += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(1) + le16(1)
        zip += le32(UInt32(centralSize)) + le32(UInt32(central)) + le16(0)
        try Data(zip).write(to: URL(fileURLWithPath: path))
        return path
    }
}
