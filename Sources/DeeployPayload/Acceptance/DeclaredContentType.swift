/// A declared Content-Type value and what it parses to, parsed once per verdict: the
/// sniffer looks at it before sniffing, the policy while judging.
struct DeclaredContentType {
    /// The header's value as sent; nil when there was no header.
    var raw: String?
    /// The parsed type, or why the value is not one; nil when there was no header.
    var parsed: Result<MediaType, MediaTypeError>?

    init(_ raw: String?) {
        self.raw = raw
        guard let raw else {
            parsed = nil
            return
        }
        if let common = AcceptancePolicy.commonDeclaredType(raw) {
            parsed = .success(common)
            return
        }
        do {
            parsed = .success(try MediaType.parse(raw))
        } catch {
            parsed = .failure(error)
        }
    }
}
