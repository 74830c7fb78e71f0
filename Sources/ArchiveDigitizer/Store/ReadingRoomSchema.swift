/// The reading room's tables (issue #15), the same SQL in SQLite and PostgreSQL: the accounts of
/// readers, reviewers and administrators, and the human corrections a rerun must keep.
enum ReadingRoomSchema {
    static let statements = """
    CREATE TABLE IF NOT EXISTS users(
        name TEXT PRIMARY KEY, role TEXT NOT NULL, clearance INTEGER NOT NULL DEFAULT 0,
        password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
    -- A document is named by its file and first page here, not its code, which a split or merge renumbers;
    -- `field` is a metadata field, `reviewed`, or (first_page 0) `boundaries`: the file's documents as
    -- page spans (`1-3,4-6`) a person decided.
    CREATE TABLE IF NOT EXISTS corrections(
        file_code TEXT NOT NULL, first_page INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
        corrected_by TEXT NOT NULL, corrected_at TEXT NOT NULL, reason TEXT NOT NULL,
        PRIMARY KEY(file_code, first_page, field));
    """
}
