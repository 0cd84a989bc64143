import DeeployPayload
import Testing

@Suite("MediaTypeParameters")
struct MediaTypeParametersTests {
    @Test func lookupIgnoresCase() throws {
        let parameters = try #require(MediaType("text/plain;Charset=UTF-8;format=flowed")).parameters
        #expect(parameters["charset"] == "UTF-8")
        #expect(parameters["CHARSET"] == "UTF-8")
        #expect(parameters["Format"] == "flowed")
        #expect(parameters["missing"] == nil)
    }

    @Test func iteratesInOrder() throws {
        let parameters = try #require(MediaType("x/y;c=3;a=1;b=2")).parameters
        #expect(parameters.count == 3)
        #expect(parameters.map(\.name) == ["c", "a", "b"])
        #expect(parameters.map(\.value) == ["3", "1", "2"])
        #expect(parameters[0] == parameters.first)
    }

    @Test func emptyWhenThereAreNone() {
        #expect(MediaType.textPlain.parameters.isEmpty)
        #expect(MediaType.textPlain.parameters == .none)
        #expect(MediaType.textPlain.parameters.description == "")
    }

    @Test func describesAsSerialised() throws {
        let parameters = try #require(MediaType(#"x/y;a="b c";d=e"#)).parameters
        #expect(parameters.description == #";a="b c";d=e"#)
        #expect(parameters[0].description == #"a="b c""#)
    }
}
