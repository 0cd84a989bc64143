/// One-call verdicts: sniff, then judge.
///
/// A payload declared as a text type the policy accepts has its text named by the
/// sniffer's built-in rules rather than libmagic's: no libmagic text subtype can change such
/// a verdict, and the built-in rules find HTML, XML, SVG and PDF wherever libmagic does, so
/// the scriptable warning stands. The `sniff` methods still name text
/// by ``SnifferConfiguration/textDetection``.
extension Sniffer {
    /// Sniffs `bytes` and judges them by Deeploy's rules, ``AcceptancePolicy/deeploy``, against
    /// the declared Content-Type value (nil for no header).
    public func verdict(for bytes: [UInt8], declared: String?) throws(SniffError) -> Verdict {
        // Not a default argument: a caller would copy the shared policy into every call, and
        // copying and destroying it across modules costs a tenth of a small image's verdict.
        try judge(bytes, declared: declared, policy: AcceptancePolicy.deeploy)
    }

    /// Sniffs `bytes` and judges them by Deeploy's rules, ``AcceptancePolicy/deeploy``, against
    /// the declared Content-Type value (nil for no header).
    public func verdict(for bytes: some Collection<UInt8>, declared: String?) throws(SniffError) -> Verdict {
        try judge(bytes, declared: declared, policy: AcceptancePolicy.deeploy)
    }

    /// Sniffs `bytes` and judges them against the declared Content-Type value (nil for no header).
    public func verdict(for bytes: [UInt8], declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        try judge(bytes, declared: declared, policy: policy)
    }

    /// Sniffs `bytes` and judges them against the declared Content-Type value (nil for no header).
    public func verdict(for bytes: some Collection<UInt8>, declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        try judge(bytes, declared: declared, policy: policy)
    }

    @inline(__always)
    private func judge(_ bytes: [UInt8], declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        return policy.verdict(for: try sniff(bytes, textDetection: textDetection(parsed, policy)), declared: declared, parsed: parsed)
    }

    @inline(__always)
    private func judge(_ bytes: some Collection<UInt8>, declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        return policy.verdict(for: try sniff(bytes, textDetection: textDetection(parsed, policy)), declared: declared, parsed: parsed)
    }

    /// Sniffs the file at `path` and judges it against the declared Content-Type value (nil for no header).
    ///
    /// A file larger than the policy's ``AcceptancePolicy/maximumSize`` is rejected as
    /// `too-large`, for that alone, and only its header is read: the verdict's sniff names the
    /// type from the header and gives the file's size.
    public func verdict(forFileAt path: String, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        let file = try FileSource(path: path)
        return try verdict(for: file, declared: declared, policy: policy)
    }

    /// Sniffs the open regular file `fileDescriptor` from its start and judges it against the
    /// declared Content-Type value (nil for no header), as ``verdict(forFileAt:declared:policy:)``
    /// does. The descriptor stays open and its offset is not moved.
    public func verdict(forFileDescriptor fileDescriptor: Int32, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        let file = try FileSource(borrowing: fileDescriptor)
        return try verdict(for: file, declared: declared, policy: policy)
    }

    private func verdict(for file: borrowing FileSource, declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        let read = try sniff(file, textDetection: textDetection(parsed, policy), readingAtMost: policy.maximumSize)
        return policy.verdict(for: read, declared: declared, parsed: parsed)
    }

    /// Sniffs a payload arriving in chunks, such as a request body, and judges it against the
    /// declared Content-Type value (nil for no header).
    ///
    /// Memory stays bounded, as with ``sniff(chunks:)``. With a policy that has a
    /// ``AcceptancePolicy/maximumSize``, reading stops at the first chunk that passes it, and the
    /// payload is rejected as `too-large`, for that alone: a gateway never reads an oversized body
    /// to its end. The verdict's sniff then describes the bytes read, and its size is their count.
    public func verdict<Chunks: AsyncSequence>(
        chunks: Chunks, declared: String?, policy: AcceptancePolicy = .deeploy
    ) async throws -> Verdict where Chunks.Element: Collection<UInt8> {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        let read = try await sniff(chunks: chunks, textDetection: textDetection(parsed, policy), readingAtMost: policy.maximumSize)
        return policy.verdict(for: read, declared: declared, parsed: parsed)
    }

    /// The Content-Type a client should declare for `bytes`, when it has no idea.
    public func recommendedContentType(for bytes: some Collection<UInt8>, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> MediaType {
        policy.recommendedContentType(for: try sniff(bytes))
    }

    /// The Content-Type a client should declare for the file at `path`, when it has no idea.
    public func recommendedContentType(forFileAt path: String, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> MediaType {
        policy.recommendedContentType(for: try sniff(path: path))
    }

    private func textDetection(_ declared: MediaType?, _ policy: AcceptancePolicy) -> TextDetection {
        // Tested before the type is unwrapped, which would copy it: most payloads are not text.
        guard declared?.isText == true, policy.namesTextByBuiltInRules(declared: declared!) else { return configuration.textDetection }
        return .builtIn
    }
}
