#!/usr/bin/python3
"""Build Sources/ArchiveDigitizer/Resources/vietnamese-bigrams.tsv: word and word-pair counts of
Vietnamese administrative and legal prose, for the context correction of OCR words
(Sources/ArchiveDigitizer/OCR/VietnameseWordModel.swift).

    /usr/bin/python3 scripts/make-word-model.py <clone of Ansvar-Systems/vietnamese-law-mcp> \
        <clone of undertheseanlp/corpus.viwiki> <clone of tnt305/tai_lieu_noi_bo>

Source text (1): the provisions (data/seed/*.json, fields "title" and "content") of ten Vietnamese
laws and decrees (the 2013 Constitution, the 2015 Penal Code, the Cybersecurity, Information
Technology, Competition, Enterprise, E-transactions, Consumer Protection and Telecommunications
laws, Decree 13/2023 on personal data) as that repository ships them under the Apache License 2.0.
The texts themselves are legal normative documents, which Vietnamese copyright law does not
protect (Luật Sở hữu trí tuệ 2005, Điều 15: "văn bản quy phạm pháp luật, văn bản hành chính"),
so the counts may be shipped.
Source text (2): the 7,864 articles of Vietnamese Wikipedia in viwiki/*.txt of the GitHub repository
undertheseanlp/corpus.viwiki; Wikipedia's text is licensed CC BY-SA (3.0/4.0), so this file of
counts derived from it is shared under CC BY-SA 4.0 too, with this attribution. docs/metadata.md
says the same. The legal texts count three times: their register is the archive's.
Source text (3): the Vietnamese Wikipedia articles among the pages that the GitHub repository
tnt305/tai_lieu_noi_bo crawled into src/etl/dataset/*.md (commit 94c5034): only the pages with a
Wikipedia reference heading ("Tham khảo", "Chú thích" or "Liên kết ngoài"), none of the repository's
other pages (legal question-and-answer articles of commercial sites, whose text is theirs), and each
title once, skipping titles that source (2) already has. Same licence, CC BY-SA, Wikipedia
contributors. They bring the Party's own words (articles on Party committees, congresses and
officials: "chi bộ", "chi ủy", "đảng ủy") that the first two sources barely hold.

Counting: NFC, lower case, the tone mark of a final oa/oe/uy in one placement ("uỷ" counted as "ủy");
a word is a run of letters; anything else (digits, punctuation, line ends) breaks the chain of pairs. Words glued together by the source's lost line breaks
("hộichủ") are kept here and dropped by the program, which loads only valid syllables.
Output: "# ..." comment lines, then "w<TAB>count" for every word seen at least twice and
"w1 w2<TAB>count" for every pair seen at least twice, most frequent first (ties by text), so the
file is byte-for-byte reproducible from the same input.
"""

import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "Sources" / "ArchiveDigitizer" / "Resources" / "vietnamese-bigrams.tsv"
MINIMUM_WORD = 5
MINIMUM_PAIR = 15
LEGAL_WEIGHT = 3


# The two placements of the tone mark on oa, oe, uy ending a syllable ("hoá"/"hóa", "uỷ"/"ủy"): the
# program keys words without placement, so the sources' two spellings are one word, and are counted as
# one here, in the older placement (the more frequent in the sources), before the pair floor: "chi ủy"
# and "chi uỷ" are each below it, together above it.
PLACEMENTS = {}
for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
    for mark in "\u0300\u0301\u0309\u0303\u0323":
        old = unicodedata.normalize("NFC", first + second + mark)
        PLACEMENTS[old] = unicodedata.normalize("NFC", first + mark + second)
PLACED = re.compile("(" + "|".join(PLACEMENTS) + r")$")


def placed(word):
    """The word with a tone mark on the second vowel of a final oa, oe or uy moved to the first
    ("uỷ" → "ủy", "hoá" → "hóa"); not after q, where u belongs to the consonant ("quý" stays)."""
    match = PLACED.search(word)
    if not match or (match.group(1)[0] == "u" and word[:match.start()].endswith("q")):
        return word
    return word[:match.start()] + PLACEMENTS[match.group(1)]


def runs(text):
    """Runs of words between breaks (anything that is not a letter or a space)."""
    text = unicodedata.normalize("NFC", text).lower()
    for chunk in re.split(r"[^\w ]|[\d_]", text):
        words = [placed(w) for w in chunk.split()]
        if words:
            yield words


def title(name):
    """An article's title as both sources spell it, for telling the same article apart."""
    return unicodedata.normalize("NFC", name).strip().strip("#*").strip().replace("*", "").lower()


def wikipedia_pages(paths, known):
    """The texts of the crawled pages that are Wikipedia articles (they carry a reference heading),
    each title once and none already in `known`, in path order."""
    heading = re.compile(r"^#+ (Tham khảo|Chú thích|Liên kết ngoài)\s*$", re.MULTILINE)
    seen, texts = set(known), []
    for path in paths:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
        name = title(text.split("\n", 1)[0])
        if heading.search(text) and name not in seen:
            seen.add(name)
            texts.append(text)
    return texts


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    seed = Path(sys.argv[1]) / "data" / "seed"
    laws = sorted(seed.glob("*.json"))
    articles = sorted((Path(sys.argv[2]) / "viwiki").glob("*.txt"))
    crawled = sorted((Path(sys.argv[3]) / "src" / "etl" / "dataset").glob("*.md"))
    if not laws or not articles or not crawled:
        sys.exit(f"no data/seed/*.json under {sys.argv[1]}, no viwiki/*.txt under {sys.argv[2]} "
                 f"or no src/etl/dataset/*.md under {sys.argv[3]}")
    more = wikipedia_pages(crawled, {title(p.stem) for p in articles})
    words, pairs = collections.Counter(), collections.Counter()

    def count(text, weight):
        for run in runs(text):
            for w in run:
                words[w] += weight
            for a, b in zip(run, run[1:]):
                pairs[f"{a} {b}"] += weight

    for path in laws:
        law = json.loads(path.read_text(encoding="utf-8"))
        for text in [law.get("title", "")] + [p.get("content", "") for p in law.get("provisions", [])]:
            count(text, LEGAL_WEIGHT)
    for path in articles:
        count(path.read_text(encoding="utf-8", errors="replace"), 1)
    for text in more:
        count(text, 1)
    lines = [
        "# Vietnamese word and word-pair counts for OCR context correction (scripts/make-word-model.py).",
        "# Sources: (1) provisions of ten Vietnamese laws and decrees, data/seed/*.json of the GitHub repository",
        "# Ansvar-Systems/vietnamese-law-mcp (Apache License 2.0); legal normative texts are not protected by",
        "# copyright in Viet Nam (Luật Sở hữu trí tuệ 2005, Điều 15); counted three times.",
        "# (2) 7,864 Vietnamese Wikipedia articles, viwiki/*.txt of the GitHub repository undertheseanlp/corpus.viwiki;",
        f"# (3) {len(more):,} more Vietnamese Wikipedia articles, those among src/etl/dataset/*.md of the GitHub",
        "# repository tnt305/tai_lieu_noi_bo that carry a Wikipedia reference heading, titles not in (2).",
        "# Text of (2) and (3) CC BY-SA, Wikipedia contributors. This file is licensed CC BY-SA 4.0.",
        f"# {sum(words.values())} weighted words counted; words seen {MINIMUM_WORD}+ times, pairs {MINIMUM_PAIR}+ times.",
    ]
    for table, minimum in ((words, MINIMUM_WORD), (pairs, MINIMUM_PAIR)):
        kept = sorted(((n, w) for w, n in table.items() if n >= minimum), key=lambda e: (-e[0], e[1]))
        lines += [f"{w}\t{n}" for n, w in kept]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} lines, {OUT.stat().st_size / 1e3:.0f} kB, from {len(laws)} laws and "
          f"{len(articles)} + {len(more)} articles, {sum(words.values())} weighted words")


if __name__ == "__main__":
    main()
