/// One-call verdicts: sniff, then judge.
extension Sniffer {
    /// Sniffs `bytes` and judges them against the declared Content-Type value (nil for no header).
    public func verdict(for bytes: [UInt8], declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        policy.verdict(for: try sniff(bytes), declared: declared)
    }

    /// Sniffs `bytes` and judges them against the declared Content-Type value (nil for no header).
    public func verdict(for bytes: some Collection<UInt8>, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        policy.verdict(for: try sniff(bytes), declared: declared)
    }

    /// Sniffs the file at `path` and judges it against the declared Content-Type value (nil for no header).
    public func verdict(forFileAt path: String, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        policy.verdict(for: try sniff(path: path), declared: declared)
    }

    /// The Content-Type a client should declare for `bytes`, when it has no idea.
    public func recommendedContentType(for bytes: some Collection<UInt8>, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> MediaType {
        policy.recommendedContentType(for: try sniff(bytes))
    }

    /// The Content-Type a client should declare for the file at `path`, when it has no idea.
    public func recommendedContentType(forFileAt path: String, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> MediaType {
        policy.recommendedContentType(for: try sniff(path: path))
    }
}
