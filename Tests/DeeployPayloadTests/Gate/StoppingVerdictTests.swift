import DeeployPayload
import DeeployTestSupport
import Testing

/// `verdict(chunks:…, stoppingOnceRefused: true)` reads no further once no later byte can make
/// the payload acceptable, by the gate's early-refusal rules (issue 21, defect 5).
@Suite struct StoppingVerdictTests {
    let sniffer = sharedSniffer

    /// `count` chunks of 64 KiB of `byte`, the first starting with `head`.
    static func chunks(_ head: [UInt8], then byte: UInt8, count: Int) -> CountedChunks {
        let chunk = [UInt8](repeating: byte, count: 1 << 16)
        return CountedChunks([head + chunk.dropFirst(head.count)] + Array(repeating: chunk, count: count - 1))
    }

    @Test func aDeclaredTextPayloadIsRefusedAtTheChunkOfItsFirstBinaryByte() async throws {
        let body = Self.chunks([], then: 0, count: 64)
        let verdict = try await sniffer.verdict(chunks: body, declared: "text/plain", policy: .deeploy, stoppingOnceRefused: true)
        #expect(!verdict.isAccepted)
        #expect(verdict.reasonCodes == [.binaryAsText])
        #expect(verdict.reasons.first?.message.contains("byte 0 is binary data") == true)
        #expect(body.pulls.value == 1)
        #expect(verdict.sniff.size == 1 << 16)
        // Without stopping, every chunk is read, and the verdict refuses it for the same reason.
        let whole = Self.chunks([], then: 0, count: 64)
        let wholeVerdict = try await sniffer.verdict(chunks: whole, declared: "text/plain", policy: .deeploy)
        #expect(whole.pulls.value == 65)
        #expect(wholeVerdict.reasonCodes == verdict.reasonCodes)
    }

    @Test func aBinaryByteLaterInTheTextIsFoundInItsChunk() async throws {
        var chunks = Array(repeating: [UInt8](repeating: 0x61, count: 1 << 16), count: 40)
        chunks[5][100] = 0x01
        let body = CountedChunks(chunks)
        let verdict = try await sniffer.verdict(chunks: body, declared: "text/plain; charset=utf-8", policy: .deeploy, stoppingOnceRefused: true)
        #expect(verdict.reasonCodes == [.binaryAsText])
        #expect(verdict.reasons.first?.message.contains("byte \(5 * 65536 + 100) ") == true)
        #expect(body.pulls.value == 6)
    }

    @Test func aUTF16PayloadWithAMarkIsNotRefusedForItsZeroBytes() async throws {
        // "a" in UTF-16LE is 61 00: zero bytes, yet text.
        var text: [UInt8] = [0xFF, 0xFE]
        for _ in 0..<40_000 { text += [0x61, 0x00] }
        let body = CountedChunks(text, ranges: stride(from: 0, to: text.count, by: 4096).map { $0..<min($0 + 4096, text.count) })
        let verdict = try await sniffer.verdict(chunks: body, declared: "text/plain; charset=utf-16", policy: .deeploy, stoppingOnceRefused: true)
        let oneShot = try sniffer.verdict(text, declared: "text/plain; charset=utf-16", policy: .deeploy)
        #expect(verdict.isAccepted == oneShot.isAccepted)
        #expect(!verdict.reasonCodes.contains(.binaryAsText))
        #expect(body.pulls.value == body.chunks.count + 1)
    }

    @Test func anUndeclaredPayloadFailingJSONAtByteZeroIsRefusedAtItsFirstChunk() async throws {
        let body = Self.chunks([0x00], then: 0x41, count: 64)
        let verdict = try await sniffer.verdict(chunks: body, declared: nil, policy: .deeploy, stoppingOnceRefused: true)
        #expect(verdict.reasonCodes == [.invalidJSON])
        #expect(body.pulls.value == 1)
    }

    @Test func aDeclaredTypeDeeployDoesNotAcceptIsRefusedOnceItsPrefixIsSniffed() async throws {
        let body = Self.chunks([], then: 0x41, count: 64)
        let verdict = try await sniffer.verdict(chunks: body, declared: "video/mp4", policy: .deeploy, stoppingOnceRefused: true)
        #expect(verdict.reasonCodes == [.notAcceptedType])
        #expect(verdict.sniff.size == 1 << 16)
        #expect(body.pulls.value == 1)
    }

    @Test func anAcceptablePayloadIsReadToItsEndWithTheOneShotVerdict() async throws {
        var json = Array(#"{"instances": ["#.utf8)
        for index in 0..<20_000 { json += Array("\(index == 0 ? "" : ", ")\(index)".utf8) }
        json += Array("]}".utf8)
        let body = CountedChunks(json, ranges: stride(from: 0, to: json.count, by: 1000).map { $0..<min($0 + 1000, json.count) })
        let verdict = try await sniffer.verdict(chunks: body, declared: nil, policy: .deeploy, stoppingOnceRefused: true)
        #expect(verdict == (try sniffer.verdict(json, declared: nil, policy: .deeploy)))
        #expect(body.pulls.value == body.chunks.count + 1)
    }
}
