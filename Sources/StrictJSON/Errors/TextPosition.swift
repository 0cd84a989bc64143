/// The 1-based line and byte column of an offset, found by counting line feeds.
///
/// Only errors need this, so readers never track lines while scanning.
struct TextPosition: Sendable, Hashable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of `offset` in `document` (an offset past the end counts to the end).
    init(of offset: Int, in document: UnsafeRawBufferPointer) {
        let end = min(max(offset, 0), document.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where document[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        self.init(line: line, column: offset - lineStart + 1)
    }
}
