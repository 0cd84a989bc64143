import Foundation
import Testing

/// Defect 7 of issue 21: every example the help prints, at 80 columns, is one whole command (or
/// an explicit `\` continuation), and it runs: pasted into a shell with its files present, it is
/// never a usage error.
@Suite("help examples are whole commands that run")
struct HelpExampleTests {
    static let commands = ["inspect", "media-type", "headers", "decode", "split"]

    /// The help of `command` (the root's when nil) as printed on an 80-column terminal.
    static func help(_ command: String?) throws -> String {
        let result = try CLI.run((command.map { [$0] } ?? []) + ["--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        return result.stdout
    }

    /// The examples of a help text: the indented lines under `Examples:`, and each line that
    /// starts with `Example: ` (the abstract, in OVERVIEW and in the root's SUBCOMMANDS list),
    /// with `\` continuations joined. A line that is not indented under `Examples:`, or an
    /// abstract example that goes on past its line, is returned as it is, so that the check fails.
    static func examples(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var examples: [String] = []
        var index = 0
        func joined(_ first: String) -> String {
            var command = first
            while command.hasSuffix("\\"), index + 1 < lines.count {
                index += 1
                command = String(command.dropLast()) + lines[index].trimmingCharacters(in: .whitespaces)
            }
            return command
        }
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line == "Examples:" {
                index += 1
                while index < lines.count, !lines[index].isEmpty {
                    let example = lines[index]
                    examples.append(example.hasPrefix("  ") ? joined(String(example.dropFirst(2))) : "BROKEN: " + example)
                    index += 1
                }
                continue
            }
            if let range = line.range(of: "Example: ") {
                let before = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                var command = joined(String(line[range.upperBound...]))
                // An abstract's example is the end of its paragraph (OVERVIEW) or of its entry
                // (SUBCOMMANDS): the next line is blank or the next entry's label.
                if !(before.isEmpty || before == "OVERVIEW:") {
                    command = "BROKEN: " + line
                } else if index + 1 < lines.count, lines[index + 1].hasPrefix("      ") {
                    command = "BROKEN: " + command + " / " + lines[index + 1]
                }
                examples.append(command)
            }
            if trimmed.hasSuffix("Example:") { examples.append("BROKEN: " + line) }
            index += 1
        }
        return examples
    }

    /// The files the examples name, made in `folder`.
    static func makeFiles(in folder: TemporaryFolder) throws {
        for name in ["request.json", "req.json", "response.json", "error.json"] {
            try folder.write(name, "{\"instances\": [[1], [2]], \"message\": \"no\"}")
        }
        try folder.write("resp.json", "{\"predictions\": [1, 2]}")
        try folder.write("chat.json", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
        try folder.write("answer.json", "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"hello\"}}]}")
        for name in ["scan.png", "cat.png", "heatmap.png", "images/a.png"] { try folder.write(name, Samples.png) }
        try folder.write("scan.pdf", "%PDF-1.4\n%%EOF\n")
        try folder.write("payloads/a.json", "{}")
        try folder.write("fixtures/a.bin", [0, 1, 2, 3])
    }

    /// Runs `example` with `sh -c` in `folder`, with `deeploy-payload` on the PATH, `$TOKEN` set,
    /// and a key pair in the environment unless the example uses a token; a pipeline from `curl`
    /// reads `response.json` instead.
    static func run(_ example: String, in folder: TemporaryFolder) throws -> CLI.Result {
        var script = example
        if let pipe = script.range(of: "| deeploy-payload"), script.hasPrefix("curl") {
            script = "cat response.json " + script[pipe.lowerBound...]
        }
        var environment = ["TOKEN": "dpt_example-token"]
        if !example.contains("TOKEN") {
            // As after the help's `export DEEPLOY_ACCESS_KEY=… DEEPLOY_SECRET_KEY=…`.
            environment["DEEPLOY_ACCESS_KEY"] = "ak"
            environment["DEEPLOY_SECRET_KEY"] = "sk"
        }
        return try CLI.shell(script, environment: environment, in: folder.url)
    }

    @Test(arguments: [nil] + commands)
    func everyExampleIsOneWholeCommand(_ command: String?) throws {
        let examples = Self.examples(in: try Self.help(command))
        #expect(!examples.isEmpty)
        for example in examples {
            #expect(!example.hasPrefix("BROKEN: "), "\(command ?? "root"): \(example)")
            let first = example.split(separator: " ").first.map(String.init) ?? ""
            #expect(["deeploy-payload", "curl", "export"].contains(first) || first.contains("="), "\(command ?? "root"): \(example)")
        }
    }

    @Test(arguments: [nil] + commands)
    func everyExampleRunsWithoutAUsageError(_ command: String?) throws {
        let folder = try TemporaryFolder()
        try Self.makeFiles(in: folder)
        for example in Self.examples(in: try Self.help(command)) where example.contains("deeploy-payload") && !example.hasPrefix("BROKEN: ") {
            let result = try Self.run(example, in: folder)
            #expect(result.status != 2 && result.status != 127, "\(example): \(result.stderr)")
        }
    }
}
