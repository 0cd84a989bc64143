// Payloads built in code and shared by the benchmark suites, so they need no files.

/// A valid 1x1 grey PNG.
public let smallPNG: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
    0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
]

/// A minimal one-page PDF.
public let smallPDF: [UInt8] = Array("""
    %PDF-1.4
    1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
    2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
    3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >> endobj
    trailer << /Root 1 0 R >>
    %%EOF

    """.utf8)

/// A small baseline JPEG: SOI, APP0, DQT, SOF0, SOS with a few entropy bytes, EOI.
public let smallJPEG: [UInt8] = {
    var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
    bytes += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
    bytes += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]
    bytes += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0x56, 0xFF, 0xD9]
    return bytes
}()

/// About 1 KiB of V1 inference request.
public let oneKiBJSON: [UInt8] = {
    var rows: [String] = []
    var index = 0
    while rows.joined(separator: ", ").utf8.count < 980 {
        rows.append("[\(index).25, \(index * 3).5, -\(index).125]")
        index += 1
    }
    return Array("{\"instances\": [\(rows.joined(separator: ", "))]}".utf8)
}()

/// About 1 KiB of V1 inference request whose instances are objects of four named features
/// (11 objects, 45 keys): the shape a duplicate-key check pays for, unlike ``oneKiBJSON``'s one key.
public let oneKiBObjectsJSON: [UInt8] = {
    var rows: [String] = []
    while rows.joined(separator: ", ").utf8.count < 900 {
        rows.append(#"{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}"#)
    }
    return Array("{\"instances\": [\(rows.joined(separator: ", "))]}".utf8)
}()

/// A small V1 inference request.
public let smallJSON: [UInt8] = Array(#"{"instances": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "parameters": {"threshold": 0.5}}"#.utf8)

/// 1 MiB of UTF-8 prose with some non-ASCII letters.
public let oneMiBText: [UInt8] = {
    let line = Array("Deeploy serves models; naïve café prices rise by 5 € per cup. Ünïcode ✓\n".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(1 << 20)
    while text.count + line.count <= 1 << 20 { text.append(contentsOf: line) }
    while text.count < 1 << 20 { text.append(0x2E) }
    return text
}()
