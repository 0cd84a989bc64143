/// One-call verdicts: sniff, then judge.
///
/// A payload declared as a text type the policy accepts has its text named by the
/// sniffer's built-in rules rather than libmagic's: no libmagic text subtype can change such
/// a verdict, and the built-in rules find HTML, XML, SVG and PDF wherever libmagic does, so
/// the scriptable warning stands. The `sniff` methods still name text
/// by ``SnifferConfiguration/textDetection``.
extension Sniffer {
    /// Sniffs `bytes` and judges them against the declared Content-Type value (nil for no header).
    public func verdict(for bytes: [UInt8], declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        return policy.verdict(for: try sniff(bytes, textDetection: textDetection(parsed, policy)), declared: declared, parsed: parsed)
    }

    /// Sniffs `bytes` and judges them against the declared Content-Type value (nil for no header).
    public func verdict(for bytes: some Collection<UInt8>, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        return policy.verdict(for: try sniff(bytes, textDetection: textDetection(parsed, policy)), declared: declared, parsed: parsed)
    }

    /// Sniffs the file at `path` and judges it against the declared Content-Type value (nil for no header).
    public func verdict(forFileAt path: String, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        return policy.verdict(for: try sniff(path: path, textDetection: textDetection(parsed, policy)), declared: declared, parsed: parsed)
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
        guard let declared, policy.namesTextByBuiltInRules(declared: declared) else { return configuration.textDetection }
        return .builtIn
    }
}
