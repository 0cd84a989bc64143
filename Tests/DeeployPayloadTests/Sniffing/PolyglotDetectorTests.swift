@testable import DeeployPayload
import DeeployTestSupport
import Testing

@Suite struct PolyglotDetectorTests {
    func findings(_ bytes: [UInt8]) -> [Sniff.PolyglotFinding] {
        guard let format = Signatures.match(bytes) else { return [] }
        return bytes.withUnsafeBytes { PolyglotDetector.findings(in: $0, format: format) }
    }

    @Test(arguments: Payloads.signed.map(\.name))
    func cleanSamplesHaveNoFindings(name: String) throws {
        let bytes = try #require(Payloads.signed.first { $0.name == name }).bytes
        #expect(findings(bytes).isEmpty)
    }

    @Test func gifWithAppendedZip() {
        let found = findings(Payloads.gif + Payloads.zip)
        #expect(found.contains { $0.kind == .zipArchive })
        #expect(found.contains { $0.kind == .trailingData && $0.offset == Payloads.gif.count })
    }

    @Test func pdfWithAppendedZip() {
        let found = findings(Payloads.pdf() + Payloads.zip)
        #expect(found.contains { $0.kind == .zipArchive })
        #expect(found.contains { $0.kind == .trailingData })
    }

    @Test func pngWithTrailingScript() {
        let png = Payloads.png()
        let found = findings(png + Payloads.utf8("<script>alert(1)</script>"))
        let trailing = found.first { $0.kind == .trailingData }
        #expect(trailing?.offset == png.count)
        #expect(trailing?.detail.contains("<script") == true)
    }

    @Test func jpegWithHTMLAfterEOI() {
        let found = findings(Payloads.jpeg + Payloads.html)
        #expect(found.contains { $0.kind == .trailingData && $0.offset == Payloads.jpeg.count })
    }

    /// A JPEG's end marker is found only when some `FF D9` has more than padding after it. The
    /// findings must be those of walking the markers every time, whatever the JPEG carries: an
    /// `FF D9` inside a segment (a thumbnail's), several end markers, a ZIP before or after,
    /// padding, or cut short.
    @Test func jpegFindingsAreThoseOfAlwaysWalkingTheMarkers() {
        let thumbnail: [UInt8] = [0xFF, 0xE1, 0x00, 0x0C] + Array("Exif".utf8) + [0x00, 0x00, 0xFF, 0xD8, 0xFF, 0xD9]
        let jpeg = Payloads.jpeg
        let withThumbnail = Array(jpeg.prefix(2)) + thumbnail + jpeg.dropFirst(2)
        let tails: [[UInt8]] = [
            [], [0x00, 0x0A], Payloads.html, Payloads.zip, [0xFF, 0xD9], Payloads.utf8("x") + [0xFF, 0xD9], jpeg,
            [0xFF, 0xD9, 0x00, 0x00], Payloads.zip + [0xFF, 0xD9],
        ]
        var random = SplitMix64(seed: 0x1F_0D9)
        var cases: [[UInt8]] = []
        for body in [jpeg, withThumbnail, Array(jpeg.dropLast(2))] {
            for tail in tails { cases.append(body + tail) }
        }
        for _ in 0..<300 {
            var bytes = cases[Int.random(in: 0..<cases.count, using: &random)]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 2..<bytes.count, using: &random)
                bytes[index] = [0xFF, 0xD9, 0x50, 0x4B, 0x00, UInt8.random(in: 0...255, using: &random)][Int.random(in: 0..<6, using: &random)]
            }
            cases.append(bytes)
        }
        var walkedKinds: [Sniff.PolyglotFinding.Kind] = []
        for bytes in cases where Signatures.match(bytes) == .jpeg {
            let walked: [Sniff.PolyglotFinding] = bytes.withUnsafeBytes { buffer in
                var expected: [Sniff.PolyglotFinding] = []
                if let zip = PolyglotDetector.firstZipRecord(in: buffer, from: 1) {
                    expected.append(Sniff.PolyglotFinding(kind: .zipArchive, offset: zip.offset, detail: "a ZIP \(zip.record) inside the JPEG"))
                }
                if let end = PolyglotDetector.endOfFormat(.jpeg, in: buffer), !PolyglotDetector.isPadding(buffer, from: end) {
                    expected.append(Sniff.PolyglotFinding(kind: .trailingData, offset: end, detail: ""))
                }
                return expected
            }
            let found = findings(bytes)
            walkedKinds += walked.map(\.kind)
            #expect(found.map(\.kind) == walked.map(\.kind), "\(bytes)")
            #expect(found.map(\.offset) == walked.map(\.offset), "\(bytes)")
        }
        #expect(walkedKinds.count { $0 == .trailingData } > 100 && walkedKinds.count { $0 == .zipArchive } > 50)
        #expect(findings(withThumbnail).isEmpty)
        #expect(findings(withThumbnail + Payloads.html).map(\.offset) == [withThumbnail.count])
    }

    /// A JPEG whose compressed data, `length` bytes of it, holds stuffed `FF 00`s, restart
    /// markers and fill bytes wherever `special` says, then ends with fill bytes and EOI.
    private static func jpeg(compressedLength length: Int, special: Set<Int>) -> [UInt8] {
        let header = Array(Payloads.jpeg.dropLast(9))  // up to the end of the SOS header
        var data: [UInt8] = []
        while data.count < length {
            if special.contains(data.count) {
                data += [[0xFF, 0x00], [0xFF, 0xD0 + UInt8(data.count % 8)], [0xFF, 0xFF, 0xD1]][data.count % 3]
            } else {
                data.append(UInt8(truncatingIfNeeded: data.count &* 37 | 1) & 0x7F)
            }
        }
        return header + data + [0xFF, 0xFF, 0xD9]
    }

    @Test("stuffed bytes, restart markers and fill bytes do not end a JPEG's compressed data, in any block position")
    func jpegCompressedDataRunsToEOI() throws {
        for length in [10, 63, 64, 65, 130, 300] {
            let special = Set(stride(from: 0, to: length, by: 7)).union([15, 16, 47, 48, 63, 64, 127, 128].filter { $0 < length })
            let jpeg = Self.jpeg(compressedLength: length, special: special)
            #expect(jpeg.withUnsafeBytes { PolyglotDetector.endOfFormat(.jpeg, in: $0) } == jpeg.count, "length \(length)")
            #expect(findings(jpeg).isEmpty, "length \(length)")
            let found = findings(jpeg + Payloads.html)
            #expect(found.contains { $0.kind == .trailingData && $0.offset == jpeg.count }, "length \(length)")
        }
    }

    @Test func zipInsideAPNGChunk() {
        let png = Payloads.png(extraChunks: [Payloads.pngChunk("zIPx", Payloads.zip)])
        #expect(findings(png).contains { $0.kind == .zipArchive })
    }

    @Test func markupInsideAPNGTextChunkIsMetadataNotAPolyglot() {
        let png = Payloads.png(extraChunks: [Payloads.pngChunk("tEXt", Payloads.utf8("c\u{0}<SCRIPT src=x>"))])
        #expect(findings(png).isEmpty)
    }

    @Test func truncatedImagesAreNotPolyglots() {
        for (name, bytes) in Payloads.signed where name != "svg" && name != "svg-declared" {
            let truncated = Array(bytes.prefix(bytes.count - 1))
            #expect(!findings(truncated).contains { $0.kind == .trailingData }, "\(name)")
        }
    }

    @Test func paddingAfterTheEndIsNotAPolyglot() {
        #expect(findings(Payloads.pdf() + Payloads.utf8("\r\n  \n")).isEmpty)
        #expect(findings(Payloads.png() + [0, 0, 0]).isEmpty)
    }

    @Test func tailChecksForLargeFiles() {
        let clean = Payloads.png()
        let dirty = clean + Payloads.utf8("<html>")
        let cleanFindings = clean.withUnsafeBytes { PolyglotDetector.findings(tail: $0, size: 10_000_000, format: .png) }
        let dirtyFindings = dirty.withUnsafeBytes { PolyglotDetector.findings(tail: $0, size: 10_000_000, format: .png) }
        #expect(cleanFindings.isEmpty)
        #expect(dirtyFindings.contains { $0.kind == .trailingData })
        let zipped = (Payloads.gif + Payloads.zip).withUnsafeBytes { PolyglotDetector.findings(tail: $0, size: 10_000_000, format: .gif) }
        #expect(zipped.contains { $0.kind == .zipArchive })
    }
}

extension PolyglotDetectorTests {
    /// The ZIP record scan against a plain search, on seeded buffers of few distinct bytes
    /// (so that `P`, `K` and partial records are everywhere), records planted at both ends,
    /// and every start offset.
    @Test func zipRecordScanAgreesWithAPlainSearch() {
        var random = SplitMix64(seed: 0x21B_5CA4)
        let alphabet: [UInt8] = [0x50, 0x4B, 0x01, 0x02, 0x05, 0x06, 0x20]
        for round in 0..<2_000 {
            var bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            if round % 3 == 0 { bytes += [0x50, 0x4B, 0x05, 0x06] }
            if round % 5 == 0 { bytes = [0x50, 0x4B, 0x01, 0x02] + bytes }
            for start in 0...bytes.count + 1 {
                let expected = (max(0, start)..<max(start, bytes.count - 3)).first { index in
                    bytes[index] == 0x50 && bytes[index + 1] == 0x4B
                        && ((bytes[index + 2], bytes[index + 3]) == (0x01, 0x02) || (bytes[index + 2], bytes[index + 3]) == (0x05, 0x06))
                }
                let found = bytes.withUnsafeBytes { PolyglotDetector.firstZipRecord(in: $0, from: start)?.offset }
                #expect(found == expected, "round \(round), start \(start): \(bytes)")
            }
        }
    }
}
