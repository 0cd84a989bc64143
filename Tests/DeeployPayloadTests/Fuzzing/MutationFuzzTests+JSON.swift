import DeeployTestSupport
import StrictJSON
import Testing

extension MutationFuzzTests {
    /// Option sets the readers must agree under: the defaults, and tight limits with the leniencies on.
    static let jsonOptions = [
        JSONOptions(),
        JSONOptions(maxDepth: 5, maxSize: 700, allowByteOrderMark: true, allowUnpairedSurrogates: true),
    ]

    /// The validator, the streaming validator (fed random chunk splits) and the parser accept
    /// the same inputs and report the same error; a parsed value serialises (compact and
    /// pretty) to text that parses to an equal value and serialises to the same bytes; spans
    /// see the same document.
    @Test func jsonReadersAgree() async {
        var run = FuzzRun("json")
        var accepted = 0
        await run.forEachInput(fraction: 1) { run, bytes, rng in
            let options = rng.oneIn(3) ? Self.jsonOptions[1] : Self.jsonOptions[0]
            if Self.checkJSON(bytes, options: options, rng: &rng, run: &run) { accepted += 1 }
        }
        // Enough inputs must parse for the round trip to be exercised.
        #expect(accepted * 100 >= run.count, "only \(accepted) of \(run.count) inputs were valid JSON")
    }

    /// Checks one document with `JSONInvariants`; true when it is valid. The streaming
    /// validator gets random chunks: now and then empty, mostly up to 16 bytes, sometimes up to 512.
    static func checkJSON(_ bytes: [UInt8], options: JSONOptions, rng: inout SplitMix64, run: inout FuzzRun) -> Bool {
        var chunks: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + (rng.oneIn(8) ? 0 : 1 + rng.below(rng.oneIn(4) ? 512 : 16)))
            chunks.append(start..<end)
            start = end
        }
        return JSONInvariants.checkReaders(bytes, options: options, chunks: chunks, into: &run)
    }
}
