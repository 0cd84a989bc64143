package import ArgumentParser

/// The body of `deeploy-payload`'s and `deeploy-send`'s `main`.
package enum CommandLineEntry {
    /// Parses `arguments` (the process's own when nil) as `Command`, runs the command, and exits
    /// with 2 (not ArgumentParser's 64) on usage errors, so that scripts can tell "rejected" (1)
    /// from "called wrongly" (2). The usage error's message goes to standard error: the one
    /// `usageMessage` gives for the error, or ArgumentParser's when it gives nil. Returns when
    /// the command succeeded; otherwise exits with the command's error.
    package static func run<Command: ParsableCommand>(
        _ command: Command.Type,
        arguments: [String]? = nil,
        usageMessage: @Sendable (any Error) -> String? = { _ in nil }
    ) async {
        do {
            var command = try Command.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if Command.exitCode(for: error) == .validationFailure {
                StandardError.writeLine(usageMessage(error) ?? Command.fullMessage(for: error))
                Command.exit(withError: ExitCode.usage)
            }
            Command.exit(withError: error)
        }
    }
}
