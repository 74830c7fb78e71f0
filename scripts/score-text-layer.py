#!/usr/bin/env python3
"""Order-sensitive character error of an archive's PDF text layer, beside its catalogue text (issue #13).

Usage:
  score-text-layer.py GROUND_TRUTH.json ARCHIVE [--readers catalogue,pdftotext,layout,raw,plumber,poppler]
                      [--per-page] [--json]

For every page of the ground truth the archive recorded, reads the page's text from the catalogue
(`pages.text`) and from the page of the document's PDF that shows it, with each reader:

  pdftotext   poppler's `pdftotext` in its default mode (what most tools and viewers do)
  layout      `pdftotext -layout` (physical layout, columns kept side by side)
  raw         `pdftotext -raw` (content-stream order)
  plumber     pdfplumber's `page.extract_text()` (needs pdfplumber importable)
  poppler     poppler-glib's `poppler_page_get_text` (needs PyGObject with Poppler 0.18)
  plumber-floor  not a reading of our PDF: the ground truth's own words (they carry line numbers
              and boxes in SampleScans and the OCR evaluation set) put in the order pdfplumber's
              `extract_text()` gives any text layer whose words sit on their ink, each line on one
              baseline: it clusters all the page's words by their top within 3 points and reads
              each cluster left to right, so blocks side by side interleave line by line. The CER
              of that order is what a perfect text layer scores through pdfplumber.

Texts are NFC-normalised and whitespace-collapsed (scripts/score-ocr.py's `normalise`), and the
CER is the Levenshtein distance over characters divided by the truth's length, summed over pages.
The last line, or with --json the only output, gives each reader's CER.
"""
import argparse, importlib.util, json, os, sqlite3, subprocess, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("score", os.path.join(ROOT, "score-ocr.py"))
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)


def pdftotext(path, page, *flags):
    out = subprocess.run(["pdftotext", *flags, "-f", str(page), "-l", str(page), path, "-"],
                         capture_output=True, check=False)
    return out.stdout.decode("utf-8", "replace")


class Readers:
    def __init__(self, names):
        self.names = names
        self.plumber = self.poppler = None
        if "plumber" in names:
            import pdfplumber
            self.plumber = pdfplumber
        if "poppler" in names:
            import gi
            gi.require_version("Poppler", "0.18")
            from gi.repository import Poppler
            self.poppler = Poppler

    def read(self, name, path, page):
        if name == "pdftotext":
            return pdftotext(path, page)
        if name == "layout":
            return pdftotext(path, page, "-layout")
        if name == "raw":
            return pdftotext(path, page, "-raw")
        if name == "plumber":
            with self.plumber.open(path) as pdf:
                return pdf.pages[page - 1].extract_text() or ""
        if name == "poppler":
            document = self.poppler.Document.new_from_file("file://" + os.path.abspath(path), None)
            return document.get_page(page - 1).get_text() or ""
        raise SystemExit(f"unknown reader {name}")


def plumber_order(page):
    """The ground truth page's words in pdfplumber's reading order (see plumber-floor above)."""
    from operator import itemgetter
    from pdfplumber.utils import cluster_objects
    points = 72 / page["dpi"]
    lines = {}
    for word in page.get("words", []):
        lines.setdefault(word["line"], []).append(word)
    words = []
    for line in lines.values():
        tops = sorted(w["box"][1] for w in line)
        top = tops[len(tops) // 2] * points
        words += [{"text": w["text"], "x0": w["box"][0] * points, "top": top} for w in line]
    clusters = cluster_objects(words, itemgetter("top"), 3)
    return "\n".join(" ".join(w["text"] for w in sorted(c, key=itemgetter("x0"))) for c in clusters)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("truth")
    parser.add_argument("archive")
    parser.add_argument("--readers", default="catalogue,pdftotext,layout,plumber")
    parser.add_argument("--per-page", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = args.readers.split(",")
    readers = Readers(names)
    truth = json.load(open(args.truth, encoding="utf-8"))
    db = sqlite3.connect(os.path.join(args.archive, "catalogue.sqlite"))
    pages = {}
    for code, number, text, pdf, first in db.execute("""
            SELECT f.code, p.page_number, coalesce(p.text, ''), d.pdf_path, d.first_page
            FROM pages p JOIN files f ON f.id = p.file_id
            LEFT JOIN documents d ON d.file_id = p.file_id AND p.page_number BETWEEN d.first_page AND d.last_page"""):
        pages[(code, number)] = (text, pdf and os.path.join(args.archive, pdf), (number - first + 1) if pdf else 0)
    chars = 0
    errors = {name: 0 for name in names}
    per_page = []
    for file in truth["files"]:
        for page in file["pages"]:
            expected = score.normalise(page["text"])
            chars += len(expected)
            text, pdf, index = pages.get((file["file_code"], page["page"]), ("", None, 0))
            line = [f"{file['file_code']} p{page['page']:<2} skew {page.get('skew_degrees', 0):+.1f}"]
            for name in names:
                if name == "catalogue":
                    got = text
                elif name == "plumber-floor":
                    got = plumber_order(page)
                else:
                    got = readers.read(name, pdf, index) if pdf else ""
                e = score.distance(expected, score.normalise(got))
                errors[name] += e
                line.append(f"{name} {e / max(len(expected), 1):.4f}")
            per_page.append("  ".join(line))
    result = {name: round(errors[name] / max(chars, 1), 4) for name in names}
    if args.json:
        print(json.dumps(result))
        return
    if args.per_page:
        print("\n".join(per_page))
    print("CER " + "  ".join(f"{name}={value:.4f}" for name, value in result.items()))


if __name__ == "__main__":
    main()
