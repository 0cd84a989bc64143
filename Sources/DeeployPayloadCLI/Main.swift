import ArgumentParser

/// The entry point: runs the command, and exits with 2 (not ArgumentParser's 64) on usage errors,
/// so that scripts can tell "rejected" (1) from "called wrongly" (2).
@main
enum Main {
    static func main() async {
        do {
            var command = try DeeployPayloadCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if DeeployPayloadCommand.exitCode(for: error) == .validationFailure {
                StandardError.writeLine(DeeployPayloadCommand.fullMessage(for: error))
                DeeployPayloadCommand.exit(withError: ExitCode.usage)
            }
            DeeployPayloadCommand.exit(withError: error)
        }
    }
}

extension ExitCode {
    /// Everything was accepted or valid.
    static let accepted = ExitCode(0)
    /// Something was rejected, invalid or unreadable.
    static let rejected = ExitCode(1)
    /// The command line itself was wrong.
    static let usage = ExitCode(2)
}
