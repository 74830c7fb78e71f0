/// How the ledger names a page in its page events: `<FileCode>/<scan name>`, plus ` page N` for
/// multi-page scans (TIFF, PDF) — e.g. `HN-TU.01.037.0001/3.tif page 2`.
///
/// This must stay the same rule as `Catalogue.pendingPages()` uses for `PageJob.label`, because
/// `verify` finds a page's last `page-done` event by this label (a test checks that every
/// `page-done` event of a real run names a page by it). It is SQL so the join with the ledger
/// runs inside SQLite, however many pages there are.
enum PageLabel {
    /// The label as an SQL expression over aliases of `files`, `sources` and `pages`.
    static func sql(file: String = "f", source: String = "s", page: String = "p") -> String {
        "(\(file).code || '/' || \(source).name || CASE WHEN \(page).frame > 0 OR \(source).format IN ('pdf', 'tiff') "
            + "THEN ' page ' || (\(page).frame + 1) ELSE '' END)"
    }
}
