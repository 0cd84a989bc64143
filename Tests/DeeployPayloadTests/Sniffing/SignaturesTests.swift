import DeeployPayload
import DeeployTestSupport
import Magic
import Testing

@Suite struct SignaturesTests {
    @Test(arguments: Payloads.signed.map(\.name))
    func recognisesEachWellFormedSample(name: String) throws {
        let bytes = try #require(Payloads.signed.first { $0.name == name }).bytes
        let format = try #require(Signatures.match(bytes))
        var cookie = try MagicCookie()
        #expect(try cookie.mimeType(of: bytes) == format.mediaType.essence)
    }

    @Test func leavesLookAlikesToLibmagic() {
        #expect(Signatures.match([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x58, 0x58, 0x58, 0x58]) == nil)
        #expect(Signatures.match([0xFF, 0xD8, 0xFF]) == nil)
        #expect(Signatures.match(Array("BM".utf8) + [UInt8](repeating: 0, count: 40)) == nil)
        #expect(Signatures.match(Payloads.utf8(" <svg/>")) == nil)
        #expect(Signatures.match(Payloads.utf8("GIF88a")) == nil)
        #expect(Signatures.match([]) == nil)
    }

    /// For every input where the fast path answers, libmagic gives the same media type.
    /// Inputs: each sample with random tails, random truncations and random byte
    /// flips in its first 32 bytes (seeded).
    @Test func agreesWithLibmagicWheneverItAnswers() throws {
        var generator = SplitMix64(seed: 0x5167_0001)
        var cookie = try MagicCookie()
        var answered = 0
        var disagreements: [String] = []
        for (name, sample) in Payloads.signed {
            for round in 0..<1_500 {
                var bytes = sample
                switch round % 4 {
                case 0: bytes = Array(sample.prefix(Int(generator.next() % UInt64(sample.count + 1))))
                case 1: bytes += generator.bytes(Int(generator.next() % 64))
                case 2:
                    let index = Int(generator.next() % UInt64(min(32, sample.count)))
                    bytes[index] ^= UInt8(1 << (generator.next() % 8))
                default:
                    bytes = Array(sample.prefix(26)) + generator.bytes(Int(generator.next() % 80))
                }
                guard let format = Signatures.match(bytes) else { continue }
                answered += 1
                let libmagic = try cookie.mimeType(of: bytes)
                if libmagic != format.mediaType.essence {
                    disagreements.append("\(name) round \(round): fast path \(format.mediaType.essence), libmagic \(libmagic), bytes \(bytes.prefix(40).map { String($0, radix: 16) })")
                }
            }
        }
        #expect(answered > 5_000)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
    }
}
