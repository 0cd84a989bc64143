import DeeployCLISupport
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
    private var typeWidth = 24
    private var contentTypeWidth = 30
    /// The rows of the first screen, held until the TYPE and CONTENT-TYPE columns are sized to
    /// them; nil once the header is printed.
    private var firstScreen: [InspectionOutcome]? = []
    private var targetCount = 0

    private static let verdictWidth = 8
    /// How many rows size the columns: a screen. A later row with a longer type shifts the rest
    /// of its own row only.
    static let sizingRows = 50

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
        targetCount = targets.count
        if targets.isEmpty { printHeader() }
    }

    /// Sizes TYPE and CONTENT-TYPE to the held rows (at least their usual widths), prints the
    /// header and the held rows.
    private mutating func printHeader() {
        let held = firstScreen ?? []
        firstScreen = nil
        for case .verdict(let path, let verdict, _) in held {
            let report = VerdictReport(path: path, verdict: verdict)
            typeWidth = max(typeWidth, report.sniffed.escapingControlCharacters.count)
            contentTypeWidth = max(contentTypeWidth, (report.effective ?? "-").escapingControlCharacters.count)
        }
        let header = [
            Self.pad("PATH", pathWidth), Self.pad("TYPE", typeWidth), Self.pad("VERDICT", Self.verdictWidth),
            Self.pad("CONTENT-TYPE", contentTypeWidth), "REASONS",
        ].joined(separator: "  ")
        output.writeStyledLine(style.bold(header))
        for outcome in held { write(outcome) }
    }

    mutating func report(_ outcome: InspectionOutcome) {
        summary.add(outcome)
        if firstScreen != nil {
            firstScreen?.append(outcome)
            if let held = firstScreen?.count, held >= min(Self.sizingRows, targetCount) { printHeader() }
        } else {
            write(outcome)
        }
        output.flush()
    }

    private func write(_ outcome: InspectionOutcome) {
        switch outcome {
        case .failure(let path, let message, _):
            let columns = [
                Self.pad(path.escapingControlCharacters, pathWidth), Self.pad("-", typeWidth),
                style.red(Self.pad("error", Self.verdictWidth)), Self.pad("-", contentTypeWidth),
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
                Self.pad(report.sniffed.escapingControlCharacters, typeWidth), verdictText,
                Self.pad((report.effective ?? "-").escapingControlCharacters, contentTypeWidth),
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
    }

    mutating func finish() {
        if firstScreen != nil { printHeader() }
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
