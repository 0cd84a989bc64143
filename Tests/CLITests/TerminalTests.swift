import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Issue 21, defect 18: Ctrl-C clears the progress line (drawn on standard error when it is a
    /// terminal and standard output is not, for more than 20 files), and the run ends as
    /// interrupted, status 130. A FIFO that no one writes keeps the run waiting after 25 files.
    @Test func ctrlCClearsTheProgressLine() throws {
        let folder = try TemporaryFolder()
        var paths: [String] = []
        for index in 0..<25 { paths.append(try folder.write("file\(index).json", #"{"instances": [1]}"#)) }
        let fifo = folder.path("waiting.fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        let result = try TerminalRun.run(["inspect", "--jobs", "1"] + paths + [fifo], side: .error(interruptAfter: "inspecting"), environment: ["TERM": "xterm-256color"])
        #expect(result.status == 130, "\(result.terminal.debugDescription)")
        let lastDraw = try #require(result.terminal.range(of: "inspecting", options: .backwards))
        let erase = "\r" + Self.escape + "K"
        // The line was drawn, and erased after its last drawing.
        #expect(result.terminal[lastDraw.upperBound...].hasSuffix(erase), "\(result.terminal.debugDescription)")
    }
}
