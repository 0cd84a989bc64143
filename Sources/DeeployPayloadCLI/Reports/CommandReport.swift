import DeeployCLISupport
import StrictJSON

/// What a command prints, in both of its formats: `--format text` for people and
/// `--format json` for programs.
///
/// A report holds the values once and renders them twice, so that the two formats cannot
/// disagree about what they show. `inspect`, whose formats stream one row or object per file,
/// has its own per-file report, ``VerdictReport``; `decode` and `split`, which write bodies
/// from their bytes rather than as trees, have their own `write` (``DecodeReport``,
/// ``SplitReport``).
protocol CommandReport {
    /// The JSON form, printed pretty.
    var json: JSONValue { get }
    /// Writes the text form, one or more lines.
    func writeText(to output: OutputWriter)
}

extension CommandReport {
    /// Writes the report in `format` and flushes the output.
    func write(_ format: TextOrJSON, to output: OutputWriter) {
        switch format {
        case .json: output.writeJSONLine(json, pretty: true)
        case .text: writeText(to: output)
        }
        output.flush()
    }
}
