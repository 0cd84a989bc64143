// The entry points that named a payload by an overload or a label of their own, before
// `Sniffer.Payload`. Each forwards to its replacement; they go in the next release.

extension Sniffer {
    /// Sniffs a payload held in memory.
    @available(*, deprecated, message: "use sniff(.bytes(_:))")
    public func sniff(_ bytes: UnsafeRawBufferPointer) throws(SniffError) -> Sniff {
        try sniff(.bytes(bytes))
    }

    /// Sniffs a payload held in memory.
    @available(*, deprecated, message: "use sniff(.bytes(_:))")
    public func sniff(_ bytes: [UInt8]) throws(SniffError) -> Sniff {
        try sniff(.bytes(bytes))
    }

    /// Sniffs a payload held in memory (`Data`, a slice, ...).
    @available(*, deprecated, message: "use sniff(.bytes(_:))")
    public func sniff(_ bytes: some Collection<UInt8>) throws(SniffError) -> Sniff {
        try sniff(.bytes(bytes))
    }

    /// Sniffs the file at `path`.
    @available(*, deprecated, message: "use sniff(.file(path:))")
    public func sniff(path: String) throws(SniffError) -> Sniff {
        try sniff(.file(path: path))
    }

    /// Sniffs an open regular file from its start.
    @available(*, deprecated, message: "use sniff(.fileDescriptor(_:))")
    public func sniff(fileDescriptor: Int32) throws(SniffError) -> Sniff {
        try sniff(.fileDescriptor(fileDescriptor))
    }

    /// Sniffs `bytes` and judges them by ``AcceptancePolicy/deeploy``.
    @available(*, deprecated, message: "use verdict(_:declared:)")
    public func verdict(for bytes: [UInt8], declared: String?) throws(SniffError) -> Verdict {
        try verdict(bytes, declared: declared)
    }

    /// Sniffs `bytes` and judges them by ``AcceptancePolicy/deeploy``.
    @available(*, deprecated, message: "use verdict(.bytes(_:), declared:)")
    public func verdict(for bytes: some Collection<UInt8>, declared: String?) throws(SniffError) -> Verdict {
        try verdict(.bytes(bytes), declared: declared)
    }

    /// Sniffs `bytes` and judges them by `policy`.
    @available(*, deprecated, message: "use verdict(_:declared:policy:)")
    public func verdict(for bytes: [UInt8], declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        try verdict(bytes, declared: declared, policy: policy)
    }

    /// Sniffs `bytes` and judges them by `policy`.
    @available(*, deprecated, message: "use verdict(.bytes(_:), declared:policy:)")
    public func verdict(for bytes: some Collection<UInt8>, declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        try verdict(.bytes(bytes), declared: declared, policy: policy)
    }

    /// Sniffs the file at `path` and judges it by `policy`.
    @available(*, deprecated, message: "use verdict(.file(path:), declared:policy:)")
    public func verdict(forFileAt path: String, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        try verdict(.file(path: path), declared: declared, policy: policy)
    }

    /// Sniffs an open regular file from its start and judges it by `policy`.
    @available(*, deprecated, message: "use verdict(.fileDescriptor(_:), declared:policy:)")
    public func verdict(forFileDescriptor fileDescriptor: Int32, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        try verdict(.fileDescriptor(fileDescriptor), declared: declared, policy: policy)
    }

    /// The Content-Type a client should declare for `bytes`, when it has no idea.
    @available(*, deprecated, message: "use recommendedContentType(for: .bytes(_:), policy:)")
    public func recommendedContentType(for bytes: some Collection<UInt8>, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> MediaType {
        try recommendedContentType(for: .bytes(bytes), policy: policy)
    }

    /// The Content-Type a client should declare for the file at `path`, when it has no idea.
    @available(*, deprecated, message: "use recommendedContentType(for: .file(path:), policy:)")
    public func recommendedContentType(forFileAt path: String, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> MediaType {
        try recommendedContentType(for: .file(path: path), policy: policy)
    }

    /// The verdict for sending the file at `path`.
    @available(*, deprecated, message: "use sendingVerdict(.file(path:), declared:policy:)")
    public func sendingVerdict(forFileAt path: String, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        try sendingVerdict(.file(path: path), declared: declared, policy: policy)
    }
}
