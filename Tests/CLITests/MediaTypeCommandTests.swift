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

    /// Issue 21, defect 16: a value that starts with '-' is taken for an option; the message says
    /// so and how to pass it, not "Missing expected argument".
    @Test func valueStartingWithADashSaysToUseDoubleDash() throws {
        let result = try CLI.run(["media-type", "-not-a-type"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("Missing expected argument"))
        #expect(result.stderr.contains("'-not-a-type'"))
        #expect(result.stderr.contains("deeploy-payload media-type -- '-not-a-type'"))

        let passed = try CLI.run(["media-type", "--", "-not-a-type"])
        #expect(passed.status == 1)
        #expect(passed.stdout.hasPrefix("invalid: "))
    }

    /// Issue 21, defect 16: JSON says why a value is invalid, under a new key `error`; valid
    /// values keep exactly {"input", "normalized"}.
    @Test func jsonGivesTheErrorOfAnInvalidValue() throws {
        let result = try CLI.run(["media-type", "--format", "json", "image/png", "nonsense"])
        #expect(result.status == 1)
        let array = try #require(try result.json().arrayValue)
        #expect(array[0].objectValue?.keys == ["input", "normalized"])
        #expect(array[1].objectValue?.keys == ["input", "normalized", "error"])
        #expect(array[1]["normalized"] == .null)
        let error = try #require(array[1]["error"]?.stringValue)
        #expect(error.contains("no '/'"))
        #expect(!result.stdout.contains("invalid: "))
    }
}
