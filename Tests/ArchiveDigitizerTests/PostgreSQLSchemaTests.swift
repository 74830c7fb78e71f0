import Foundation
import XCTest
@testable import ArchiveDigitizer

/// The catalogue's SQL runs on both stores: PostgreSQL's tables hold every column SQLite's do,
/// SQLite's `?` parameters are numbered for PostgreSQL, and the JSON functions read alike.
final class PostgreSQLSchemaTests: XCTestCase {
    func testSQLiteParametersAreNumberedOutsideQuotesAndComments() {
        XCTAssertEqual(PostgreSQLConnection.numberingPlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
                       "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)")
        XCTAssertEqual(PostgreSQLConnection.numberingPlaceholders("UPDATE t SET x = ?2 WHERE id = ?1 OR parent = ?1"),
                       "UPDATE t SET x = $2 WHERE id = $1 OR parent = $1")
        XCTAssertEqual(PostgreSQLConnection.numberingPlaceholders("SELECT '?', \"q?\", ? -- what?\nFROM t WHERE x = ?"),
                       "SELECT '?', \"q?\", $1 -- what?\nFROM t WHERE x = $2")
        XCTAssertEqual(PostgreSQLConnection.numberingPlaceholders("SELECT $1::int"), "SELECT $1::int")
    }

    func testPostgreSQLTablesHoldEverySQLiteColumn() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let postgres = try Catalogue(database: try schema.connect(), upgrading: true)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let sqlite = try Catalogue(path: work.appendingPathComponent("catalogue.sqlite").path)
        for table in CatalogueMigration.tables + ["document_keys"] {
            let sqliteColumns = Set(try sqlite.connection.query("SELECT name FROM pragma_table_info(?)", [.text(table)]).compactMap { $0[0].string })
            let postgresColumns = Set(try postgres.connection.query(
                "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?",
                [.text(table)]).compactMap { $0[0].string })
            XCTAssertFalse(sqliteColumns.isEmpty, table)
            XCTAssertEqual(sqliteColumns.subtracting(postgresColumns), [], "columns of \(table) missing in PostgreSQL")
        }
        XCTAssertEqual(try postgres.connection.integer("SELECT value::bigint FROM meta WHERE key = 'schema_version'"),
                       CatalogueSchema.version)
        // Opening again (a second worker) changes nothing and fails nothing.
        _ = try Catalogue(database: try schema.connect(), upgrading: true)
    }

    func testJSONFunctionsReadLikeSQLites() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let postgres = try Catalogue(database: try schema.connect(), upgrading: true).connection
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let sqlite = try Catalogue(path: work.appendingPathComponent("catalogue.sqlite").path).connection
        let sql = "SELECT CASE WHEN json_valid(?) THEN json_extract(?1, '$.date') END, CASE WHEN json_valid(?1) THEN 1 ELSE 0 END"
        for document in [#"{"date":"2025-02-18","issuer":"THÀNH ỦY"}"#, #"{"issuer":"x"}"#, "not json {", ""] {
            XCTAssertEqual(try postgres.query(sql, [.text(document)]), try sqlite.query(sql, [.text(document)]), document)
        }
    }
}
