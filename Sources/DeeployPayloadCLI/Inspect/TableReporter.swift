import DeeployPayload

/// `--format table`: path, sniffed type, verdict, effective Content-Type and reasons, one row
/// per file (with `--describe`, libmagic's description on the line under it; with `--explain`,
/// the messages), followed by a summary on standard error.
struct TableReporter: InspectionReporter {
    let output: OutputWriter
    let style: TextStyle
    /// Print each reason's and warning's message under its row.
    let explains: Bool
    private var summary = InspectionSummary()
    private var pathWidth = 4

    private static let typeWidth = 24
    private static let verdictWidth = 8
    private static let contentTypeWidth = 30

    init(output: OutputWriter, style: TextStyle, explains: Bool) {
        self.output = output
        self.style = style
        self.explains = explains
    }

    mutating func begin(targets: [InspectionTarget]) {
        let widest = targets.map(\.path.escapingControlCharacters.count).max() ?? 0
        // Every path is known before the first row: the column fits the longest, so that the
        // columns after it stay in line (a cap let long paths push their row's columns right).
        pathWidth = max(4, widest)
        let header = [
            Self.pad("PATH", pathWidth), Self.pad("TYPE", Self.typeWidth), Self.pad("VERDICT", Self.verdictWidth),
            Self.pad("CONTENT-TYPE", Self.contentTypeWidth), "REASONS",
        ].joined(separator: "  ")
        output.writeStyledLine(style.bold(header))
    }

    mutating func report(_ outcome: InspectionOutcome) {
        summary.add(outcome)
        switch outcome {
        case .failure(let path, let message, _):
            let columns = [
                Self.pad(path.escapingControlCharacters, pathWidth), Self.pad("-", Self.typeWidth),
                style.red(Self.pad("error", Self.verdictWidth)), Self.pad("-", Self.contentTypeWidth),
                message.escapingControlCharacters,
            ]
            output.writeStyledLine(columns.joined(separator: "  "))
        case .verdict(let path, let verdict, _):
            // The same values as the JSON formats print.
            let report = VerdictReport(path: path, verdict: verdict)
            let verdictText = report.accepted
                ? style.green(Self.pad("accepted", Self.verdictWidth))
                : style.red(Self.pad("rejected", Self.verdictWidth))
            let findings = report.reasons + report.warnings.map { style.yellow("warn:" + $0) }
            // What the payload would be accepted as, after its findings: "invalid-json; accepted
            // as image/png with --declared image/png".
            let hint = report.suggestion.map { "; " + $0.escapingControlCharacters } ?? ""
            let columns = [
                Self.pad(report.path.escapingControlCharacters, pathWidth),
                Self.pad(report.sniffed.escapingControlCharacters, Self.typeWidth), verdictText,
                Self.pad((report.effective ?? "-").escapingControlCharacters, Self.contentTypeWidth),
                (findings.isEmpty ? "-" : findings.joined(separator: ", ")) + hint,
            ]
            output.writeStyledLine(columns.joined(separator: "  ").trimmingTrailingSpaces())
            // libmagic's description (--describe), on a line of its own: it is often long.
            if let description = report.description { output.writeStyledLine("    " + style.dim("libmagic: " + description.escapingControlCharacters)) }
            if explains {
                for finding in verdict.reasons {
                    output.writeStyledLine("    " + style.red(finding.code.rawValue) + ": " + CLIWording.finding(finding).escapingControlCharacters)
                }
                for finding in verdict.warnings {
                    output.writeStyledLine("    " + style.yellow(finding.code.rawValue) + ": " + CLIWording.finding(finding).escapingControlCharacters)
                }
            }
        }
        output.flush()
    }

    mutating func finish() {
        output.flush()
        for line in summary.lines { StandardError.writeLine(line) }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
