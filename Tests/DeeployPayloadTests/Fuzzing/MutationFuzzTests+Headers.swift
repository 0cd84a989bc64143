import DeeployPayload
import DeeployTestSupport
import Foundation
import Testing

extension MutationFuzzTests {
    /// `MediaType` parsing of the input read as text, a mutated corpus Content-Type and a random
    /// header-like string: the two parsers agree, a value round-trips through its serialisation,
    /// and the header normaliser agrees with the parser.
    @Test func mediaTypeParsing() async {
        var run = FuzzRun("media-type")
        var parsed = 0
        await run.forEachInput(fraction: 0.8) { run, bytes, rng in
            let mutatedHeader = FuzzInputs.mutate(Array(rng.pick(FuzzSeeds.contentTypes).utf8), rng: &rng).prefix(256)
            for string in [
                String(decoding: bytes, as: UTF8.self), String(decoding: mutatedHeader, as: UTF8.self),
                FuzzSeeds.headerString(rng: &rng), rng.pick(["text/plain;", "Application/JSON ; ", "image/*;"]) + FuzzSeeds.headerString(rng: &rng),
            ] where HeaderInvariants.checkMediaType(string, into: &run) {
                parsed += 1
            }
        }
        #expect(parsed * 2 >= run.count, "only \(parsed) strings of \(run.count) iterations parsed")
    }

    /// `Credentials.parse(authorization:)` of the input read as text, of it as a Basic value's
    /// decoded bytes and as a Bearer token, of a mutated corpus value and of a random header-like
    /// string: whatever parses renders back to a value that parses to the same credentials.
    @Test func authorizationParsing() async {
        var run = FuzzRun("authorization")
        var parsed = 0
        await run.forEachInput(fraction: 0.8) { run, bytes, rng in
            let text = String(decoding: bytes.prefix(512), as: UTF8.self)
            let credentials = Data(bytes.prefix(rng.oneIn(2) ? 48 : 512)).base64EncodedString()
            let mutated = FuzzInputs.mutate(Array(rng.pick(FuzzSeeds.authorizations).utf8), rng: &rng).prefix(512)
            for value in [
                text, "Basic " + credentials, "Bearer " + text.prefix(64), String(decoding: mutated, as: UTF8.self),
                FuzzSeeds.headerString(rng: &rng),
            ] where HeaderInvariants.checkAuthorization(value, into: &run) {
                parsed += 1
            }
        }
        #expect(parsed * 20 >= run.count, "only \(parsed) values of \(run.count) iterations parsed")
    }
}
