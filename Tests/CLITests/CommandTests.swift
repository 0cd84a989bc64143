import StrictJSON
import Testing

@Suite("deeploy-payload")
struct CommandTests {
    @Test func versionNamesPackageAndLibmagic() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("deeploy-payload "))
        #expect(result.stdout.contains("(libmagic 5."))
    }

    @Test func helpListsEverySubcommand() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for name in ["inspect", "media-type", "headers", "decode", "split"] {
            #expect(result.stdout.contains("  \(name) "), "\(name) is missing from --help")
        }
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let result = try CLI.run(["frobnicate"])
        #expect(result.status == 2)
    }

    /// Issue 21, defect 16: a bare `deeploy-payload` is a wrong command line (exit 2), with the
    /// usage on standard error so that a script's output stays empty.
    @Test func noArgumentsIsAUsageError() throws {
        let result = try CLI.run([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("USAGE:"))
        #expect(result.stderr.contains("inspect"))
    }

    /// Issue 21, defect 16: `help` for a command that does not exist is a usage error that names it.
    @Test func helpForAnUnknownCommandIsAUsageError() throws {
        let result = try CLI.run(["help", "nonexist"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'nonexist'"))
        let known = try CLI.run(["help", "inspect"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("inspect"))
    }

    /// The manual: every subcommand's abstract has an example, every option and argument has help.
    @Test func everySubcommandAndOptionIsDocumented() throws {
        let result = try CLI.run(["--experimental-dump-help"])
        let root = try #require(try result.json()["command"])
        let subcommands = try #require(root["subcommands"]?.arrayValue).filter { $0["commandName"] != "help" }
        #expect(subcommands.count == 6)
        for command in subcommands {
            let name = command["commandName"]?.stringValue ?? "?"
            #expect(command["abstract"]?.stringValue?.contains("Example: deeploy-payload \(name)") == true, "\(name)")
            #expect(command["discussion"]?.stringValue?.contains("Examples:") == true, "\(name)")
            for argument in command["arguments"]?.arrayValue ?? [] where argument["shouldDisplay"] == true {
                let abstract = argument["abstract"]?.stringValue ?? ""
                #expect(!abstract.isEmpty, "\(name) \(argument["valueName"]?.stringValue ?? "?") has no help")
            }
        }
    }
}
