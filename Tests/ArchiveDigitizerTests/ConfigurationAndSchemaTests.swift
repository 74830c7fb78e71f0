import XCTest
@testable import ArchiveDigitizer

/// An archive made by an earlier version must open with this one and keep its rows; a shared
/// configuration file gives each verb its own section.
final class CatalogueUpgradeTests: XCTestCase {
    func testAVersionOneCatalogueGainsTheNewPageColumnsAndKeepsItsRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalogue.sqlite").path
        do {
            // The pages table as version 1 created it, with one page already read.
            let old = try SQLiteConnection(path: path)
            try old.execute("""
                CREATE TABLE files(id INTEGER PRIMARY KEY, code TEXT UNIQUE NOT NULL, folder TEXT NOT NULL);
                CREATE TABLE pages(
                    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, source_id INTEGER NOT NULL, frame INTEGER NOT NULL,
                    page_number INTEGER, state TEXT NOT NULL DEFAULT 'pending', error_kind TEXT, error TEXT,
                    width INTEGER, height INTEGER, dpi INTEGER, dpi_recorded INTEGER, colour TEXT, compression TEXT,
                    skew REAL, ink REAL, is_blank INTEGER, had_text_layer INTEGER, mean_confidence REAL,
                    text TEXT, words TEXT, ocr_seconds REAL, done_at TEXT, UNIQUE(source_id, frame));
                INSERT INTO files(id, code, folder) VALUES (1, 'HN-TU.01.001.0001', 'x');
                INSERT INTO pages(file_id, source_id, frame, page_number, state, text) VALUES (1, 1, 0, 1, 'done', 'Đảng bộ thành phố');
                """)
        }
        let catalogue = try Catalogue(path: path)
        for column in CatalogueSchema.addedColumns {
            let columns = Set(try catalogue.connection.query("SELECT name FROM pragma_table_info(?)", [.text(column.table)]).compactMap { $0[0].string })
            XCTAssertTrue(columns.contains(column.name), "\(column.table).\(column.name) added")
        }
        let row = try XCTUnwrap(catalogue.connection.query("SELECT text, rotation, state FROM pages").first)
        XCTAssertEqual(row[0].string, "Đảng bộ thành phố")
        XCTAssertEqual(row[1].int, 0, "old pages are recorded as upright")
        XCTAssertEqual(row[2].string, "done", "finished work stays finished")
        XCTAssertEqual(try catalogue.connection.query("SELECT value FROM meta WHERE key='schema_version'").first?[0].string,
                       String(CatalogueSchema.version))
        let found = try catalogue.connection.query("SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'dang'")
        XCTAssertEqual(found.count, 1, "the old page's text is in the new search index")
        // Opening again changes nothing and does not fail on the columns now present.
        XCTAssertNoThrow(try Catalogue(path: path))
    }
}

final class ConfigurationSectionTests: XCTestCase {
    func testEachVerbReadsItsOwnSectionAndDefaultsTheRest() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"backlog": {"total_shelf_metres": 100}, "export": {"source_organization": "Lưu trữ lịch sử"}}"#.utf8).write(to: url)
        XCTAssertEqual(try ProgressConfiguration.load(from: url).totalShelfMetres, 100)
        XCTAssertEqual(try ProgressConfiguration.load(from: url).pagesPerMetre, ProgressConfiguration().pagesPerMetre)
        XCTAssertEqual(try ExportConfiguration.load(from: url).sourceOrganization, "Lưu trữ lịch sử")
        XCTAssertEqual(try RunConfiguration.load(from: url), RunConfiguration(), "no run section: the defaults")
    }

    func testABadSectionIsRefusedWithTheFileAndTheSectionNamed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"run": {"jobs": "two"}, "backlog": {"total_shelf_metres": -5}}"#.utf8).write(to: url)
        XCTAssertThrowsError(try RunConfiguration.load(from: url)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains(url.path) && message.contains("run section"), message)
        }
        XCTAssertThrowsError(try ProgressConfiguration.load(from: url)) { error in
            XCTAssertTrue(String(describing: error).contains("total_shelf_metres"), String(describing: error))
        }
    }
}
