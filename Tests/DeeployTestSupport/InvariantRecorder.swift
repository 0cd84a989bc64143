/// Where the shared invariant checks report a broken promise: a test records an issue (and
/// keeps going), a libFuzzer target traps so that libFuzzer saves the input as a crash.
///
/// The checks in this module (``JSONInvariants``, ``HeaderInvariants``, ``PayloadInvariants``)
/// are the one copy both sides call.
public protocol InvariantRecorder {
    /// Records that the invariant described by `message` does not hold, at the given place.
    mutating func record(_ message: String, fileID: String, filePath: String, line: Int, column: Int)
}

extension InvariantRecorder {
    /// Records `message` unless `condition` holds; the message is built only on failure.
    @inlinable
    public mutating func check(
        _ condition: Bool, _ message: @autoclosure () -> String,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        if !condition { record(message(), fileID: fileID, filePath: filePath, line: line, column: column) }
    }
}
