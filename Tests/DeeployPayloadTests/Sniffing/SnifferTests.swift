import DeeployPayload
import DeeployTestSupport
import Foundation
import Magic
import Testing

/// One sniffer for the whole suite, as a gateway would have.
let sharedSniffer: Sniffer = {
    do { return try Sniffer() } catch { preconditionFailure("libmagic must load for the tests: \(error)") }
}()

@Suite struct SnifferTests {
    let sniffer = sharedSniffer

    @Test(arguments: Payloads.signed.map(\.name))
    func signaturesAnswerWithoutLibmagic(name: String) throws {
        let bytes = try #require(Payloads.signed.first { $0.name == name }).bytes
        let sniff = try sniffer.sniff(.bytes(bytes))
        guard case .signature = sniff.evidence else {
            Issue.record("expected the fast path for \(name), got \(sniff.evidence)")
            return
        }
        #expect(sniff.libmagicType == nil)
        #expect(!sniff.isPolyglot)
    }

    @Test(arguments: ["42", "\"x\"", "null", "true", "-0.5e3", " [1, 2] "])
    func jsonScalarsAreJSONWhereLibmagicSaysText(text: String) throws {
        let sniff = try sniffer.sniff(.bytes(Payloads.utf8(text)))
        #expect(sniff.mediaType == .applicationJSON)
        #expect(sniff.evidence == .strictJSON)
        #expect(sniff.json.isValid)
    }

    @Test func libmagicCallsAJSONScalarText() throws {
        var cookie = try MagicCookie()
        #expect(try cookie.mimeType(of: Payloads.utf8("42")) != "application/json")
    }

    @Test func jsonWithAByteOrderMarkIsJSONAndTheMarkIsRecorded() throws {
        let sniff = try sniffer.sniff(.bytes([0xEF, 0xBB, 0xBF] + Payloads.utf8(#"{"instances": [1]}"#)))
        #expect(sniff.mediaType == .applicationJSON)
        #expect(sniff.text.byteOrderMark == .utf8)
    }

    @Test func newlineDelimitedJSON() throws {
        let sniff = try sniffer.sniff(.bytes(Payloads.utf8("{\"a\": 1}\n{\"a\": 2}\n[3]\n")))
        #expect(sniff.mediaType.essence == "application/x-ndjson")
        #expect(sniff.evidence == .newlineDelimitedJSON)
        #expect(!sniff.json.isValid)
    }

    @Test func textThatOnlyLooksLikeJSONIsNotJSON() throws {
        for text in [#"{"a": 1,}"#, "{'a': 1}", "[NaN]", "{\"a\": 1} // comment", "{\"a\": 01}"] {
            let sniff = try sniffer.sniff(.bytes(Payloads.utf8(text)))
            #expect(sniff.mediaType.essence != "application/json", "\(text)")
            #expect(sniff.json.error != nil)
        }
    }

    @Test func textGetsACheckedCharset() throws {
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("plain old text\n"))).charset == "us-ascii")
        let utf8 = try sniffer.sniff(.bytes(Payloads.utf8("naïve café text\n")))
        #expect(utf8.mediaType == .textPlain)
        #expect(utf8.charset == "utf-8")
        let utf16 = try sniffer.sniff(.bytes(Payloads.utf16LittleEndianWithBOM("hello UTF-16 text\n")))
        #expect(utf16.mediaType.type == "text")
        #expect(utf16.charset == "utf-16le")
    }

    @Test func binaryBytesMeanNotText() throws {
        // Text with a stray NUL deep inside, past what libmagic's window shows it.
        var bytes = Payloads.utf8(String(repeating: "readable line of text\n", count: 2_000))
        bytes[40_000] = 0x00
        let sniff = try sniffer.sniff(.bytes(bytes))
        #expect(sniff.mediaType == .applicationOctetStream)
        #expect(sniff.evidence == .binaryBytesInText(offset: 40_000))
    }

    @Test func htmlIsHTML() throws {
        let sniff = try sniffer.sniff(.bytes(Payloads.html))
        #expect(sniff.mediaType.essence == "text/html")
        #expect(sniff.evidence == .libmagic)
    }

    @Test func emptyPayload() throws {
        let sniff = try sniffer.sniff(.bytes([UInt8]()))
        #expect(sniff.evidence == .empty)
        #expect(sniff.size == 0)
    }

    @Test func polyglotsAreFlagged() throws {
        let gifZip = try sniffer.sniff(.bytes(Payloads.gif + Payloads.zip))
        #expect(gifZip.mediaType == .imageGIF)
        #expect(gifZip.isPolyglot)
        #expect(try sniffer.sniff(.bytes(Payloads.pdf() + Payloads.zip)).isPolyglot)
        #expect(try sniffer.sniff(.bytes(Payloads.png() + Payloads.utf8("<script>x</script>"))).isPolyglot)
        #expect(try sniffer.sniff(.bytes(Payloads.jpeg + Payloads.html)).isPolyglot)
    }

    @Test func descriptionsOnRequest() throws {
        let describing = try Sniffer(configuration: .init(poolSize: 1, alwaysDescribe: true))
        let sniff = try describing.sniff(.bytes(Payloads.png()))
        #expect(sniff.description?.hasPrefix("PNG image data") == true)
    }

    @Test func filesDescriptorsAndBytesAgree() throws {
        for (name, bytes) in Payloads.signed + [("json", Payloads.utf8("[1,2,3]")), ("text", Payloads.utf8("hello\n"))] {
            let path = try Payloads.file(bytes, named: "agree-\(name)")
            let fromBytes = try sniffer.sniff(.bytes(bytes))
            #expect(try sniffer.sniff(.file(path: path)) == fromBytes, "\(name)")
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            #expect(try sniffer.sniff(.fileDescriptor(handle.fileDescriptor)) == fromBytes, "\(name)")
            try handle.close()
        }
    }

    @Test func asyncChunksAgreeWithBytes() async throws {
        let bytes = Payloads.utf8(#"{"instances": [[1, 2], [3, 4]], "note": "ünïcode"}"#)
        let chunks = AsyncStream<[UInt8]> { continuation in
            for index in stride(from: 0, to: bytes.count, by: 5) { continuation.yield(Array(bytes[index..<min(index + 5, bytes.count)])) }
            continuation.finish()
        }
        #expect(try await sniffer.sniff(chunks: chunks) == (try sniffer.sniff(.bytes(bytes))))
    }

    @Test func missingAndDirectoryPathsAreTypedErrors() throws {
        #expect(throws: SniffError.cannotOpen(path: "/no/such/payload", errno: ENOENT)) { try sniffer.sniff(.file(path: "/no/such/payload")) }
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: SniffError.isDirectory(path: folder)) { try sniffer.sniff(.file(path: folder)) }
        #expect(SniffError.isDirectory(path: folder).description.contains("is a directory"))
    }

    @Test func settingsOutOfRangeAreTypedErrors() throws {
        #expect(throws: SniffError.invalidConfiguration(setting: "libmagicWindow", value: -1, minimum: 1)) {
            try Sniffer(configuration: .init(libmagicWindow: -1))
        }
        #expect(throws: SniffError.invalidConfiguration(setting: "chunkSize", value: 0, minimum: 1)) {
            try Sniffer(configuration: .init(chunkSize: 0))
        }
        #expect(throws: SniffError.invalidConfiguration(setting: "inMemoryLimit", value: -5, minimum: 0)) {
            try Sniffer(configuration: .init(inMemoryLimit: -5))
        }
        #expect(
            SniffError.invalidConfiguration(setting: "chunkSize", value: 0, minimum: 1).description
                == "SnifferConfiguration.chunkSize is 0; it must be at least 1.")
        // The smallest settings work: every file streams, a byte at a time.
        let smallest = try Sniffer(configuration: .init(poolSize: 1, libmagicWindow: 1, inMemoryLimit: 0, chunkSize: 1))
        let json = Payloads.utf8(#"{"instances": [[1, 2], [3, 4]]}"#)
        let path = try Payloads.file(json, named: "smallest-settings.json")
        let sniff = try smallest.sniff(.file(path: path))
        #expect(sniff.mediaType == .applicationJSON)
        #expect(sniff.size == json.count)
        #expect(try smallest.sniff(.file(path: try Payloads.file(Payloads.png(), named: "smallest-settings.png"))).mediaType == .imagePNG)
    }

    /// A NUL would end the C path early, so `cat.png\0.txt` would read `cat.png`.
    @Test func aPathWithANulByteIsRefused() throws {
        let path = try Payloads.file(Payloads.png(), named: "nul.png")
        let error = SniffError.cannotOpen(path: path + "\0.txt", errno: EINVAL)
        #expect(throws: error) { try sniffer.sniff(.file(path: path + "\0.txt")) }
        #expect(throws: error) { try sniffer.verdict(.file(path: path + "\0.txt"), declared: "image/png") }
        #expect(error.description.contains("cannot contain a NUL byte"))
        #expect(error.description.contains(#"\0.txt""#))
        #expect(try sniffer.sniff(.file(path: path)).mediaType == .imagePNG)
    }

    /// Opening a named pipe for reading waits for a writer; a gateway's file verdicts must not.
    /// The pipe is refused as not a regular file at once, by the sniffer and by libmagic's binding
    /// (which names it by its inode, as `file` does). A device is refused the same way.
    @Test func namedPipesAndDevicesAreRefusedWithoutWaiting() throws {
        let pipe = try NamedPipe()
        let sniffed = pipe.withinSeconds(10) { path in
            Result { () throws(SniffError) in try sharedSniffer.verdict(.file(path: path), declared: nil) }
        }
        #expect(throws: SniffError.notRegularFile(path: pipe.path)) { try #require(sniffed).get() }
        let described = pipe.withinSeconds(10) { path in
            Result { () throws(MagicError) in
                var cookie = try MagicCookie()
                return try cookie.sniff(path: path).mimeType
            }
        }
        #expect(try #require(described).get() == "inode/fifo")
        #expect(throws: SniffError.notRegularFile(path: "/dev/zero")) { try sniffer.sniff(.file(path: "/dev/zero")) }
        #expect(SniffError.notRegularFile(path: "/dev/zero").description.contains("not a regular file"))
    }

    /// A file that really is empty is an empty payload; one that says it is empty and then gives
    /// bytes (the pseudo-files of /proc, which `file` calls empty) is refused, never misjudged.
    @Test func filesThatClaimToBeEmptyAreProbed() throws {
        let empty = try Payloads.file([], named: "empty.bin")
        #expect(try sniffer.sniff(.file(path: empty)).evidence == .empty)
        #expect(try sniffer.verdict(.file(path: empty), declared: "application/octet-stream").warningCodes == [.empty])
        #if os(Linux)
        let pseudo = "/proc/self/status"
        #expect(throws: SniffError.unknownSize(path: pseudo)) { try sniffer.sniff(.file(path: pseudo)) }
        #expect(throws: SniffError.unknownSize(path: pseudo)) { try sniffer.verdict(.file(path: pseudo), declared: nil) }
        let descriptor = open(pseudo, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        #expect(throws: SniffError.unknownSize(path: "file descriptor \(descriptor)")) { try sniffer.sniff(.fileDescriptor(descriptor)) }
        #expect(SniffError.unknownSize(path: pseudo).description.contains("size of 0 but has content"))
        #endif
    }
}

/// Large payloads take the bounded-memory paths; small limits here exercise them cheaply.
@Suite struct SnifferStreamingTests {
    let small: Sniffer = {
        do { return try Sniffer(configuration: .init(poolSize: 1, libmagicWindow: 4096, inMemoryLimit: 8192, chunkSize: 1000)) } catch { preconditionFailure("\(error)") }
    }()

    func largeJSON(count: Int) -> [UInt8] {
        Payloads.utf8("{\"instances\": [" + (0..<count).map { "[\($0), \($0).5, \"row \($0)\"]" }.joined(separator: ", ") + "]}")
    }

    @Test func largeJSONFileIsStreamedAndStillJSON() throws {
        let bytes = largeJSON(count: 2_000)
        let path = try Payloads.file(bytes, named: "large.json")
        let sniff = try small.sniff(.file(path: path))
        #expect(sniff.mediaType == .applicationJSON)
        #expect(sniff.size == bytes.count)
        #expect(sniff == (try small.sniff(.bytes(bytes))))
    }

    @Test func largeJSONBrokenAtTheEndIsNotJSON() throws {
        var bytes = largeJSON(count: 2_000)
        bytes.removeLast()
        let path = try Payloads.file(bytes, named: "large-truncated.json")
        let sniff = try small.sniff(.file(path: path))
        #expect(sniff.mediaType.essence != "application/json")
        #expect(sniff.json.error?.offset == bytes.count)
    }

    @Test func largeImageIsJudgedByHeadAndTail() throws {
        let png = Payloads.png(extraChunks: [Payloads.pngChunk("tEXt", [UInt8](repeating: 0x41, count: 20_000))])
        let clean = try small.sniff(.file(path: try Payloads.file(png, named: "large.png")))
        #expect(clean.mediaType == .imagePNG)
        #expect(!clean.isPolyglot)
        let dirty = try small.sniff(.file(path: try Payloads.file(png + Payloads.zip, named: "large-zip.png")))
        #expect(dirty.isPolyglot)
    }

    @Test func largeTextFindsBinaryBytesAnywhere() throws {
        var bytes = Payloads.utf8(String(repeating: "some text\n", count: 3_000))
        let path = try Payloads.file(bytes, named: "large.txt")
        #expect(try small.sniff(.file(path: path)).mediaType == .textPlain)
        bytes[25_000] = 0x01
        let binary = try small.sniff(.file(path: try Payloads.file(bytes, named: "large-binary.txt")))
        #expect(binary.evidence == .binaryBytesInText(offset: 25_000))
    }

    @Test func largeAsyncStreamMatchesTheFile() async throws {
        let bytes = largeJSON(count: 1_500)
        let chunks = AsyncStream<[UInt8]> { continuation in
            for index in stride(from: 0, to: bytes.count, by: 777) { continuation.yield(Array(bytes[index..<min(index + 777, bytes.count)])) }
            continuation.finish()
        }
        let streamed = try await small.sniff(chunks: chunks)
        #expect(streamed.mediaType == .applicationJSON)
        #expect(streamed.size == bytes.count)
    }
}

@Suite struct LibmagicBlindSpotTests {
    /// libmagic reads at most MAGIC_PARAM_BYTES_MAX (7 MiB) of a file, sees truncated
    /// JSON and calls it text; the sniffer validates every byte.
    @Test func jsonFileOverSevenMiB() throws {
        let row = #"{"features": [0.125, 1.5, -3.25, 1e-7], "id": "abcdefgh"}"#
        let rows = Array(repeating: row, count: (8 << 20) / row.utf8.count)
        let bytes = Payloads.utf8("{\"instances\": [" + rows.joined(separator: ",") + "]}")
        #expect(bytes.count > 7 << 20)
        let path = try Payloads.file(bytes, named: "eight-mib.json")
        var cookie = try MagicCookie()
        #expect(try cookie.sniff(path: path).mimeType != "application/json")
        let sniff = try sharedSniffer.sniff(.file(path: path))
        #expect(sniff.mediaType == .applicationJSON)
        #expect(sniff.evidence == .strictJSON)
    }
}

@Suite struct LibmagicFailureTests {
    /// Found by libFuzzer: a UTF-32 byte-order mark and a code unit above U+10FFFF make
    /// libmagic 5.44 return no answer at all. The sniffer calls such content opaque binary.
    @Test func contentLibmagicCannotNameIsOpaqueBinary() throws {
        let payload: [UInt8] = [0x00, 0x00, 0xFE, 0xFF, 0xFD, 0x41, 0x00, 0x41]
        var cookie = try MagicCookie()
        #expect(throws: MagicError.self) { try cookie.mimeType(of: payload) }
        let sniff = try sharedSniffer.sniff(.bytes(payload))
        #expect(sniff.mediaType == .applicationOctetStream)
        guard case .libmagicFailed = sniff.evidence else {
            Issue.record("expected libmagic-failed evidence, got \(sniff.evidence)")
            return
        }
        let verdict = AcceptancePolicy.deeploy.verdict(for: sniff, declared: "application/octet-stream")
        #expect(verdict.isAccepted)
    }
}

@Suite("Sniffer.sendingVerdict")
struct SendingVerdictTests {
    @Test func withoutDeclaredTypeTheRecommendedTypeIsUsed() throws {
        let path = try TestFiles.write(Payloads.png(), named: "undeclared.png", inFolder: "sending-verdict")
        let sniffer = try Sniffer()
        #expect(try sniffer.sendingVerdict(.file(path: path), declared: nil).effectiveContentType == .imagePNG)
        // What no Content-Type means on the wire: JSON, which a PNG is not.
        #expect(try sniffer.verdict(.file(path: path), declared: nil).isAccepted == false)
    }

    @Test func declaredTypeIsChecked() throws {
        let path = try TestFiles.write(Payloads.png(), named: "declared.png", inFolder: "sending-verdict")
        let verdict = try Sniffer().sendingVerdict(.file(path: path), declared: "text/plain")
        #expect(!verdict.isAccepted)
    }
}
