import ArgumentParser

/// `deeploy-payload media-type VALUE...`: parse and normalise Content-Type values.
struct MediaTypeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media-type",
        abstract: "Parse and normalise media types (Content-Type values). Example: deeploy-payload media-type 'Text/CSV; Charset=\"utf-8\"'",
        discussion: """
            Values are parsed and serialised with the WHATWG MIME Sniffing rules that browsers use: \
            type, subtype and parameter names are lowercased, the first of duplicate parameters \
            wins, invalid parameters are dropped and values are quoted only when they must be.

            Text output is one line per value: the normalised serialisation, or 'invalid: ' and \
            the reason. JSON output is an array of {"input", "normalized"} objects, with \
            normalized null for an invalid value.

            Exit status: 0 when every value is valid, 1 when any is invalid, 2 for usage errors.

            Examples:
              deeploy-payload media-type 'Application/JSON; Charset=UTF-8'
              deeploy-payload media-type --format json image/png 'text/plain;;charset=utf-8' nonsense
              deeploy-payload media-type -- '-not-a-type'
            """
    )

    @Argument(help: ArgumentHelp("The values to normalise (quote values with spaces or ';').", valueName: "value"))
    var values: [String]

    @Option(help: "Output format: text (one line per value) or json (an array of {\"input\", \"normalized\"}).")
    var format: TextOrJSON = .text

    func run() throws {
        let report = MediaTypeReport(values: values)
        report.write(format, to: OutputWriter())
        if !report.allValid { throw ExitCode.rejected }
    }
}
