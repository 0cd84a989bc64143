/// Reading credentials back from an `Authorization` header value (RFC 9110 §11.6.2).
extension Credentials {
    /// The credentials in an `Authorization` value: `Basic base64(ACCESS:SECRET)` (RFC 7617) or
    /// `Bearer TOKEN` (RFC 6750). The scheme is matched ignoring case; spaces and tabs around the
    /// value are ignored.
    ///
    /// A Basic value that decodes to text ending in a newline throws
    /// ``CredentialsError/encodedTrailingNewline``: that is what
    /// `echo "access_key:secret_key" | base64` produces.
    public static func parse(authorization value: String) throws(CredentialsError) -> Credentials {
        if let (offset, scalar) = HTTPCodePoint.firstControl(in: value, allowingTab: true) {
            throw .controlCharacter(.authorization, offset: offset, found: scalar)
        }
        let bytes = Array(value.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { throw .missingScheme }

        var schemeEnd = start
        while schemeEnd < end, bytes[schemeEnd] != 0x20 { schemeEnd += 1 }
        let scheme = String(decoding: bytes[start..<schemeEnd], as: UTF8.self)
        var credentialsStart = schemeEnd
        while credentialsStart < end, bytes[credentialsStart] == 0x20 { credentialsStart += 1 }

        let lowered = HTTPCodePoint.lowercased(scheme)
        guard lowered == "basic" || lowered == "bearer" else {
            if schemeEnd == end { throw .missingScheme }
            throw .unknownScheme(isPlainSchemeName(scheme) ? scheme : nil)
        }
        guard credentialsStart < end else { throw .missingCredentials(scheme: lowered == "basic" ? "Basic" : "Bearer") }
        let credentials = bytes[credentialsStart..<end]

        if lowered == "bearer" {
            do {
                return try deploymentToken(String(decoding: credentials, as: UTF8.self))
            } catch .tokenNotToken68(let offset, let found) {
                throw .tokenNotToken68(offset: credentialsStart + offset, found: found)
            }
        }
        return try basic(credentials, at: credentialsStart)
    }

    private static func basic(_ encoded: ArraySlice<UInt8>, at start: Int) throws(CredentialsError) -> Credentials {
        let decoded: [UInt8]
        switch Base64.decode(encoded) {
        case .success(let bytes):
            decoded = bytes
        case .failure(.invalidCharacter(let offset)):
            let byte = encoded[encoded.startIndex + offset]
            throw .invalidBase64(offset: start + offset, found: byte < 0x80 ? Unicode.Scalar(byte) : "\u{FFFD}")
        case .failure(.badLength(let length)):
            throw .base64Length(length)
        }
        // Checked before anything else: the newline from `echo … | base64` is the likeliest mistake.
        if decoded.last == 0x0A { throw .encodedTrailingNewline }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw .basicCredentialsNotUTF8 }
        guard let colon = text.firstIndex(of: ":") else { throw .basicCredentialsMissingColon }
        return try personalKeyPair(accessKey: String(text[..<colon]), secretKey: String(text[text.index(after: colon)...]))
    }

    /// Whether `scheme` can be shown in a message: a short run of letters, digits and `-`, as
    /// registered scheme names are, rather than something that might be a pasted secret.
    private static func isPlainSchemeName(_ scheme: String) -> Bool {
        scheme.utf8.count <= 16
            && scheme.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" }
    }
}
