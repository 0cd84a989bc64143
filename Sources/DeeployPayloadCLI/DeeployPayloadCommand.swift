import ArgumentParser
import DeeployCLISupport
import Magic

/// `deeploy-payload`: the root command, which only groups the subcommands.
struct DeeployPayloadCommand: ParsableCommand {
    /// The package version; keep in step with releases.
    static let packageVersion = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "deeploy-payload",
        abstract: "Make inference payloads for Deeploy deployments correct and safe.",
        discussion: """
            A file(1) that knows Deeploy: it tells what a payload really is, whether Deeploy \
            accepts it and with which Content-Type, builds the exact request headers, and shows \
            what Deeploy makes of responses and logs.

            Exit status: 0 when everything is accepted or valid, 1 when anything is rejected, \
            invalid or unreadable, 2 when the command line is wrong.

            Examples:
              deeploy-payload inspect --recursive payloads/
              deeploy-payload media-type 'Application/JSON; Charset=UTF-8'
              DEEPLOY_TOKEN=… deeploy-payload headers --for-file cat.png
            """,
        version: "deeploy-payload \(packageVersion) (libmagic \(MagicLibrary.version))",
        subcommands: [Inspect.self, MediaTypeCommand.self, Headers.self, Decode.self, Split.self, Send.self]
    )

    /// No subcommand is a wrong command line: the help goes to standard error, and the exit
    /// status is 2 (ArgumentParser's default prints it to standard output and exits 0).
    func run() throws {
        StandardError.write(Self.helpMessage())
        throw ExitCode.usage
    }
}
