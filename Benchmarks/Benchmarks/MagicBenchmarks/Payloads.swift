// Small payloads built in code, so the benchmark needs no files.

/// A valid 1x1 grey PNG.
let smallPNG: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
    0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
]

/// A minimal one-page PDF.
let smallPDF: [UInt8] = Array("""
    %PDF-1.4
    1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
    2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
    3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >> endobj
    trailer << /Root 1 0 R >>
    %%EOF

    """.utf8)

/// A small V1 inference request.
let smallJSON: [UInt8] = Array(#"{"instances": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "parameters": {"threshold": 0.5}}"#.utf8)

/// 1 MiB of UTF-8 prose with some non-ASCII letters.
let oneMiBText: [UInt8] = {
    let line = Array("Deeploy serves models; naïve café prices rise by 5 € per cup. Ünïcode ✓\n".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(1 << 20)
    while text.count + line.count <= 1 << 20 { text.append(contentsOf: line) }
    while text.count < 1 << 20 { text.append(0x2E) }
    return text
}()
