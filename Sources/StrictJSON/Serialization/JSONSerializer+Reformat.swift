extension JSONSerializer {
    /// The JSON text `bytes` rewritten in this serializer's layout, without building a tree.
    ///
    /// The output is what ``serialize(_:)`` writes for the parsed document, with one
    /// difference: every object member is kept, in order, even when a name repeats (a
    /// ``JSONValue`` keeps one member per name). So for a document without a repeated name the
    /// two are equal byte for byte. Numbers keep their source text; strings are written with
    /// the serializer's minimal escapes (a string without a backslash is copied as it is).
    /// ``JSONOptions/duplicateKeys`` is not consulted; the other options apply as in
    /// ``JSONValidator``, and invalid JSON throws the same ``JSONError``.
    ///
    /// - Parameters:
    ///   - bytes: One JSON text.
    ///   - indent: In the pretty form, the level the value sits at: its later lines are
    ///     indented as if it were nested `indent` levels deep. Ignored in the compact form.
    ///   - options: Limits and leniencies for reading `bytes`.
    ///
    /// ```swift
    /// let text = try JSONSerializer().reformat(Array(#"{"a": 1, "a": [2]}"#.utf8))
    /// String(decoding: text, as: UTF8.self)  // {"a":1,"a":[2]}
    /// ```
    public func reformat(_ bytes: some Collection<UInt8>, indent: Int = 0, options: JSONOptions = .init()) throws(JSONError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        try reformat(bytes, indent: indent, options: options, chunkSize: 1 << 16) { output.append(contentsOf: $0) }
        return output
    }

    /// Writes the JSON text `bytes` in this serializer's layout, without building a tree, in
    /// chunks of at most `chunkSize` bytes (a single token longer than that is passed on by
    /// itself), so memory stays bounded whatever the size of the output.
    ///
    /// The output is that of ``reformat(_:indent:options:)``. Invalid JSON throws once the
    /// scan reaches the error, so the chunks written before it stay written; a caller that
    /// must not print half a document validates first, or passes bytes it has validated.
    ///
    /// - Parameters:
    ///   - bytes: One JSON text.
    ///   - indent: In the pretty form, the level the value sits at: its later lines are
    ///     indented as if it were nested `indent` levels deep. Ignored in the compact form.
    ///   - options: Limits and leniencies for reading `bytes`.
    ///   - chunkSize: The most bytes to gather before calling `write`; at least 64 are.
    ///   - write: Takes each chunk; the buffer is valid only during the call.
    public func reformat(
        _ bytes: some Collection<UInt8>, indent: Int = 0, options: JSONOptions = .init(), chunkSize: Int,
        to write: (UnsafeRawBufferPointer) -> Void
    ) throws(JSONError) {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in
            guard let base = buffer.baseAddress else {
                // No bytes: the validator throws the error an empty document gets.
                try JSONValidator.validate(buffer, options: options)
                return
            }
            // Room for a chunk, but no more than a small document needs (the pretty form of a
            // short array of numbers can take six times its bytes): many small documents in a
            // row then each take a small allocation.
            let room = min(max(chunkSize, 64), 1 << 20, max(4096, 8 * buffer.count))
            try ChunkOutput.with(capacity: room, to: write) { (output) throws(JSONError) in
                var writer = ReformattingVisitor(
                    document: UnsafeRawBufferPointer(start: base, count: buffer.count), pretty: pretty, indent: max(indent, 0),
                    output: output)
                // What was written before an error is passed on too.
                defer { output = writer.output }
                try JSONScanner.scanDocument(buffer, options: options, visitor: &writer)
            }
        }
    }
}

/// The scanner visitor behind ``JSONSerializer/reformat(_:indent:options:)``: writes each token
/// as it is checked, with the serializer's punctuation and line breaks between them.
///
/// The layout needs two bits of state besides the depth the scanner gives: whether the
/// innermost open container has had a child (for the comma, and for `[]` and `{}`), and
/// whether a key was just written (its value follows `": "` on the same line).
///
/// Output goes to a raw buffer, a ``ChunkOutput``, rather than an array (the measured saving is
/// there). Tokens and line breaks of up to 16 bytes (most numbers, keys and line breaks up to
/// depth 7) are copied as two 8-byte words rather than by `memmove` (`putShort`).
private struct ReformattingVisitor: JSONScanVisitor {
    let document: UnsafeRawPointer
    /// Where the document ends: a 16-byte read from a token must stay before it.
    let documentEnd: Int
    let pretty: Bool
    let indent: Int
    /// Where the output is gathered; it does not outlive the scan.
    var output: ChunkOutput
    /// Whether the innermost open container has a child already.
    private var hasSibling = false
    /// Whether the last thing written is a key, so the value follows on its line.
    private var afterKey = false
    private var strings = StringDecoder()
    /// A line feed and 128 spaces: a line break at any depth up to 64 is one copy of a prefix.
    private static let lineBreak: StaticString = "\n                                                                                                                                "

    init(
        document: UnsafeRawBufferPointer, pretty: Bool, indent: Int, output: ChunkOutput
    ) {
        self.document = document.baseAddress!
        self.documentEnd = document.count
        self.pretty = pretty
        self.indent = indent
        self.output = output
    }

    /// The comma and line break before a value or a key at `depth`, unless it follows its key.
    @inline(__always)
    private mutating func open(depth: Int) {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if hasSibling { output.put(0x2C) }
        newline(depth: depth)
    }

    @inline(__always)
    private mutating func newline(depth: Int) {
        guard pretty else { return }
        let lineBreak = Self.lineBreak.utf8Start
        var spaces = 2 * (indent + depth)
        if spaces < 16 {
            output.putShort(lineBreak, count: 1 + spaces)
            return
        }
        let first = min(spaces, Self.lineBreak.utf8CodeUnitCount - 1)
        output.put(lineBreak, count: 1 + first)
        spaces -= first
        while spaces > 0 {
            let more = min(spaces, Self.lineBreak.utf8CodeUnitCount - 1)
            output.put(lineBreak + 1, count: more)
            spaces -= more
        }
    }

    @inline(__always)
    private mutating func put(_ range: Range<Int>) {
        if range.count <= 16 && range.lowerBound + 16 <= documentEnd {
            output.putShort(document + range.lowerBound, count: range.count)
        } else {
            output.put(document + range.lowerBound, count: range.count)
        }
    }

    @inline(__always) mutating func beginContainer(isObject: Bool, at offset: Int, depth: Int) {
        open(depth: depth)
        output.put(isObject ? 0x7B : 0x5B)
        hasSibling = false
    }

    @inline(__always) mutating func endContainer(isObject: Bool, at offset: Int, depth: Int) {
        if hasSibling { newline(depth: depth) }
        output.put(isObject ? 0x7D : 0x5D)
        hasSibling = true
    }

    @inline(__always) mutating func string(_ range: Range<Int>, isKey: Bool, hasEscapes: Bool, depth: Int) {
        open(depth: depth)
        if hasEscapes {
            // Escapes are written as the serializer writes them: `\u00e9` becomes `é`, `\/` `/`.
            var escaped: [UInt8] = []
            JSONSerializer.writeString(strings.decode(document, range, hasEscapes: true), into: &escaped)
            escaped.withUnsafeBytes { output.put($0.baseAddress!, count: $0.count) }
        } else {
            // A valid string without a backslash has no control character, quote or invalid
            // UTF-8 inside, so its bytes are already what the serializer writes.
            put(range)
        }
        if isKey {
            output.put(0x3A)
            if pretty { output.put(0x20) }
            afterKey = true
        } else {
            hasSibling = true
        }
    }

    @inline(__always) mutating func number(_ range: Range<Int>, depth: Int) {
        open(depth: depth)
        put(range)
        hasSibling = true
    }

    @inline(__always) mutating func literal(_ literal: JSONLiteral, at offset: Int, depth: Int) {
        open(depth: depth)
        put(offset..<(offset + literal.length))
        hasSibling = true
    }
}
