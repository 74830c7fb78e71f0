import Foundation

/// File names of digitized documents, as Thông tư 02/2019/TT-BNV prescribes:
/// `<mã hồ sơ>.<ordinal of the document in the file>`, e.g. `HN-TU.01.037.0001.002.pdf`.
public enum DocumentNaming {
    /// The document code, ordinal zero-padded to three digits.
    public static func documentCode(fileCode: String, ordinal: Int) -> String {
        "\(fileCode).\(String(format: "%03d", ordinal))"
    }

    /// Where the document's PDF lives, relative to the archive folder.
    public static func relativePath(fileCode: String, ordinal: Int) -> String {
        ArchiveLayout.relativePDFPath(fileCode: fileCode, documentCode: documentCode(fileCode: fileCode, ordinal: ordinal))
    }
}
