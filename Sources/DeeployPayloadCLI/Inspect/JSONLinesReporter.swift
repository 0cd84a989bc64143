/// `--format jsonl`: one compact result object per line, written out as soon as it is known.
struct JSONLinesReporter: InspectionReporter {
    let output: OutputWriter
    /// Add each verdict's `messages` (`--explain`).
    var explains = false

    mutating func begin(targets: [InspectionTarget]) {}

    mutating func report(_ outcome: InspectionOutcome) {
        output.writeJSONLine(outcome.json(explains: explains))
        output.flush()
    }

    mutating func finish() {
        output.flush()
    }
}
