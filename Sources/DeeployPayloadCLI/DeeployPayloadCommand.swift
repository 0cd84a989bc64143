import ArgumentParser
import Magic

/// The `deeploy-payload` command: a thin shell over the DeeployPayload library.
@main
struct DeeployPayloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deeploy-payload",
        abstract: "Make inference payloads for Deeploy deployments correct and safe.",
        version: "deeploy-payload 0.1.0 (libmagic \(MagicLibrary.version))",
        subcommands: [Inspect.self]
    )
}
