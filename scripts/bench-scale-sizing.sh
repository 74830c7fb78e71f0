#!/usr/bin/env bash
# `make bench-scale-sizing` (issue #19): loads SIZING_PAGES synthetic done pages (10^6) into a
# throw-away PostgreSQL the way a finished backlog looks — files of 100 pages in 20 fonds, one scan per
# page, 10 documents a file with their filter keys, OCR text and word boxes of ~250 words a page (copied
# from a pool of 2,000 made-up pages, `digitize-scale-sim pool`), the search vector the store computes
# itself, and the ledger's events (page-done and source-added per page, document-written per
# document, file-registered and file-completed per file) — then prints the bytes per page of every
# table, TOAST and index, the extrapolation to 10^8, and the README's search queries' latency.
#
# Env: SIZING_PAGES (1000000), SIZING_BATCH (100000 pages per transaction), SIZING_KEEP=1 keeps the
# server running afterwards (its URL in .build/sizing-postgres-url), SIZING_SEARCH_RUNS (3; 0 skips
# the searches), SIZING_WORDS=0 stores no word boxes (`[]`): they are two thirds of the bytes and no
# search reads them (they sit out of line, in TOAST), so 10^7 pages fit this machine's disk without them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pages=${SIZING_PAGES:-1000000}
batch=${SIZING_BATCH:-100000}
search_runs=${SIZING_SEARCH_RUNS:-3}
with_words=${SIZING_WORDS:-1}
sim=$root/.build/release/digitize-scale-sim
[ -x "$sim" ] || { echo "build first: swift build -c release" >&2; exit 1; }
export TEST_POSTGRES_STATE=.build/sizing-postgres-cluster TEST_POSTGRES_URL_FILE=.build/sizing-postgres-url
export TEST_POSTGRES_PORT=56329 TEST_POSTGRES_OPTIONS="-c shared_buffers=1GB -c max_wal_size=8GB -c maintenance_work_mem=512MB"
[ "${SIZING_KEEP:-0}" = 1 ] || trap 'scripts/test-postgres.sh stop >/dev/null' EXIT
scripts/test-postgres.sh start >/dev/null
server=$(cat "$TEST_POSTGRES_URL_FILE")
sql() { PGOPTIONS="-c client_min_messages=warning" psql "$server" -v ON_ERROR_STOP=1 -qtAc "$1"; }
files=$(( (pages + 99) / 100 ))
# File codes (fonds.inventory.box.file) with numbers as wide as the largest (lpad cuts longer text:
# at 10^7 pages a 4-digit pad made codes repeat).
file_digits=${#files}; [ "$file_digits" -ge 4 ] || file_digits=4
box_digits=$(( ${#files} - 2 )); [ "$box_digits" -ge 3 ] || box_digits=3
echo "Sizing $(date -u +%Y-%m-%dT%H:%MZ): $pages pages$([ "$with_words" = 1 ] || echo ' without word boxes'), $files files, $(( files * 10 )) documents on $(nproc) cores shared with other developers (load $(cut -d' ' -f1-3 /proc/loadavg))"
started=$(date +%s)
"$sim" pool --store "$server" --count 2000 --words 250
# The store computes each page's search vector itself (a generated column of vi_search_words(text)),
# which costs tens of milliseconds of server CPU a page here: 10^6 of them would take hours. The pool
# holds 2,000 texts, so their vectors are computed once and copied into a plain column of the same
# type and storage: the same bytes per page, in a fraction of the time.
sql "ALTER TABLE sim_pool ADD COLUMN search_words tsvector; UPDATE sim_pool SET search_words = vi_search_words(text)"
sql "DROP INDEX IF EXISTS pages_search; ALTER TABLE pages DROP COLUMN search_words;
     ALTER TABLE pages ADD COLUMN search_words tsvector; ALTER TABLE pages ALTER COLUMN search_words SET STORAGE MAIN"
sql "INSERT INTO runs(id, started_at, scan_folder, arguments, outcome) VALUES (1, '2026-01-01T00:00:00.000Z', '/mnt/scans', 'worker', 'finished')"
sql "
INSERT INTO files(id, code, folder, title, retention, inventory, state, page_count, document_count, completed_at, derived_title,
                  derived_start_date, derived_end_date, worker)
SELECT f, c.code, replace(c.code, '.', '/'), 'Hồ sơ về công tác tổ chức cán bộ năm ' || (1990 + f % 30), 'Vĩnh viễn',
       '{\"box\":\"' || (f / 10) || '\",\"fonds\":\"HN-F' || lpad((f % 20)::text, 2, '0') || '\",\"inventory\":\"01\"}',
       'done', 100, 10, '2026-01-02T03:04:05.678Z', 'Quyết định về việc thành lập ban chỉ đạo', '1990-01-15', '1990-12-20', 'ocr-17.archive.lan:12345'
FROM generate_series(1, $files) f, LATERAL (SELECT 'HN-F' || lpad((f % 20)::text, 2, '0') || '.01.' || lpad((f / 100)::text, $box_digits, '0') || '.' || lpad(f::text, $file_digits, '0') AS code) c;
INSERT INTO documents(id, file_id, ordinal, doc_code, first_page, last_page, title, metadata, pdf_path, pdf_size, pdf_sha256, image_encodings, created_at)
SELECT (f - 1) * 10 + d, f, d, fl.code || '.' || lpad(d::text, 3, '0'), (d - 1) * 10 + 1, d * 10,
       (ARRAY['Quyết định','Thông báo','Công văn','Kế hoạch','Báo cáo'])[1 + d % 5] || ' về việc thành lập ban chỉ đạo số hóa tài liệu',
       '{\"date\":\"' || (2010 + f % 15) || '-0' || (1 + d % 9) || '-15\",\"doc_type\":\"' || (ARRAY['Quyết định','Thông báo','Công văn','Kế hoạch','Báo cáo'])[1 + d % 5]
         || '\",\"issuer\":\"Thành ủy Hà Nội\",\"number\":\"' || (f * 10 + d) || '\",\"security\":\"\",\"signer\":\"Nguyễn Văn Phong\",\"symbol\":\"QĐ/TU\",'
         || '\"title\":\"về việc thành lập Ban Chỉ đạo 204\",\"urgency\":\"\"}',
       'documents/' || fl.code || '/' || fl.code || '.' || lpad(d::text, 3, '0') || '.pdf', 1800000,
       md5(f::text || 'd' || d) || md5(d::text || 'f' || f), 'ccitt,ccitt', '2026-01-02T03:04:05.678Z'
FROM generate_series(1, $files) f JOIN files fl ON fl.id = f, generate_series(1, 10) d;
INSERT INTO document_keys(document_id, type_key, symbol_parts, date, issuer_key)
SELECT id, vi_fold(metadata::jsonb->>'doc_type'), '/qd/tu/', metadata::jsonb->>'date', 'thanh uy ha noi' FROM documents;
"
for (( low = 1; low <= pages; low += batch )); do
  high=$(( low + batch - 1 )); [ "$high" -le "$pages" ] || high=$pages
  sql "
  BEGIN;
  INSERT INTO sources(id, file_id, name, path, relative_path, size, modified, sha256, format, frame_count)
  SELECT p, (p - 1) / 100 + 1, lpad(((p - 1) % 100 + 1)::text, 4, '0') || '.tif',
         '/mnt/scans/' || fl.folder || '/' || lpad(((p - 1) % 100 + 1)::text, 4, '0') || '.tif',
         fl.folder || '/' || lpad(((p - 1) % 100 + 1)::text, 4, '0') || '.tif', 2400000 + p % 100000, 1767225600 + p,
         md5(p::text) || md5((p + 1)::text), 'tiff', 1
  FROM generate_series($low, $high) p JOIN files fl ON fl.id = (p - 1) / 100 + 1;
  INSERT INTO pages(id, file_id, source_id, frame, page_number, state, width, height, dpi, dpi_recorded, colour, compression, skew, ink,
                    is_blank, had_text_layer, mean_confidence, text, words, ocr_seconds, done_at, rotation, paper_level, ink_level,
                    quality_flags, flag_low_confidence, flag_below_200_dpi, flag_too_dark, flag_too_light, flag_heavy_skew, corrections, worker,
                    search_words)
  SELECT p, (p - 1) / 100 + 1, p, 0, (p - 1) % 100 + 1, 'done', 2480, 3508, 300, 1, 'gray', 'lzw', 0.31, 0.082, 0, 0, 88.4,
         sp.text, CASE WHEN $with_words = 1 THEN sp.words ELSE '[]' END, 1.45, '2026-01-02T03:04:05.678Z', 0, 231, 38, '', 0, 0, 0, 0, 0, '[]', 'ocr-17.archive.lan:12345',
         sp.search_words
  FROM generate_series($low, $high) p JOIN sim_pool sp ON sp.id = p % 2000;
  INSERT INTO events(at, run_id, kind, subject, detail, previous_hash, hash)
  SELECT '2026-01-02T03:04:05.678Z', 1, k.kind, s.relative_path,
         CASE k.kind WHEN 'page-done' THEN 'text sha256 ' || md5(s.id::text || 't') || md5(s.id::text || 'u') || '; confidence 88'
                     ELSE 'sha256 ' || s.sha256 END,
         md5(s.id::text || k.kind) || md5(k.kind || s.id::text), md5(s.id::text || k.kind || 'h') || md5('h' || k.kind || s.id::text)
  FROM sources s, (VALUES ('source-added'), ('page-done')) k(kind) WHERE s.id BETWEEN $low AND $high;
  COMMIT;"
  echo "  $high pages loaded ($(( $(date +%s) - started )) s)"
done
sql "
INSERT INTO events(at, run_id, kind, subject, detail, previous_hash, hash)
SELECT '2026-01-02T03:04:05.678Z', 1, 'document-written', doc_code, pdf_path || ' sha256 ' || pdf_sha256 || ' size ' || pdf_size,
       md5(doc_code) || md5(pdf_path), md5(pdf_path) || md5(doc_code) FROM documents;
INSERT INTO events(at, run_id, kind, subject, detail, previous_hash, hash)
SELECT '2026-01-02T03:04:05.678Z', 1, k.kind, code, CASE k.kind WHEN 'file-completed' THEN '10 document(s)' ELSE folder END,
       md5(code || k.kind) || md5(k.kind || code), md5(k.kind) || md5(code)
FROM files, (VALUES ('file-registered'), ('file-completed')) k(kind);
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT max(id) FROM pages) * 3)
  FROM unnest(ARRAY['files', 'sources', 'pages', 'documents', 'events']) t;
"
echo "  making the search index ($(( $(date +%s) - started )) s)"
sql "CREATE INDEX pages_search ON pages USING gin(search_words) WHERE state = 'done'"
sql "VACUUM ANALYZE"
echo "  loaded, indexed and analysed in $(( $(date +%s) - started )) s"
echo
echo "| relation | kind | MB | bytes per page | at 10^8 pages, GB |"
echo "|---|---|---|---|---|"
sql "
WITH r AS (
  SELECT c.relname AS name, 'table' AS kind, pg_relation_size(c.oid) AS bytes FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname <> 'sim_pool'
  UNION ALL
  SELECT c.relname || ' (TOAST)', 'toast', pg_total_relation_size(c.reltoastrelid) FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.reltoastrelid <> 0 AND c.relname <> 'sim_pool'
  UNION ALL
  SELECT i.relname, 'index on ' || t.relname, pg_relation_size(i.oid) FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> 'sim_pool')
SELECT '| ' || name || ' | ' || kind || ' | ' || round(bytes / 1e6, 1) || ' | ' || round(bytes::numeric / $pages) || ' | '
       || round(bytes::numeric / $pages * 1e8 / 1e9, 1) || ' |'
FROM r WHERE bytes > 0 ORDER BY bytes DESC"
sql "
SELECT '| **total** | | ' || round(sum(pg_total_relation_size(c.oid)) / 1e6, 1) || ' | ' || round(sum(pg_total_relation_size(c.oid))::numeric / $pages)
       || ' | ' || round(sum(pg_total_relation_size(c.oid))::numeric / $pages * 1e8 / 1e9, 1) || ' |'
FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname <> 'sim_pool'"
echo
echo "Column widths in pages (mean bytes as stored, compressed where TOAST compressed them):"
sql "SELECT 'text ' || round(avg(pg_column_size(text))) || ', words ' || round(avg(pg_column_size(words))) || ', search_words '
       || round(avg(pg_column_size(search_words))) || ', whole row ' || round(avg(pg_column_size(p.*))) FROM (SELECT * FROM pages TABLESAMPLE SYSTEM (1)) p"
echo
echo "Server CPU of one generated search vector (vi_search_words on 200 pool pages):"
sql "EXPLAIN (ANALYZE, TIMING OFF) SELECT vi_search_words(text) FROM (SELECT text FROM sim_pool LIMIT 200) s" | grep -i "execution time"
if [ "$search_runs" -gt 0 ]; then
  echo
  echo "Search latency at $pages pages (README's benchmark queries, $search_runs runs each):"
  "$sim" search --store "$server" --runs "$search_runs"
fi
