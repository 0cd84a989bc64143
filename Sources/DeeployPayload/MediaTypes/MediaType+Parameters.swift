extension MediaType {
    /// One `name=value` parameter of a media type.
    ///
    /// The name is in ASCII lowercase; the value is exactly as given, after quoted-string escapes
    /// were removed (WHATWG MIME Sniffing, "parse a MIME type").
    public struct Parameter: Sendable, Hashable {
        /// The parameter name, in ASCII lowercase, for example `charset`.
        public let name: String
        /// The parameter value as given (case preserved), without quotes or escapes.
        public let value: String

        init(uncheckedName name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

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
    public struct Parameters: Sendable, Hashable {
        @usableFromInline
        var storage: [Parameter]

        init(unchecked storage: [Parameter]) {
            self.storage = storage
        }

        /// No parameters.
        public static var none: Parameters { Parameters(unchecked: []) }

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
}

extension MediaType.Parameters: RandomAccessCollection {
    /// The position of the first parameter.
    public var startIndex: Int { storage.startIndex }
    /// The position after the last parameter.
    public var endIndex: Int { storage.endIndex }
    /// The parameter at `position`.
    public subscript(position: Int) -> MediaType.Parameter { storage[position] }
}

extension MediaType.Parameters: CustomStringConvertible {
    /// The parameters as serialised after a media type's essence: `;name=value` for each.
    public var description: String {
        var result = ""
        for parameter in storage {
            result += ";" + parameter.description
        }
        return result
    }
}

extension MediaType.Parameter: CustomStringConvertible {
    /// The parameter as it is serialised: `name=value`, quoting the value only when needed.
    public var description: String {
        var result = name + "="
        MediaType.Serializer.appendValue(value, to: &result)
        return result
    }
}

/// The parameters of a media type: renamed ``MediaType/Parameters``.
@available(*, deprecated, renamed: "MediaType.Parameters")
public typealias MediaTypeParameters = MediaType.Parameters

/// One parameter of a media type: renamed ``MediaType/Parameter``.
@available(*, deprecated, renamed: "MediaType.Parameter")
public typealias MediaTypeParameter = MediaType.Parameter
