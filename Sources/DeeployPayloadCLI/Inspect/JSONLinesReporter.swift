/// `--format jsonl`: one compact result object per line, written out as soon as it is known.
struct JSONLinesReporter: InspectionReporter {
    let output: OutputWriter

    mutating func begin(targets: [InspectionTarget]) {}

    mutating func report(_ outcome: InspectionOutcome) {
        output.writeJSONLine(outcome.json)
        output.flush()
    }

    mutating func finish() {
        output.flush()
    }
}
