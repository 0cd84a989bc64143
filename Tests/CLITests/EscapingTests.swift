import Testing

/// Defect 11 of issue 21: control characters from file names and arguments never reach the
/// terminal raw; every text output shows them escaped (`\n`, `\r`, `\t`, `\x1B`).
@Suite("control characters are escaped in text output")
struct EscapingTests {
    @Test func aPathWithAnEscapeSequenceOrANewlineIsEscapedInTheTable() throws {
        let folder = try TemporaryFolder()
        let red = try folder.write("red\u{1B}[31m.json", "{}")
        let broken = try folder.write("two\nlines.json", "{}")
        let result = try CLI.run(["inspect", red, broken])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains(#"red\x1B[31m.json"#))
        #expect(result.stdout.contains(#"two\nlines.json"#))
        // The header and one line per file.
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test func anUnreadablePathIsEscapedInTheTableAndOnStandardError() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path("gone\u{1B}[2J\r.json")
        let inspect = try CLI.run(["inspect", missing])
        #expect(inspect.status == 1)
        #expect(!inspect.stdout.contains("\u{1B}") && !inspect.stdout.contains("\r"))
        #expect(inspect.stdout.contains(#"gone\x1B[2J\r.json"#))
        let decode = try CLI.run(["decode", missing])
        #expect(decode.status != 0)
        #expect(!decode.stderr.contains("\u{1B}") && !decode.stderr.contains("\r"))
        #expect(decode.stderr.contains(#"gone\x1B[2J\r.json"#))
    }

    @Test func anExplainedDeclaredTypeWithACarriageReturnIsEscaped() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let result = try CLI.run(["inspect", "-e", "--declared", "image/png\r\nX: 1", path])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("\r"))
        #expect(result.stdout.contains(#"image/png\r\nX: 1"#))
        #expect(!result.stdout.contains("\nX: 1"))
    }
}
