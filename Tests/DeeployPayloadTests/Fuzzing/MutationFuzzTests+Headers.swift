import DeeployPayload
import Foundation
import Testing

extension MutationFuzzTests {
    /// `MediaType` parsing of the input read as text, a mutated corpus Content-Type and a random
    /// header-like string: the two parsers agree, a value round-trips through its serialisation,
    /// and the header normaliser agrees with the parser.
    @Test func mediaTypeParsing() {
        var run = FuzzRun("media-type")
        var parsed = 0
        run.forEachInput(fraction: 0.8) { run, bytes, rng in
            let mutatedHeader = FuzzInputs.mutate(Array(rng.pick(FuzzSeeds.contentTypes).utf8), rng: &rng).prefix(256)
            for string in [
                String(decoding: bytes, as: UTF8.self), String(decoding: mutatedHeader, as: UTF8.self),
                FuzzSeeds.headerString(rng: &rng), rng.pick(["text/plain;", "Application/JSON ; ", "image/*;"]) + FuzzSeeds.headerString(rng: &rng),
            ] where Self.checkMediaType(string, run: &run) {
                parsed += 1
            }
        }
        #expect(parsed * 2 >= run.count, "only \(parsed) strings of \(run.count) iterations parsed")
    }

    /// Checks one Content-Type value; true when it parses.
    static func checkMediaType(_ string: String, run: inout FuzzRun) -> Bool {
        let parsed = Result { () throws(MediaTypeError) in try MediaType.parse(string) }
        let forbidden = string.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
        let normalized = Result { () throws(HeaderError) in try ContentTypeHeader.normalize([string]) }
        switch parsed {
        case .success(let value):
            run.check(MediaType(string) == value, "MediaType(_:) and MediaType.parse disagree on \(string.debugDescription)")
            let again = MediaType(value.description)
            run.check(again == value, "\(value.description.debugDescription) parses to \(String(describing: again)), not \(value)")
            run.check(again?.description == value.description, "serialising is not a fixed point: \(value.description.debugDescription)")
            run.check(again?.hashValue == value.hashValue, "equal media types hash differently")
            if forbidden {
                run.check((try? normalized.get()) == nil, "a value with CR, LF or NUL was normalised: \(string.debugDescription)")
            } else {
                run.check((try? normalized.get()) == value, "the normaliser gives \(normalized), the parser \(value)")
                let twice = try? ContentTypeHeader.normalize([string, value.description])
                run.check(twice == value, "a value and its normal form conflict: \(string.debugDescription)")
            }
            return true
        case .failure(let error):
            run.check(MediaType(string) == nil, "MediaType(_:) accepts what MediaType.parse rejects: \(string.debugDescription)")
            run.check(!error.description.isEmpty, "an empty error message")
            run.check((try? normalized.get()) == nil, "the normaliser accepts what the parser rejects: \(string.debugDescription)")
            return false
        }
    }

    /// `Credentials.parse(authorization:)` of the input read as text, of it as a Basic value's
    /// decoded bytes and as a Bearer token, of a mutated corpus value and of a random header-like
    /// string: whatever parses renders back to a value that parses to the same credentials.
    @Test func authorizationParsing() {
        var run = FuzzRun("authorization")
        var parsed = 0
        run.forEachInput(fraction: 0.8) { run, bytes, rng in
            let text = String(decoding: bytes.prefix(512), as: UTF8.self)
            let credentials = Data(bytes.prefix(rng.oneIn(2) ? 48 : 512)).base64EncodedString()
            let mutated = FuzzInputs.mutate(Array(rng.pick(FuzzSeeds.authorizations).utf8), rng: &rng).prefix(512)
            for value in [
                text, "Basic " + credentials, "Bearer " + text.prefix(64), String(decoding: mutated, as: UTF8.self),
                FuzzSeeds.headerString(rng: &rng),
            ] where Self.checkAuthorization(value, run: &run) {
                parsed += 1
            }
        }
        #expect(parsed * 20 >= run.count, "only \(parsed) values of \(run.count) iterations parsed")
    }

    /// Checks one Authorization value; true when it parses.
    static func checkAuthorization(_ value: String, run: inout FuzzRun) -> Bool {
        switch Result(catching: { () throws(CredentialsError) in try Credentials.parse(authorization: value) }) {
        case .success(let credentials):
            let rendered = credentials.revealedAuthorizationValue()
            let again = try? Credentials.parse(authorization: rendered)
            run.check(again == credentials, "\(rendered.debugDescription) parses to other credentials")
            run.check(again?.revealedAuthorizationValue() == rendered, "rendering is not a fixed point")
            run.check(credentials.authorizationField().value == rendered, "the header field's value is not the rendered value")
            return true
        case .failure(let error):
            run.check(!error.description.isEmpty, "an empty error message")
            return false
        }
    }
}
