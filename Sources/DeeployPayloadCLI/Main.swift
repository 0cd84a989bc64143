import ArgumentParser
import DeeployCLISupport

/// The entry point: runs the command, and exits with 2 (not ArgumentParser's 64) on usage errors,
/// so that scripts can tell "rejected" (1) from "called wrongly" (2).
@main
enum Main {
    static func main() async {
        // Arguments that are not valid UTF-8 (file names) in their display form; see RawPath.
        let arguments = RawPath.arguments
        if arguments.first == "send" {
            // deeploy-send parses its own command line, help included; see Send.
            do { try Send.forward(Array(arguments.dropFirst())) } catch { DeeployPayloadCommand.exit(withError: error) }
        }
        if let message = unknownHelpTopic(in: arguments) {
            StandardError.writeLine("Error: \(message)")
            DeeployPayloadCommand.exit(withError: ExitCode.usage)
        }
        // ArgumentParser says "Missing expected argument" for a value it took for an option.
        await CommandLineEntry.run(DeeployPayloadCommand.self, arguments: arguments) { _ in MediaTypeCommand.dashMessage(for: arguments) }
    }

    /// Why `help TOPIC...` names no command, or nil when it does (or is not a `help` call):
    /// ArgumentParser would print the root help and exit 0 for an unknown topic.
    static func unknownHelpTopic(in arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var subcommands = DeeployPayloadCommand.configuration.subcommands
        for topic in arguments.dropFirst() {
            if topic.hasPrefix("-") { continue }
            var names: [String] = []
            var found: (any ParsableCommand.Type)?
            for subcommand in subcommands {
                let name = subcommand._commandName
                names.append(name)
                if name == topic { found = subcommand }
            }
            guard let found else {
                return "'\(topic)' is not a command; the commands are \(names.joined(separator: ", "))."
            }
            subcommands = found.configuration.subcommands
        }
        return nil
    }
}
