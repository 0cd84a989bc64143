import StrictJSON
import Testing

/// Defect 12 of issue 21: a payload rejected as sent says what it would be accepted as, in the
/// table and in JSON (`suggested`); `--explain` adds the messages to JSON (`messages`).
@Suite("inspect suggests a Content-Type")
struct SuggestionTests {
    @Test func anUndeclaredPNGIsSuggestedImagePNGInJSON() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let result = try CLI.run(["inspect", "--format", "jsonl", path])
        #expect(result.status == 1)
        let object = try #require(try result.jsonLines().first?.objectValue)
        #expect(object.keys == InspectTests.resultKeys)
        #expect(object.keys.last == "suggested")
        #expect(object["reasons"] == ["invalid-json"])
        #expect(object["suggested"] == "image/png")
    }

    @Test func anAcceptedPayloadSuggestsNothing() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("ok.json", "{}")
        let result = try CLI.run(["inspect", "--format", "json", path])
        #expect(result.status == 0)
        #expect(try result.json()[0]?["suggested"] == .null)
    }

    @Test func theTableSaysWhatThePayloadWouldBeAcceptedAs() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let result = try CLI.run(["inspect", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("accepted as image/png with --declared image/png"))
    }

    @Test func explainAddsTheMessagesToJSON() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        for format in ["json", "jsonl"] {
            let result = try CLI.run(["inspect", "--explain", "--format", format, path])
            #expect(result.status == 1)
            let value = format == "json" ? try result.json()[0] : try result.jsonLines().first
            let object = try #require(value?.objectValue)
            #expect(object.keys == InspectTests.resultKeys + ["messages"])
            let messages = try #require(object["messages"]?.arrayValue)
            #expect(messages.count == 1)
            #expect(messages.first?["code"] == "invalid-json")
            #expect((messages.first?["message"]?.stringValue ?? "").count > 10)
        }
        let plain = try CLI.run(["inspect", "--format", "jsonl", path])
        #expect(try plain.jsonLines().first?.objectValue?.keys == InspectTests.resultKeys)
    }

    @Test func theHelpNamesTheNewKeys() throws {
        let result = try CLI.run(["inspect", "--help"])
        #expect(result.stdout.contains("suggested"))
        #expect(result.stdout.contains("messages"))
    }
}
