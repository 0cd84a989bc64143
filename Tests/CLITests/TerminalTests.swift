import Testing

/// What happens only on a terminal.
@Suite("terminal")
struct TerminalTests {
    static let escape = "\u{1B}["

    /// The table is coloured on a terminal (the control for the next test).
    @Test func theTableIsColouredOnATerminal() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("ok.json", #"{"instances": [1]}"#)
        let result = try TerminalRun.run(["inspect", path], side: .output, environment: ["TERM": "xterm-256color"])
        #expect(result.status == 0)
        #expect(result.terminal.contains(Self.escape))
    }

    /// Issue 21, defect 18: `TERM=dumb` gets no colour.
    @Test func dumbTerminalGetsNoColour() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("ok.json", #"{"instances": [1]}"#)
        let result = try TerminalRun.run(["inspect", path], side: .output, environment: ["TERM": "dumb"])
        #expect(result.status == 0)
        #expect(result.terminal.contains("ok.json"))
        #expect(!result.terminal.contains(Self.escape), "\(result.terminal.debugDescription)")
    }

    /// Issue 21, defect 17: reading standard input from a terminal, `inspect` and `decode` say
    /// so on standard error before they wait.
    @Test func readingATerminalGivesAHint() throws {
        for arguments in [["inspect", "--format", "jsonl"], ["decode", "--content-type", "application/json"], ["inspect", "-"]] {
            let result = try TerminalRun.run(arguments, side: .input(typed: "{\"instances\": [1]}\n"), environment: [:])
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stderr.contains("standard input"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Ctrl-D"), "\(arguments): \(result.stderr)")
        }
        // Not on a pipe.
        let piped = try CLI.run(["inspect", "--format", "jsonl"], input: .pipe(Array("{}".utf8)))
        #expect(piped.stderr.isEmpty)
    }
}
