/// Prints inspection results in one output format, as they arrive.
protocol InspectionReporter {
    /// Called once with every target before the first result.
    mutating func begin(targets: [InspectionTarget])
    /// Called once per target, in order.
    mutating func report(_ outcome: InspectionOutcome)
    /// Called once after the last result.
    mutating func finish()
}
