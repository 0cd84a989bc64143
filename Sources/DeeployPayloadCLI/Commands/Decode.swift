import ArgumentParser
import DeeployCLISupport
import DeeployPayload
import HTTPTypes

/// `deeploy-payload decode [FILE]`: what the response decoder makes of a response body.
struct Decode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what Deeploy's response rules make of a response body.\nExample: deeploy-payload decode response.json",
        discussion: """
            A body whose Content-Type is JSON is parsed strictly and printed pretty; any other \
            body is binary, summarised by media type, size and SHA-256. Without --content-type \
            the body is sniffed. A 4xx or 5xx --status prints the server's message as an error. \
            A body declared with a non-JSON --content-type is hashed as it is read, in bounded \
            memory at any size; a file over --max-size is refused before it is read.

            JSON output: {"kind": "json", "mediaType", "size", "value"} or \
            {"kind": "binary", "mediaType", "size", "sha256"}.

            Exit status: 0 when the body decodes, 1 when it does not (invalid JSON, an error \
            status, an unreadable or too large file, or an invalid Content-Type), 2 for usage errors.

            Examples:
              curl -s … | deeploy-payload decode --content-type application/json
              deeploy-payload decode --content-type image/png --format json heatmap.png
              deeploy-payload decode --status 401 --content-type application/json error.json
            """
    )

    @Argument(help: ArgumentHelp("The response body; '-' or none reads standard input.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("The response's Content-Type; without it the body is sniffed.", valueName: "type"))
    var contentType: String?

    @Option(help: ArgumentHelp("The response's HTTP status (100-599).", valueName: "code"))
    var status = 200

    @Option(help: "Output format: text (pretty JSON, or a binary summary) or json (an object describing the body).")
    var format: TextOrJSON = .text

    @Option(help: ArgumentHelp("Refuse a body larger than this: bytes, or with a K, M or G suffix (1024-based).", valueName: "size"))
    var maxSize = FileContents.defaultLimit

    /// The declared type when the body is binary whatever its bytes: a valid, non-JSON
    /// --content-type on a response that is not an error. Such a body is streamed and hashed on
    /// the way, never held whole; nil when the body must be read (JSON, sniffed, or an error
    /// message to extract).
    private var streamedBinaryType: MediaType? {
        guard let contentType, !(400...599).contains(status) else { return nil }
        var fields = HTTPFields()
        fields[.contentType] = contentType
        guard let mediaType = try? fields.deeployContentType(), !mediaType.isJSON else { return nil }
        return mediaType
    }

    func validate() throws {
        guard (100...599).contains(status) else {
            throw ValidationError("--status must be an HTTP status from 100 to 599, not \(status).")
        }
    }

    func run() async throws {
        let body: [UInt8]
        if file == nil || file == "-" { Terminal.hintIfReadingTerminal("decode") }
        if let mediaType = streamedBinaryType {
            let digest: (size: Int, sha256: String)
            do {
                digest = try await FileContents.digest(file ?? "-", limit: maxSize)
            } catch {
                StandardError.writeLine("deeploy-payload decode: \(error)")
                throw ExitCode.rejected
            }
            // A binary report holds no JSON body, so writing it cannot throw.
            try? DecodeReport(streamedBinary: mediaType, size: digest.size, sha256: digest.sha256).write(format, to: OutputWriter())
            return
        }
        do {
            body = try await FileContents.read(file ?? "-", limit: maxSize)
        } catch {
            StandardError.writeLine("deeploy-payload decode: \(error)")
            throw ExitCode.rejected
        }
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        let decoder = ResponseDecoder(sniffer: contentType == nil ? Self.sniffer() : nil)
        do {
            try DecodeReport(decoding: body, status: status, fields: fields, with: decoder).write(format, to: OutputWriter())
        } catch {
            StandardError.writeLine("deeploy-payload decode: \(CLIWording.response(error, contentTypeGiven: contentType != nil))")
            throw ExitCode.rejected
        }
    }

    /// The sniffer that names a body sent without a Content-Type, with libmagic's database
    /// loaded: nil when it cannot be loaded, and such a body is then application/octet-stream.
    /// A body with a Content-Type is never sniffed, and needs no database.
    private static func sniffer() -> Sniffer? {
        guard let sniffer = try? Sniffer(configuration: SnifferConfiguration(poolSize: 1)) else { return nil }
        do {
            try sniffer.loadLibmagic()
        } catch {
            return nil
        }
        return sniffer
    }
}
