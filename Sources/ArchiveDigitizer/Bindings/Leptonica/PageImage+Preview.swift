import CLeptonica
import Foundation

extension PageImage {
    /// A PNG of the page for the reading room: turned upright (`rotation` degrees clockwise, a multiple
    /// of 90, as the catalogue records it) and scaled to `width` pixels wide, grey or colour as scanned.
    /// Bilevel scans are turned to grey first, so the smaller picture stays readable.
    public func previewPNG(rotation: Int, width: Int) throws -> Data {
        var owned: [UnsafeMutablePointer<Pix>?] = []
        defer { for index in owned.indices { pixDestroy(&owned[index]) } }
        var current = pix
        if depth < 8 || hasPalette, let grey = pixConvertTo8(current, 0) {
            owned.append(grey)
            current = grey
        }
        let quarters = (((rotation % 360) + 360) % 360) / 90
        if quarters != 0, let turned = pixRotateOrth(current, Int32(quarters)) {
            owned.append(turned)
            current = turned
        }
        if Int(pixGetWidth(current)) > width, let scaled = pixScaleToSize(current, Int32(width), 0) {
            owned.append(scaled)
            current = scaled
        }
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemPng(&bytes, &size, current, 0) == 0, let bytes else {
            throw IngestError.truncatedOrDamaged(path: "page preview", format: "PNG")
        }
        defer { lept_free(bytes) }
        return Data(bytes: bytes, count: size)
    }
}
