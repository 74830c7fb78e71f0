/// The catalogue's tables. One SQLite file holds both the catalogue (what the archive contains)
/// and the ledger (what each run did), so one transaction can record a result and mark it done.
enum CatalogueSchema {
    static let version = 7

    /// Columns added after version 1: in version 2 the pages' orientation, paper and ink levels,
    /// quality flags and post-corrections; in version 4 the file facts derived from its documents
    /// (title, first and last date) for files the inventory says nothing of; in version 5 the worker
    /// that recorded each page and assembled each file (`worker`, issue #8) and `lease_until`, which only
    /// a shared PostgreSQL store fills; in version 6 the ids of each document's pages with its search
    /// keys (`document_keys.page_runs`, made for every document by `DocumentKeys.refresh`); in version 7 the
    /// pages' `attempts`, how many tries at a page ended with its worker dead or past a deadline (issue #16:
    /// at two the page is `quarantined`), and on a PostgreSQL store only, the ledger's lanes (`events.lane`,
    /// `Ledger`, issue #19); and the reading room's tables (`ReadingRoomSchema`: accounts and human
    /// corrections, issue #15). They are added with
    /// `ALTER TABLE` rather than in `CREATE TABLE`, so an archive made by an earlier version gains
    /// them when it is next opened, and keeps its rows.
    static let addedColumns: [(table: String, name: String, definition: String)] = [
        ("pages", "rotation", "INTEGER NOT NULL DEFAULT 0"), ("pages", "paper_level", "INTEGER"),
        ("pages", "ink_level", "INTEGER"), ("pages", "quality_flags", "TEXT"),
        ("pages", "flag_low_confidence", "INTEGER"), ("pages", "flag_below_200_dpi", "INTEGER"),
        ("pages", "flag_too_dark", "INTEGER"), ("pages", "flag_too_light", "INTEGER"),
        ("pages", "flag_heavy_skew", "INTEGER"), ("pages", "corrections", "TEXT"),
        ("files", "derived_title", "TEXT"), ("files", "derived_start_date", "TEXT"), ("files", "derived_end_date", "TEXT"),
        ("pages", "worker", "TEXT"), ("files", "worker", "TEXT"), ("pages", "lease_until", "TEXT"), ("files", "lease_until", "TEXT"),
        ("document_keys", "page_runs", "TEXT"), ("pages", "attempts", "INTEGER NOT NULL DEFAULT 0"),
    ]

    /// Brings an open catalogue up to this version: creates what is missing, adds new columns, and
    /// makes the search keys of documents that lack them (version 3, their pages version 6; `DocumentKeys`).
    /// A PostgreSQL store gets its tables from `PostgreSQLSchema` instead.
    ///
    /// A PostgreSQL store that this version has already made whole is left alone: every worker opens
    /// the store when it starts, and `CREATE INDEX IF NOT EXISTS` locks `pages` against the other
    /// workers' writes even when the index is there. The mark is its own `meta` key, which a catalogue
    /// migrated from SQLite lacks, so the first opening after `migrate` still makes the search keys.
    static func upgrade(_ connection: any SQLDatabase) throws {
        switch connection.dialect {
        case .sqlite:
            try connection.execute(statements)
        case .postgreSQL:
            if try PostgreSQLSchema.isWhole(connection, version: version) { return }
            try PostgreSQLSchema.create(on: connection)
        }
        try connection.transaction {
            if connection.dialect == .sqlite {
                for table in Set(addedColumns.map(\.table)) {
                    let present = Set(try connection.query("SELECT name FROM pragma_table_info(?)", [.text(table)]).compactMap { $0[0].string })
                    for column in addedColumns where column.table == table && !present.contains(column.name) {
                        try connection.execute("ALTER TABLE \(table) ADD COLUMN \(column.name) \(column.definition)")
                    }
                }
            }
            try DocumentKeys.refresh(connection)
            for key in connection.dialect == .postgreSQL ? ["schema_version", PostgreSQLSchema.wholeKey] : ["schema_version"] {
                try connection.query("""
                    INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value
                    """, [.text(key), .text(String(version))])
            }
        }
    }

    static let statements = """
    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS runs(
        id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, scan_folder TEXT,
        arguments TEXT, outcome TEXT, pages_done INTEGER DEFAULT 0, pages_failed INTEGER DEFAULT 0);
    CREATE TABLE IF NOT EXISTS files(
        id INTEGER PRIMARY KEY, code TEXT UNIQUE NOT NULL, folder TEXT NOT NULL,
        title TEXT, start_date TEXT, end_date TEXT, retention TEXT, shelf_metres REAL, inventory TEXT,
        state TEXT NOT NULL DEFAULT 'pending', page_count INTEGER NOT NULL DEFAULT 0,
        document_count INTEGER NOT NULL DEFAULT 0, completed_at TEXT);
    CREATE TABLE IF NOT EXISTS sources(
        id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id), name TEXT NOT NULL,
        path TEXT NOT NULL, relative_path TEXT NOT NULL, size INTEGER, modified REAL, sha256 TEXT,
        format TEXT, frame_count INTEGER, state TEXT NOT NULL DEFAULT 'present', error TEXT,
        UNIQUE(file_id, name));
    CREATE TABLE IF NOT EXISTS pages(
        id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id),
        source_id INTEGER NOT NULL REFERENCES sources(id), frame INTEGER NOT NULL, page_number INTEGER,
        state TEXT NOT NULL DEFAULT 'pending', error_kind TEXT, error TEXT,
        width INTEGER, height INTEGER, dpi INTEGER, dpi_recorded INTEGER, colour TEXT, compression TEXT,
        skew REAL, ink REAL, is_blank INTEGER, had_text_layer INTEGER, mean_confidence REAL,
        text TEXT, words TEXT, ocr_seconds REAL, done_at TEXT,
        UNIQUE(source_id, frame));
    CREATE INDEX IF NOT EXISTS pages_by_file ON pages(file_id, page_number);
    CREATE INDEX IF NOT EXISTS pages_by_state ON pages(state);
    CREATE TABLE IF NOT EXISTS documents(
        id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id), ordinal INTEGER NOT NULL,
        doc_code TEXT UNIQUE NOT NULL, first_page INTEGER, last_page INTEGER, title TEXT, metadata TEXT,
        pdf_path TEXT, pdf_size INTEGER, pdf_sha256 TEXT, image_encodings TEXT, created_at TEXT,
        UNIQUE(file_id, ordinal));
    CREATE TABLE IF NOT EXISTS events(
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, run_id INTEGER, kind TEXT NOT NULL, subject TEXT,
        detail TEXT, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
    \(ReadingRoomSchema.statements)
    -- Full-text search over page text (SearchIndex.swift). External content: the text stays in
    -- pages.text; the index holds its words with diacritics removed and đ/Đ folded to d/D (Unicode
    -- does not decompose đ), so "dang phi" finds "đảng phí". Plain-SQL triggers keep it in sync
    -- even when a row is edited with the sqlite3 tool; the backfill runs once, for archives made
    -- before the index existed.
    CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
        text, content='pages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER IF NOT EXISTS pages_fts_insert AFTER INSERT ON pages WHEN new.text IS NOT NULL BEGIN
        INSERT INTO pages_fts(rowid, text) VALUES (new.id, replace(replace(new.text, 'đ', 'd'), 'Đ', 'D'));
    END;
    CREATE TRIGGER IF NOT EXISTS pages_fts_delete AFTER DELETE ON pages WHEN old.text IS NOT NULL BEGIN
        INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.id, replace(replace(old.text, 'đ', 'd'), 'Đ', 'D'));
    END;
    CREATE TRIGGER IF NOT EXISTS pages_fts_update AFTER UPDATE OF text ON pages BEGIN
        INSERT INTO pages_fts(pages_fts, rowid, text) SELECT 'delete', old.id, replace(replace(old.text, 'đ', 'd'), 'Đ', 'D')
            WHERE old.text IS NOT NULL;
        INSERT INTO pages_fts(rowid, text) SELECT new.id, replace(replace(new.text, 'đ', 'd'), 'Đ', 'D')
            WHERE new.text IS NOT NULL;
    END;
    -- Search filter keys of each document (DocumentKeys.swift), folded in Swift when the document is
    -- recorded, with the ids of its pages (page_runs, added in version 6). The triggers only forget
    -- keys (plain SQL cannot fold Vietnamese), so an edit made with the sqlite3 tool leaves a document
    -- without keys, which search then judges from its metadata and its pages' rows.
    CREATE TABLE IF NOT EXISTS document_keys(
        document_id INTEGER PRIMARY KEY, type_key TEXT NOT NULL, symbol_parts TEXT NOT NULL,
        date TEXT NOT NULL, issuer_key TEXT NOT NULL);
    CREATE TRIGGER IF NOT EXISTS document_keys_insert AFTER INSERT ON documents BEGIN
        DELETE FROM document_keys WHERE document_id = new.id;
    END;
    CREATE TRIGGER IF NOT EXISTS document_keys_update AFTER UPDATE OF id, metadata ON documents BEGIN
        DELETE FROM document_keys WHERE document_id IN (old.id, new.id);
    END;
    CREATE TRIGGER IF NOT EXISTS document_keys_delete AFTER DELETE ON documents BEGIN
        DELETE FROM document_keys WHERE document_id = old.id;
    END;
    -- A page added, removed or renumbered changes the pages of the document around it.
    CREATE TRIGGER IF NOT EXISTS document_keys_page_insert AFTER INSERT ON pages WHEN new.page_number IS NOT NULL BEGIN
        DELETE FROM document_keys WHERE document_id IN (SELECT id FROM documents
            WHERE file_id = new.file_id AND new.page_number BETWEEN first_page AND last_page);
    END;
    CREATE TRIGGER IF NOT EXISTS document_keys_page_update AFTER UPDATE OF id, file_id, page_number ON pages BEGIN
        DELETE FROM document_keys WHERE document_id IN (SELECT id FROM documents
            WHERE (file_id = old.file_id AND old.page_number BETWEEN first_page AND last_page)
               OR (file_id = new.file_id AND new.page_number BETWEEN first_page AND last_page));
    END;
    CREATE TRIGGER IF NOT EXISTS document_keys_page_delete AFTER DELETE ON pages WHEN old.page_number IS NOT NULL BEGIN
        DELETE FROM document_keys WHERE document_id IN (SELECT id FROM documents
            WHERE file_id = old.file_id AND old.page_number BETWEEN first_page AND last_page);
    END;
    BEGIN IMMEDIATE;
    INSERT INTO pages_fts(rowid, text) SELECT id, replace(replace(text, 'đ', 'd'), 'Đ', 'D') FROM pages
        WHERE text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search_index');
    INSERT OR IGNORE INTO meta(key, value) VALUES ('search_index', 'fts5 unicode61 remove_diacritics 2, đ folded');
    COMMIT;
    """
}
