public import HTTPTypes

extension HTTPFields {
    /// The media type of the body these fields describe, as Deeploy sees it: `application/json`
    /// when there is no `Content-Type`, the normalised value otherwise, or an error for values
    /// that conflict or are not media types (see ``ContentTypeHeader``).
    ///
    /// `HTTPField` replaces CR, LF and NUL with spaces when a field is created, so those can no
    /// longer be detected here; call ``ContentTypeHeader/normalize(_:)`` with the raw strings
    /// where they are still available.
    public func deeployContentType() throws(HeaderError) -> MediaType {
        try ContentTypeHeader.normalize(self[values: .contentType])
    }
}
