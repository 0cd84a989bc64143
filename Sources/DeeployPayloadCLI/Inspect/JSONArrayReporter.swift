/// `--format json`: one JSON array of result objects, one object per line, streamed so that
/// memory does not grow with the number of files.
struct JSONArrayReporter: InspectionReporter {
    let output: OutputWriter
    /// Add each verdict's `messages` (`--explain`).
    let explains: Bool
    private var count = 0

    init(output: OutputWriter, explains: Bool = false) {
        self.output = output
        self.explains = explains
    }

    mutating func begin(targets: [InspectionTarget]) {
        output.write("[")
    }

    mutating func report(_ outcome: InspectionOutcome) {
        output.write(count == 0 ? "\n  " : ",\n  ")
        output.writeJSON(outcome.json(explains: explains))
        count += 1
    }

    mutating func finish() {
        output.writeLine(count == 0 ? "]" : "\n]")
        output.flush()
    }
}
