/// Collects reasons, warnings and a suggestion while a policy judges a payload.
struct VerdictBuilder {
    /// Whether warnings about content are rejections (the strict policy).
    let isStrict: Bool
    let sniff: Sniff
    let declaredRaw: String?
    let declared: MediaType?
    private var reasons: [VerdictFinding] = []
    private var warnings: [VerdictFinding] = []
    private var suggestion: MediaType?

    init(isStrict: Bool, sniff: Sniff, declaredRaw: String?, declared: MediaType?) {
        self.isStrict = isStrict
        self.sniff = sniff
        self.declaredRaw = declaredRaw
        self.declared = declared
    }

    mutating func reject(_ code: VerdictCode, _ message: String) {
        guard !reasons.contains(where: { $0.code == code }) else { return }
        reasons.append(VerdictFinding(code, message))
    }

    mutating func warn(_ code: VerdictCode, _ message: String) {
        guard !warnings.contains(where: { $0.code == code }) else { return }
        warnings.append(VerdictFinding(code, message))
    }

    mutating func suggest(_ type: MediaType) {
        if suggestion == nil { suggestion = type }
    }

    /// Warnings (rejections, under a strict policy) about the content itself:
    /// scriptable types and polyglots, whatever was declared.
    mutating func addContentWarnings() {
        let scriptable: MediaType? = if let declared, declared.isScriptable {
            declared
        } else if sniff.size > 0, sniff.mediaType.isScriptable {
            sniff.mediaType
        } else {
            nil
        }
        if let scriptable {
            let message = "\(scriptable.essence) is a type a browser runs script from; never serve these bytes back to a browser as is."
            if isStrict { reject(.scriptable, message) } else { warn(.scriptable, message) }
        }
        if sniff.isPolyglot {
            let details = sniff.polyglotFindings.map(\.description).joined(separator: "; ")
            let message = "the \(sniff.mediaType.essence) also carries another format: \(details)."
            if isStrict { reject(.polyglot, message) } else { warn(.polyglot, message) }
        }
    }

    consuming func build(effective: MediaType?) -> Verdict {
        let accepted = reasons.isEmpty
        return Verdict(
            isAccepted: accepted,
            effectiveContentType: accepted ? effective : nil,
            declaredRaw: declaredRaw,
            declared: declared,
            sniff: sniff,
            reasons: reasons,
            warnings: warnings,
            suggestedContentType: suggestion
        )
    }
}
