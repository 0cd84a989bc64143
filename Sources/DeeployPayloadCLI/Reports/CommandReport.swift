import StrictJSON

/// What a command prints, in both of its formats: `--format text` for people and
/// `--format json` for programs.
///
/// A report holds the values once and renders them twice, so that the two formats cannot
/// disagree about what they show. `inspect`, whose formats stream one row or object per file,
/// has its own per-file report, ``VerdictReport``.
protocol CommandReport {
    /// The JSON form, printed pretty.
    var json: JSONValue { get }
    /// The JSON form with placeholders for the bodies to print as their exact bytes; by default
    /// ``json`` and none.
    var jsonKeepingBodies: (value: JSONValue, bodies: RawJSONBodies) { get }
    /// Writes the text form, one or more lines.
    func writeText(to output: OutputWriter)
}

extension CommandReport {
    /// Writes the report in `format` and flushes the output.
    func write(_ format: TextOrJSON, to output: OutputWriter) {
        switch format {
        case .json:
            let (value, bodies) = jsonKeepingBodies
            if bodies.bodies.isEmpty {
                output.writeJSONLine(value, pretty: true)
            } else {
                output.write(bytes: bodies.splice(into: JSONSerializer(pretty: true).serialize(value)))
                output.write("\n")
            }
        case .text: writeText(to: output)
        }
        output.flush()
    }
}

extension CommandReport {
    var jsonKeepingBodies: (value: JSONValue, bodies: RawJSONBodies) { (json, RawJSONBodies()) }
}
