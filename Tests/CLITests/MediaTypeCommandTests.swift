import StrictJSON
import Testing

@Suite("media-type")
struct MediaTypeCommandTests {
    @Test func printsTheNormalisedSerialisation() throws {
        let result = try CLI.run(["media-type", "Application/JSON; Charset=\"UTF-8\"", "TEXT/csv"])
        #expect(result.status == 0)
        #expect(result.stdout == "application/json;charset=UTF-8\ntext/csv\n")
    }

    @Test func invalidValueGivesReasonAndExitOne() throws {
        let result = try CLI.run(["media-type", "image/png", "nonsense"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == "image/png")
        #expect(lines[1].hasPrefix("invalid: "))
        #expect(lines[1].contains("no '/'"))
    }

    @Test func jsonGivesInputAndNormalized() throws {
        let result = try CLI.run(["media-type", "--format", "json", "Image/PNG", "x y"])
        #expect(result.status == 1)
        let array = try #require(try result.json().arrayValue)
        #expect(array.count == 2)
        #expect(array[0].objectValue?.keys == ["input", "normalized"])
        #expect(array[0]["input"] == "Image/PNG")
        #expect(array[0]["normalized"] == "image/png")
        #expect(array[1]["input"] == "x y")
        #expect(array[1]["normalized"] == .null)
    }

    @Test func jsonAllValidExitsZero() throws {
        let result = try CLI.run(["media-type", "--format", "json", "text/plain"])
        #expect(result.status == 0)
        #expect(try result.json()[0]?["normalized"] == "text/plain")
    }

    @Test func noValueIsAUsageError() throws {
        let result = try CLI.run(["media-type"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Missing expected argument"))
    }
}
