/// The verdict a client acts on when it is about to send a file.
extension Sniffer {
    /// The verdict for sending the file at `path` with the Content-Type value `declared`, or,
    /// when `declared` is nil, with the Content-Type the policy recommends for its bytes.
    ///
    /// Unlike ``verdict(forFileAt:declared:policy:)``, nil does not mean "no header" (which
    /// Deeploy takes as JSON, so a PNG would be rejected): it means "pick the right header".
    /// The verdict's ``Verdict/effectiveContentType`` is the value to send.
    ///
    /// ```swift
    /// let verdict = try sniffer.sendingVerdict(forFileAt: "cat.png", declared: nil)
    /// verdict.effectiveContentType  // image/png
    /// ```
    public func sendingVerdict(forFileAt path: String, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        let sniff = try sniff(path: path)
        if let declared { return policy.verdict(for: sniff, declared: declared) }
        return policy.verdict(for: sniff, declared: policy.recommendedContentType(for: sniff))
    }
}
