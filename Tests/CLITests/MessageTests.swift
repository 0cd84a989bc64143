import StrictJSON
import Testing

/// The wording of messages: issue 21, defect 14 (typos such as "a application/json", "The
/// environment give", ".." where one message ends inside another, "10 (10 bytes)").
@Suite("messages")
struct MessageTests {
    /// The slips the issue found, as patterns no message may contain.
    static func expectNoSlips(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains(".."), "\(text)", sourceLocation: sourceLocation)
        #expect(!text.contains(" give both"), "\(text)", sourceLocation: sourceLocation)
        #expect(text.firstMatch(of: /\b[Aa] [aeiouAEIOU]/) == nil, "\(text)", sourceLocation: sourceLocation)
    }

    @Test func anEmptyJSONPayloadTakesAn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("empty.json", [])
        let result = try CLI.run(["inspect", "--explain", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("an application/json payload"))
        Self.expectNoSlips(result.stdout)
    }

    @Test func anInvalidDeclaredTypeHasOnePeriod() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.txt", "hello\n")
        for declared in ["foo", "application/json;;x=\"", "text/"] {
            let result = try CLI.run(["inspect", "--format", "jsonl", "--explain", "--declared", declared, path])
            let table = try CLI.run(["inspect", "--explain", "--declared", declared, path])
            #expect(result.status == 1)
            Self.expectNoSlips(table.stdout)
        }
    }

    @Test func bothCredentialKindsInTheEnvironment() throws {
        let result = try CLI.run(["headers"], environment: ["DEEPLOY_TOKEN": "t", "DEEPLOY_ACCESS_KEY": "AK", "DEEPLOY_SECRET_KEY": "SK"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("environment give"))
        #expect(result.stderr.contains("DEEPLOY_TOKEN"))
        Self.expectNoSlips(result.stderr)
        let half = try CLI.run(["headers"], environment: ["DEEPLOY_SECRET_KEY": "SK"])
        #expect(half.status == 2)
        #expect(!half.stderr.contains("environment give"))
        #expect(half.stderr.contains("DEEPLOY_ACCESS_KEY"))
        let options = try CLI.run(["headers", "--token", "t", "--access-key", "AK", "--secret-key", "SK"])
        #expect(options.status == 2)
        #expect(options.stderr.contains("--token"))
        Self.expectNoSlips(options.stderr)
    }

    @Test func aLimitWithoutUnitIsNotRepeated() throws {
        let result = try CLI.run(["decode", "--max-size", "10", "--content-type", "application/json"], input: .pipe(Array(#"{"a": 1234567890}"#.utf8)))
        #expect(result.status == 1)
        #expect(result.stderr.contains("standard input holds more than 10 bytes,"))
        #expect(!result.stderr.contains("(10 bytes)"))
    }

    @Test func aServerMessageEndingInAPeriodHasOne() throws {
        let result = try CLI.run(
            ["decode", "--status", "401", "--content-type", "application/json"], input: .pipe(Array(#"{"error":"Bad token."}"#.utf8)))
        #expect(result.status == 1)
        #expect(result.stderr.contains("Bad token"))
        Self.expectNoSlips(result.stderr)
    }
}
