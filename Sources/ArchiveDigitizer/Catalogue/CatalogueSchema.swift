/// The catalogue's tables. One SQLite file holds both the catalogue (what the archive contains)
/// and the ledger (what each run did), so one transaction can record a result and mark it done.
enum CatalogueSchema {
    static let version = 1

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
    """
}
