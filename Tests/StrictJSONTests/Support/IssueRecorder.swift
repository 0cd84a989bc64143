import DeeployTestSupport
import Testing

/// Records each broken invariant of a shared check (`JSONInvariants`) as a test issue at
/// the check that failed, prefixed with what was being checked.
struct IssueRecorder: InvariantRecorder {
    /// What the checks are about, e.g. the document's text.
    var context: String

    mutating func record(_ message: String, fileID: String, filePath: String, line: Int, column: Int) {
        Issue.record(
            "\(context): \(message)",
            sourceLocation: SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column))
    }
}
