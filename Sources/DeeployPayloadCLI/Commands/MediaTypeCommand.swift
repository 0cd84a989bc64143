import ArgumentParser
import DeeployCLISupport

/// `deeploy-payload media-type VALUE...`: parse and normalise Content-Type values.
struct MediaTypeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media-type",
        abstract: "Parse and normalise media types (Content-Type values).\nExample: deeploy-payload media-type Application/JSON",
        discussion: """
            Values are parsed and serialised with the WHATWG MIME Sniffing rules that browsers use: \
            type, subtype and parameter names are lowercased, the first of duplicate parameters \
            wins, invalid parameters are dropped and values are quoted only when they must be.

            Text output is one line per value: the normalised serialisation, or 'invalid: ' and \
            the reason. JSON output is an array of {"input", "normalized"} objects; for an invalid \
            value, normalized is null and "error" gives the reason.

            Exit status: 0 when every value is valid, 1 when any is invalid, 2 for usage errors.

            Examples:
              deeploy-payload media-type 'Application/JSON; Charset=UTF-8'
              deeploy-payload media-type --format json \\
                  image/png 'text/plain;;charset=utf-8' nonsense
              deeploy-payload media-type -- '-not-a-type'
            """
    )

    @Argument(help: ArgumentHelp("The values to normalise (quote values with spaces or ';').", valueName: "value"))
    var values: [String]

    @Option(help: "Output format: text (one line per value) or json (an array of {\"input\", \"normalized\"}).")
    var format: TextOrJSON = .text

    /// The options `media-type` knows; any other argument that starts with '-' is a value
    /// that ArgumentParser took for an option.
    private static let optionNames: Set<String> = ["--format", "-h", "--help", "-help", "--version"]

    /// The usage error for values that start with '-' and were taken for options, with how to
    /// pass them, when `arguments` call `media-type` with some before any `--`; nil otherwise.
    static func dashMessage(for arguments: [String]) -> String? {
        guard arguments.first == "media-type" else { return nil }
        let options = arguments.dropFirst().prefix { $0 != "--" }
        let values = options.filter { $0.hasPrefix("-") && $0 != "-" && !optionNames.contains(String($0.prefix { $0 != "=" })) }
        guard !values.isEmpty else { return nil }
        let quoted = values.map { "'\($0)'" }
        return "Error: \(quoted.joined(separator: ", ")) is not an option of media-type. To normalise a value "
            + "that starts with '-', put '--' before it: deeploy-payload media-type -- \(quoted.joined(separator: " "))\n"
            + "  See 'deeploy-payload media-type --help' for more information."
    }

    func run() throws {
        let report = MediaTypeReport(values: values)
        report.write(format, to: OutputWriter())
        if !report.allValid { throw ExitCode.rejected }
    }
}
