/// The parameters of a media type, in the order they were given.
///
/// A media type's parameters are an ordered map (WHATWG MIME Sniffing §3.1): names are unique and
/// in ASCII lowercase, and lookups by name ignore ASCII case.
///
/// ```swift
/// let type = MediaType("text/plain; Charset=UTF-8; format=flowed")
/// type?.parameters["CHARSET"]   // "UTF-8"
/// type?.parameters.map(\.name)  // ["charset", "format"]
/// ```
public struct MediaTypeParameters: Sendable, Hashable {
    @usableFromInline
    var storage: [MediaTypeParameter]

    init(unchecked storage: [MediaTypeParameter]) {
        self.storage = storage
    }

    /// No parameters.
    public static var none: MediaTypeParameters { MediaTypeParameters(unchecked: []) }

    /// The value of the parameter called `name` (compared ignoring ASCII case), or `nil`.
    public subscript(name: String) -> String? {
        index(of: name).map { storage[$0].value }
    }

    /// The names, in order.
    public var names: [String] { storage.map(\.name) }

    /// The position of the parameter called `name` (compared ignoring ASCII case).
    func index(of name: String) -> Int? {
        if let exact = storage.firstIndex(where: { $0.name == name }) {
            return exact
        }
        let lowered = HTTPCodePoint.lowercased(name)
        return lowered == name ? nil : storage.firstIndex(where: { $0.name == lowered })
    }
}

extension MediaTypeParameters: RandomAccessCollection {
    /// The position of the first parameter.
    public var startIndex: Int { storage.startIndex }
    /// The position after the last parameter.
    public var endIndex: Int { storage.endIndex }
    /// The parameter at `position`.
    public subscript(position: Int) -> MediaTypeParameter { storage[position] }
}

extension MediaTypeParameters: CustomStringConvertible {
    /// The parameters as serialised after a media type's essence: `;name=value` for each.
    public var description: String {
        var result = ""
        for parameter in storage {
            result += ";" + parameter.description
        }
        return result
    }
}
