import ArgumentParser

/// How `inspect` prints its results.
enum InspectFormat: String, CaseIterable, ExpressibleByArgument {
    /// A readable table, coloured on a terminal.
    case table
    /// One JSON array of result objects.
    case json
    /// One result object per line, streamed as files are inspected.
    case jsonl
}
