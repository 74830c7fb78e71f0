#!/usr/bin/env python3
"""Character and word error rates of OCR text against SampleScans' ground truth.

Usage:
  score-ocr.py GROUND_TRUTH.json --catalogue ARCHIVE/catalogue.sqlite   (our pipeline's page texts)
  score-ocr.py GROUND_TRUTH.json --texts DIR                           (DIR/<file_code>/<page>.txt, e.g. bare Tesseract)

Both texts are NFC-normalised and whitespace-collapsed before scoring. CER is the Levenshtein
distance over characters divided by the ground truth's length; WER the same over words; BoW is the
bag-of-words error (words missing or extra regardless of order), which ignores reading-order
differences between the two header blocks. Prints one line of totals: `CER=… WER=… BoW=… pages=…`.
Only the standard library is needed; Debian's python3-levenshtein, when installed, makes it faster.
"""
import argparse, collections, json, os, sqlite3, sys, unicodedata


def normalise(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


try:  # Debian's python3-levenshtein (C) when installed: the same distance, a hundred times faster
    import Levenshtein as _fast
except ImportError:
    _fast = None


def distance(a, b):
    """Levenshtein distance between two sequences (two-row dynamic programme)."""
    if _fast is not None:
        if isinstance(a, list):  # words: one private-use character per distinct word
            codes = {}
            a, b = ("".join(chr(0xF0000 + codes.setdefault(w, len(codes))) for w in seq) for seq in (a, b))
        return _fast.distance(a, b)
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def bag_error(truth_words, ocr_words):
    t, o = collections.Counter(truth_words), collections.Counter(ocr_words)
    return sum(((t - o) + (o - t)).values())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("truth")
    parser.add_argument("--catalogue")
    parser.add_argument("--texts")
    parser.add_argument("--per-page", action="store_true")
    args = parser.parse_args()
    truth = json.load(open(args.truth, encoding="utf-8"))
    ocr = {}
    if args.catalogue:
        db = sqlite3.connect(args.catalogue)
        for code, page, text in db.execute(
                "SELECT f.code, p.page_number, coalesce(p.text,'') FROM pages p JOIN files f ON f.id = p.file_id"):
            ocr[(code, page)] = text
    elif args.texts:
        for code in os.listdir(args.texts):
            for name in os.listdir(os.path.join(args.texts, code)):
                if name.endswith(".txt"):
                    ocr[(code, int(name[:-4]))] = open(os.path.join(args.texts, code, name), encoding="utf-8").read()
    else:
        sys.exit("give --catalogue or --texts")
    chars = char_errors = words = word_errors = bag = pages = 0
    for file in truth["files"]:
        for page in file["pages"]:
            expected = normalise(page["text"])
            got = normalise(ocr.get((file["file_code"], page["page"]), ""))
            c = distance(expected, got)
            w = distance(expected.split(), got.split())
            b = bag_error(expected.split(), got.split())
            chars += len(expected); char_errors += c
            words += len(expected.split()); word_errors += w; bag += b
            pages += 1
            if args.per_page:
                print(f"{file['file_code']} p{page['page']}: CER={c / max(len(expected), 1):.4f} WER={w / max(len(expected.split()), 1):.4f}")
    print(f"CER={char_errors / max(chars, 1):.4f} WER={word_errors / max(words, 1):.4f} BoW={bag / max(words, 1):.4f} pages={pages}")


if __name__ == "__main__":
    main()
