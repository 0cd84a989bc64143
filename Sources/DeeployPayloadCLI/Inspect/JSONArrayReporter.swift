/// `--format json`: one JSON array of result objects, one object per line, streamed so that
/// memory does not grow with the number of files.
struct JSONArrayReporter: InspectionReporter {
    let output: OutputWriter
    private var count = 0

    init(output: OutputWriter) {
        self.output = output
    }

    mutating func begin(targets: [InspectionTarget]) {
        output.write("[")
    }

    mutating func report(_ outcome: InspectionOutcome) {
        output.write(count == 0 ? "\n  " : ",\n  ")
        output.writeJSON(outcome.json)
        count += 1
    }

    mutating func finish() {
        output.writeLine(count == 0 ? "]" : "\n]")
        output.flush()
    }
}
