import Foundation
import XCTest
@testable import ArchiveDigitizer

/// `--store` values and password masking; no server needed.
final class StoreLocationTests: XCTestCase {
    func testAbsentEmptyOrSQLiteMeansTheEmbeddedCatalogue() throws {
        for value in [nil, "", "  ", "sqlite", "SQLite"] {
            XCTAssertEqual(try StoreLocation(parsing: value), .embedded, "\(value ?? "nil")")
        }
        XCTAssertEqual(StoreLocation.embedded.masked, "sqlite")
    }

    func testPostgreSQLURLsAreMaskedWherePrinted() throws {
        let cases = [
            ("postgresql://digitize:s3cr3t-Pw@db.example:5432/archive?sslmode=require",
             "postgresql://digitize:***@db.example:5432/archive?sslmode=require"),
            ("postgres://digitize:s3cr3t-Pw@db.example/archive", "postgres://digitize:***@db.example/archive"),
            ("postgresql://digitize:p@ss/w0rd@db.example/archive", "postgresql://digitize:***@db.example/archive"),
            ("postgresql://digitize@db.example/archive?password=s3cr3t-Pw&sslmode=verify-full",
             "postgresql://digitize@db.example/archive?password=***&sslmode=verify-full"),
            ("postgresql://digitize@db.example/archive", "postgresql://digitize@db.example/archive"),
        ]
        for (value, masked) in cases {
            let location = try StoreLocation(parsing: value)
            guard case .postgreSQL = location else { return XCTFail("\(masked) should be PostgreSQL") }
            XCTAssertEqual(location.masked, masked)
            XCTAssertEqual("\(location)", masked)
            for printed in [String(describing: location), String(reflecting: location), dumped(location)] {
                XCTAssertFalse(printed.contains("s3cr3t") || printed.contains("ss/w0rd"), printed)
            }
        }
    }

    func testKeyValueConnectionStringsAreMaskedWherePrinted() throws {
        let cases = [
            ("host=db.example dbname=archive user=digitize password=s3cr3t-Pw sslmode=require",
             "host=db.example dbname=archive user=digitize password=*** sslmode=require"),
            ("host=db.example password = 's3cr3t \\' Pw' dbname=archive", "host=db.example password = *** dbname=archive"),
            ("dbname=archive\tpassword=s3cr3t-Pw", "dbname=archive\tpassword=***"),
        ]
        for (value, masked) in cases {
            let location = try StoreLocation(parsing: value)
            XCTAssertEqual(location.masked, masked)
            XCTAssertFalse(String(reflecting: location).contains("s3cr3t"))
            XCTAssertFalse(dumped(location).contains("s3cr3t"))
        }
    }

    func testUnknownOrMalformedStoresAreRefusedWithoutShowingThePassword() {
        XCTAssertThrowsError(try StoreLocation(parsing: "mysql://root:hunter2@db.example/archive")) { error in
            let text = "\(error)"
            XCTAssertFalse(text.contains("hunter2"), text)
            XCTAssertTrue(text.contains("mysql://root:***@db.example/archive") && text.contains("--store postgresql://"), text)
        }
        XCTAssertThrowsError(try StoreLocation(parsing: "postgresql://digitize:hun%zzter2@db.example/archive")) { error in
            let text = "\(error)"
            XCTAssertFalse(text.contains("hun") || text.contains("ter2"), text)
            XCTAssertTrue(text.contains("cannot be used"), text)
        }
        XCTAssertThrowsError(try StoreLocation(parsing: "host=db.example password='hunter2 dbname=x")) { error in
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
        }
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
