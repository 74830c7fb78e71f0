import Foundation
import XCTest
@testable import ArchiveDigitizer

/// A schema of its own on the test server, so tests never see each other's tables; `drop()` removes it.
///
/// The server is the throw-away cluster `make test` starts with scripts/test-postgres.sh and passes in
/// `TEST_POSTGRES_URL`; without it the PostgreSQL tests skip and say how to run them.
struct PostgreSQLTestSchema {
    let address: PostgreSQLAddress
    let name: String

    /// The test server's URL (with its password), or a skip.
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("TEST_POSTGRES_URL is not set, so the PostgreSQL tests did not run: `make test` starts a "
                          + "throw-away server and sets it (or run scripts/test-postgres.sh start and export the URL in .build/postgres-url)")
        }
        return url
    }

    static func make() throws -> PostgreSQLTestSchema {
        let address = try PostgreSQLAddress(try serverURL())
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgreSQLConnection(address).execute("CREATE SCHEMA \(name)")
        return PostgreSQLTestSchema(address: address, name: name)
    }

    /// The schema `name` on the test server, made if missing and never dropped by the test that keeps it.
    static func keep(_ name: String) throws -> PostgreSQLTestSchema {
        let address = try PostgreSQLAddress(try serverURL())
        try PostgreSQLConnection(address).execute("CREATE SCHEMA IF NOT EXISTS \(name)")
        return PostgreSQLTestSchema(address: address, name: name)
    }

    /// A new connection whose tables are this schema's.
    func connect() throws -> PostgreSQLConnection {
        let connection = try PostgreSQLConnection(address)
        try connection.execute("SET search_path TO \(name)")
        return connection
    }

    /// The test server's URL with this schema as the search path, for `--store` and `StoreLocation`.
    func url() throws -> String {
        let server = try Self.serverURL()
        return server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(name)"
    }

    func drop() {
        try? PostgreSQLConnection(address).execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
    }
}
