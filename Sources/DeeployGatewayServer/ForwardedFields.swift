import HTTPTypes

/// The header fields a proxy passes on, in either direction: everything but the hop-by-hop
/// fields, which describe one connection and not the message (RFC 9110 §7.6.1).
enum ForwardedFields {
    /// Fields that are hop-by-hop whether or not `Connection` names them: `Connection` itself,
    /// the fields RFC 9110 §7.6.1 lists (`Proxy-Connection`, `Keep-Alive`, `TE`,
    /// `Transfer-Encoding`, `Upgrade`), `Trailer` (RFC 7230 §6.1 listed it; a proxy that
    /// re-frames the body cannot honour it), and the two fields addressed to a proxy and not to
    /// the origin (`Proxy-Authorization`, `Proxy-Authenticate`).
    ///
    /// `Content-Length` is not hop-by-hop, but the body is re-framed on each side: the request's
    /// is set from the bytes forwarded, the response's is kept only as the upstream sent it.
    static let alwaysHopByHop: Set<String> = [
        "connection", "proxy-connection", "keep-alive", "te", "transfer-encoding", "upgrade", "trailer",
        "proxy-authorization", "proxy-authenticate",
    ]

    /// `fields` without the hop-by-hop fields: those of ``alwaysHopByHop`` and every field a
    /// `Connection` value names.
    static func removingHopByHop(from fields: HTTPFields) -> HTTPFields {
        var dropped = alwaysHopByHop
        for value in fields[values: .connection] {
            for token in value.split(separator: ",") {
                let name = token.trimmingSpaces().lowercased()
                if !name.isEmpty { dropped.insert(name) }
            }
        }
        var kept = HTTPFields()
        kept.reserveCapacity(fields.count)
        for field in fields where !dropped.contains(field.name.canonicalName) {
            kept.append(field)
        }
        return kept
    }

    /// The fields of a request forwarded upstream, from the fields the judge vouches for (the
    /// client's, with the effective Content-Type and without Content-Encoding and
    /// Content-Length):
    /// - without hop-by-hop fields;
    /// - without `Host`, which the HTTP client sets to the upstream's authority, and `Expect`,
    ///   since the gateway has read the body already;
    /// - with `Via: 1.1 deeploy-gateway` appended (RFC 9110 §7.6.3: a gateway sends Via in the
    ///   requests it forwards), and the `X-Forwarded-For`, `X-Forwarded-Host` and
    ///   `X-Forwarded-Proto` fields reverse proxies conventionally add, so the upstream's logs
    ///   can name the client.
    ///
    /// `Authorization` and every end-to-end field pass unchanged, in their order.
    static func request(
        _ fields: HTTPFields, originalHost: String?, clientAddress: String?
    ) -> HTTPFields {
        var forwarded = removingHopByHop(from: fields)
        forwarded[host] = nil
        forwarded[.expect] = nil
        forwarded.append(HTTPField(name: .via, value: "1.1 deeploy-gateway"))
        if let clientAddress {
            let previous = forwarded[values: xForwardedFor]
            forwarded[xForwardedFor] = nil
            forwarded.append(HTTPField(name: xForwardedFor, value: (previous + [clientAddress]).joined(separator: ", ")))
        }
        if let originalHost, forwarded[xForwardedHost] == nil {
            forwarded.append(HTTPField(name: xForwardedHost, value: originalHost))
        }
        if forwarded[xForwardedProto] == nil {
            forwarded.append(HTTPField(name: xForwardedProto, value: "http"))
        }
        return forwarded
    }

    /// The fields of an upstream response passed back to the client: without hop-by-hop
    /// fields. `Content-Length` stays when the upstream sent one, so the client's response is
    /// framed the same way; without it the body is sent chunked.
    static func response(_ fields: HTTPFields) -> HTTPFields {
        removingHopByHop(from: fields)
    }

    /// `Host` (HTTPTypes marks its own name unavailable, preferring the request's authority).
    static let host = HTTPField.Name("Host")!
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let xForwardedHost = HTTPField.Name("X-Forwarded-Host")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (optional whitespace, RFC 9110 §5.6.3).
    func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
