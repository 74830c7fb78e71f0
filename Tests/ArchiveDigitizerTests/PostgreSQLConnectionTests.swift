import Foundation
import XCTest
@testable import ArchiveDigitizer

/// `PostgreSQLConnection` against the real throw-away server (`TEST_POSTGRES_URL`, set by `make test`).
final class PostgreSQLConnectionTests: XCTestCase {
    private static let decision = "Quyết định số 12-QĐ/TU về việc thành lập Ban Chỉ đạo chuyển đổi số — Thành ủy Hà Nội"
    private static let injection = "'); DROP TABLE round_trip; --"
    private static let punctuation = #"O'Brien said "x; y" \ $1 $$z$$ ;; -- /* */"#

    func testEveryValueTypeRoundTripsThroughParameters() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let connection = try schema.connect()
        try connection.execute("""
            CREATE TABLE round_trip (id int PRIMARY KEY, small int2, whole int4, big bigint, single real, double double precision,
                                     exact numeric, flag boolean, words text, data bytea, missing text)
            """)
        let rows: [[SQLValue]] = [
            [1, -32768, 2_147_483_647, .integer(.min), .real(1.5), .real(0.1), .real(12345.678), "true", .text(Self.decision), #"\x00ff10"#, nil],
            [2, 0, -1, .integer(.max), .real(-0.25), .real(-1e300), .real(-0.5), "false", .text(Self.injection), #"\x"#, nil],
            [3, 7, 0, 0, .real(0), .real(.infinity), .real(0), "true", .text(Self.punctuation), #"\x27"#, nil],
            [4, nil, nil, nil, nil, .real(.leastNonzeroMagnitude), nil, nil, "", nil, "😀 đ Đ"],
        ]
        for row in rows {
            try connection.query("INSERT INTO round_trip VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", row)
        }
        let read = try connection.query("SELECT * FROM round_trip ORDER BY id")
        let expected = rows.map { row in row.enumerated().map { column, value in
            column == 7 && value != .null ? SQLValue.integer(value == "true" ? 1 : 0) : value  // booleans read as 1/0
        } }
        XCTAssertEqual(read, expected)

        // Untyped parameters come back as what they were: numbers stay numbers, text stays text, byte for byte.
        let echoed = try connection.query("SELECT $1, $2, $3, $4, $5", [.integer(.max), .real(-1e300), .text(Self.decision), .text(Self.injection), nil])
        XCTAssertEqual(echoed, [[.integer(.max), .real(-1e300), .text(Self.decision), .text(Self.injection), .null]])
    }

    func testQuotesAndSemicolonsInValuesAreOnlyData() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let connection = try schema.connect()
        try connection.execute("CREATE TABLE round_trip (id int PRIMARY KEY, words text)")
        for (id, words) in [Self.injection, Self.punctuation, "x' OR '1'='1"].enumerated() {
            try connection.query("INSERT INTO round_trip VALUES ($1, $2)", [.integer(Int64(id)), .text(words)])
        }
        // The table is still there, and a value that would match everything in spliced SQL matches nothing.
        XCTAssertEqual(try connection.query("SELECT count(*) FROM round_trip"), [[3]])
        XCTAssertEqual(try connection.query("SELECT id FROM round_trip WHERE words = $1", ["nothing' OR '1'='1"]), [])
        XCTAssertEqual(try connection.query("SELECT id FROM round_trip WHERE words = $1", [.text(Self.injection)]), [[0]])
        XCTAssertThrowsError(try connection.query("SELECT $1", ["a\u{0}b"])) { error in
            XCTAssertEqual(error as? PostgreSQLError, .textContainsNUL)
        }
    }

    func testTransactionKeepsAllOrNothing() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let connection = try schema.connect()
        try connection.execute("CREATE TABLE pages (id int PRIMARY KEY)")
        struct Interrupted: Error {}
        XCTAssertThrowsError(try connection.transaction {
            try connection.query("INSERT INTO pages VALUES ($1)", [1])
            throw Interrupted()
        })
        XCTAssertEqual(try connection.query("SELECT count(*) FROM pages"), [[0]])
        try connection.transaction {
            try connection.query("INSERT INTO pages VALUES ($1)", [1])
            try connection.query("INSERT INTO pages VALUES ($1)", [2])
        }
        XCTAssertEqual(try connection.query("SELECT count(*) FROM pages"), [[2]])
        XCTAssertThrowsError(try connection.query("INSERT INTO pages VALUES ($1)", [2])) { error in
            guard case let .statementFailed(sqlState, message)? = error as? PostgreSQLError else { return XCTFail("\(error)") }
            XCTAssertEqual(sqlState, "23505")
            XCTAssertTrue(message.contains("duplicate key"), message)
        }
        // The connection is usable after a refused statement.
        XCTAssertEqual(try connection.query("SELECT count(*) FROM pages"), [[2]])
    }

    func testErrorsNeverShowThePassword() throws {
        let url = try PostgreSQLTestSchema.serverURL()
        let server = try XCTUnwrap(URLComponents(string: url))
        let password = try XCTUnwrap(server.password)

        var wrong = server
        wrong.password = "Wrong-Secret-4711"
        let wrongURL = try XCTUnwrap(wrong.string)
        XCTAssertThrowsError(try PostgreSQLConnection(PostgreSQLAddress(wrongURL))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("password authentication failed"), text)
            XCTAssertTrue(text.contains(":***@127.0.0.1"), text)
            XCTAssertFalse(text.contains("Wrong-Secret-4711") || text.contains(password), text)
        }

        // A server message that quotes a value: the password is scrubbed even there.
        let connection = try PostgreSQLConnection(PostgreSQLAddress(url))
        XCTAssertThrowsError(try connection.query("SELECT $1::int", [.text(password)])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("invalid input syntax") && text.contains("***"), text)
            XCTAssertFalse(text.contains(password), text)
        }
    }

    func testURLWithoutPasswordConnectsThroughPasswordFile() throws {
        let server = try XCTUnwrap(URLComponents(string: try PostgreSQLTestSchema.serverURL()))
        let (user, host, port, password) = (try XCTUnwrap(server.user), try XCTUnwrap(server.host), try XCTUnwrap(server.port), try XCTUnwrap(server.password))
        let database = String(server.path.dropFirst())
        var withoutPassword = server
        withoutPassword.password = nil
        let address = try PostgreSQLAddress(try XCTUnwrap(withoutPassword.string))
        XCTAssertFalse(address.connectionString.contains(password))

        let folder = try TestSupport.temporaryFolder("pgpass")
        defer { try? FileManager.default.removeItem(at: folder) }
        let passwordFile = folder.appendingPathComponent("pgpass")
        let emptyFile = folder.appendingPathComponent("empty")
        try "\(host):\(port):\(database):\(user):\(password)\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        try "".write(to: emptyFile, atomically: true, encoding: .utf8)
        for file in [passwordFile, emptyFile] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)  // libpq ignores a readable one
        }
        let previous = ProcessInfo.processInfo.environment["PGPASSFILE"]
        defer { if let previous { setenv("PGPASSFILE", previous, 1) } else { unsetenv("PGPASSFILE") } }

        setenv("PGPASSFILE", emptyFile.path, 1)
        XCTAssertThrowsError(try PostgreSQLConnection(address), "without the password file the server must refuse") { error in
            XCTAssertTrue("\(error)".contains("password"), "\(error)")
        }
        setenv("PGPASSFILE", passwordFile.path, 1)
        let connection = try PostgreSQLConnection(address)
        XCTAssertEqual(try connection.query("SELECT current_user"), [[.text(user)]])
    }

    func testSSLModeFromTheAddressIsHonoured() throws {
        var server = try XCTUnwrap(URLComponents(string: try PostgreSQLTestSchema.serverURL()))
        server.queryItems = [URLQueryItem(name: "sslmode", value: "require")]
        // The test server has no TLS: a store that demands it must not fall back to plain text.
        XCTAssertThrowsError(try PostgreSQLConnection(PostgreSQLAddress(try XCTUnwrap(server.string)))) { error in
            XCTAssertTrue("\(error)".contains("SSL"), "\(error)")
        }
    }
}
