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

/// Issue 21, defect 10: CLI messages name CLI flags and commands, not library properties
/// (allowByteOrderMark, "a recursive walk", "Read it into memory"), and a sniffed body is not
/// said to claim a type it never declared.
@Suite("messages name CLI flags")
struct CLIWordingTests {
    static let libraryWords = ["allowByteOrderMark", "recursive walk", "Read it into memory", "this policy", "SnifferConfiguration"]

    static func expectCLIWording(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in libraryWords {
            #expect(!text.contains(word), "'\(word)' in: \(text)", sourceLocation: sourceLocation)
        }
    }

    static let withByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"predictions": [1, 2]}"#.utf8)

    @Test func decodeOfABodyWithAByteOrderMark() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bom.json", Self.withByteOrderMark)
        let declared = try CLI.run(["decode", "--content-type", "application/json", path])
        #expect(declared.status == 1)
        #expect(declared.stderr.contains("byte-order mark"))
        Self.expectCLIWording(declared.stderr)

        let sniffed = try CLI.run(["decode", path])
        #expect(sniffed.status == 1)
        #expect(sniffed.stderr.contains("byte-order mark"))
        #expect(!sniffed.stderr.contains("says it is JSON"))
        #expect(sniffed.stderr.contains("--content-type"))
        Self.expectCLIWording(sniffed.stderr)
    }

    @Test func splitOfAResponseWithAByteOrderMark() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", #"{"instances": [[1], [2]]}"#)
        let response = try folder.write("bom.json", Self.withByteOrderMark)
        for format in ["text", "json"] {
            let sniffed = try CLI.run(["split", "--format", format, "--request", request, "--response", response])
            #expect(sniffed.status == 0)
            #expect(sniffed.stdout.contains("byte-order mark"))
            #expect(!sniffed.stdout.contains("claims JSON"), "\(sniffed.stdout)")
            Self.expectCLIWording(sniffed.stdout)
            let declared = try CLI.run(["split", "--format", format, "--request", request, "--response", response, "--response-type", "application/json"])
            #expect(declared.stdout.contains("byte-order mark"))
            Self.expectCLIWording(declared.stdout)
        }
    }

    @Test func headersForAFolderOrADevice() throws {
        let folder = try TemporaryFolder()
        let directory = try CLI.run(["headers", "--token", "t", "--for-file", folder.url.path])
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("inspect --recursive"))
        Self.expectCLIWording(directory.stderr)
        // Issue 21, defect 2: a device is read as a stream, so /dev/null is an empty payload
        // (as an empty file is), no longer an error.
        let device = try CLI.run(["headers", "--token", "t", "--for-file", "/dev/null"])
        #expect(device.status == 0)
        Self.expectCLIWording(device.stderr)
    }

    @Test func inspectOfADeviceAndOverMaxSize() throws {
        let device = try CLI.run(["inspect", "--explain", "/dev/null"])
        #expect(device.status == 1)
        Self.expectCLIWording(device.stdout + device.stderr)
        let folder = try TemporaryFolder()
        let path = try folder.write("big.json", "[1, 2, 3]")
        let large = try CLI.run(["inspect", "--explain", "--max-size", "4", path])
        #expect(large.status == 1)
        #expect(large.stdout.contains("--max-size"))
        Self.expectCLIWording(large.stdout)
    }
}
