#!/usr/bin/python3
"""Generate the mixed benchmark corpus: a batch that looks like what a scanning team hands over (issue #18).

    /usr/bin/python3 scripts/make-bench-corpus.py OUT_DIR

Reuses the documents, page layout and scanner effects of scripts/make-samplescans.py and the two
extra documents of scripts/make-ocr-evalset.py (imported, not copied). Everything is seeded, so
the same command makes the same pages (JPEG/PDF bytes may differ only with another Pillow).

What it makes under OUT_DIR (about 120 pages, 26 archival files):

    BM-XX.01.<kind>.<n>/   24 ordinary files of 3-6 pages, two of each kind:
        g4          single-page TIFFs, bilevel, CCITT Group 4, 300 dpi
        g4-multi    one multi-page TIFF, bilevel, Group 4, 300 dpi
        g4-pdf      image-only PDF of Group 4 pages (tiff2pdf passes CCITT through), 300 dpi
        lzw         single-page TIFFs, 8-bit gray, LZW, 300 dpi
        lzw-multi   one multi-page TIFF, gray, LZW, 300 dpi
        lzw-colour  single-page TIFFs, colour, LZW, 200 dpi
        png         8-bit gray PNG, 200 dpi
        jpeg-300    colour JPEG q85, 300 dpi, tinted paper
        jpeg-200    colour JPEG q80, 200 dpi, tinted paper
        pdf-colour  image-only PDF, colour JPEG pages, 200 dpi
        pdf-gray    image-only PDF, gray JPEG pages, 300 dpi
        png-bilevel 1-bit PNG, 300 dpi
    BM-LG.01.a3.0001/      3 A3 spreads (two A4 pages side by side, landscape), colour JPEG, 300 dpi
    BM-LG.01.600.0002/     3 pages at 600 dpi: two Group 4 TIFFs and one gray JPEG

Every page is skewed by up to ±2°; about a third are blurred, a third noisy (gray and colour),
all carry dust specks; two pages are stored upside down or sideways, as a sheet fed the wrong way.
OUT_DIR.truth.json (beside the folder, so the run does not see it) has the text of every page (same shape as SampleScans'), for
scripts/score-ocr.py. Needs Pillow (python3-pil) and, for the Group 4 PDFs, tiff2pdf (libtiff-tools).
"""

import importlib.util
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ss = load("samplescans", "make-samplescans.py")
ev = load("ocrevalset", "make-ocr-evalset.py")

DOCUMENTS = [ss.PARTY_QD, ss.PARTY_TB, ss.PARTY_CV, ss.STATE_QD, ss.STATE_CV, ss.STATE_KH,
             ss.STATE_BC, ev.PARTY_BC, ev.STATE_TB]

# kind: (container, colour, dpi, jpeg quality)
KINDS = [
    ("g4", "tiff-g4", "bilevel", 300, None),
    ("g4-multi", "tiff-g4-multi", "bilevel", 300, None),
    ("g4-pdf", "pdf-g4", "bilevel", 300, None),
    ("lzw", "tiff-lzw", "gray", 300, None),
    ("lzw-multi", "tiff-lzw-multi", "gray", 300, None),
    ("lzw-colour", "tiff-lzw", "rgb", 200, None),
    ("png", "png", "gray", 200, None),
    ("jpeg-300", "jpeg", "rgb", 300, 85),
    ("jpeg-200", "jpeg", "rgb", 200, 80),
    ("pdf-colour", "pdf-jpeg", "rgb", 200, 80),
    ("pdf-gray", "pdf-jpeg", "gray", 300, 80),
    ("png-bilevel", "png", "bilevel", 300, None),
]
TINTS = [(242, 233, 200), (246, 241, 222), (238, 232, 214), (244, 238, 226)]
# (file index, page index): clockwise turn the sheet was fed with.
TURNED = {(5, 1): 180, (16, 0): 90}


def degradation(rng, colour):
    """One page's scanner effects: skew up to ±2°, sometimes blur and noise, always specks."""
    spec = {"skew": round(rng.uniform(-2.0, 2.0), 1), "speckle": rng.randrange(20, 160)}
    if colour != "bilevel" and rng.random() < 0.35:
        spec["blur"] = round(rng.uniform(0.4, 1.0), 1)
    if colour != "bilevel" and rng.random() < 0.35:
        spec["noise"] = round(rng.uniform(2.5, 6.0), 1)
    if colour == "rgb":
        spec["tint"] = rng.choice(TINTS)
        spec["seal"] = rng.random() < 0.2
    return spec


def scanned_page(doc, page_index, dpi, colour, rng):
    """One scanned sheet: (image, text in reading order)."""
    pg = ss.render_page(doc, page_index, dpi, rng)
    spec = degradation(rng, colour)
    if not (page_index == len(doc["pages"]) - 1):
        spec["seal"] = False  # the seal goes in the signature space, only on a last page
    im, _, _ = ss.scan(pg, spec, colour, rng)
    if colour == "gray" and im.mode != "L":
        im = im.convert("L")
    return im, pg.text()


def documents_for(index, rng):
    """A run of whole documents, 3 to 6 pages, different for each file."""
    target = rng.randrange(3, 7)
    chosen, pages, start = [], 0, (index * 4) % len(DOCUMENTS)
    while pages < target:
        doc = DOCUMENTS[(start + len(chosen)) % len(DOCUMENTS)]
        chosen.append(doc)
        pages += len(doc["pages"])
    return [(doc, p) for doc in chosen for p in range(len(doc["pages"]))]


def write(folder, container, images, dpi, quality):
    """Writes one file's pages as a scanner would; returns [(source name, frame)] per page."""
    folder.mkdir(parents=True)
    if container in ("tiff-g4", "tiff-lzw", "png", "jpeg"):
        names = []
        for number, im in enumerate(images, start=1):
            if container == "tiff-g4":
                name = f"{number}.tif"; im.save(folder / name, "TIFF", compression="group4", dpi=(dpi, dpi))
            elif container == "tiff-lzw":
                name = f"{number}.tif"; im.save(folder / name, "TIFF", compression="tiff_lzw", dpi=(dpi, dpi))
            elif container == "png":
                name = f"{number}.png"; im.save(folder / name, "PNG", dpi=(dpi, dpi), optimize=True)
            else:
                name = f"{number}.jpg"; im.save(folder / name, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
            names.append((name, 0))
        return names
    if container in ("tiff-g4-multi", "tiff-lzw-multi"):
        compression = "group4" if container == "tiff-g4-multi" else "tiff_lzw"
        images[0].save(folder / "hoso.tif", "TIFF", compression=compression, dpi=(dpi, dpi),
                       save_all=True, append_images=images[1:])
        return [("hoso.tif", i) for i in range(len(images))]
    if container == "pdf-g4":
        with tempfile.TemporaryDirectory() as tmp:
            tif = Path(tmp) / "scan.tif"
            images[0].save(tif, "TIFF", compression="group4", dpi=(dpi, dpi), save_all=True, append_images=images[1:])
            subprocess.run(["tiff2pdf", "-o", str(folder / "scan.pdf"), "-c", "scanner", "-t", "scan",
                            "-e", "20250612093000", str(tif)], check=True)
        return [("scan.pdf", i) for i in range(len(images))]
    if container == "pdf-jpeg":
        buf = io.BytesIO()
        images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                       quality=quality, title="scan", creator="make-bench-corpus.py (synthetic scan)",
                       producer="make-bench-corpus.py", creationDate=ss.SCAN_DATE, modDate=ss.SCAN_DATE)
        (folder / "scan.pdf").write_bytes(buf.getvalue())
        return [("scan.pdf", i) for i in range(len(images))]
    raise ValueError(container)


def truth_pages(code, placed, texts, dpi, colour, container):
    return [{"source": f"{code}/{name}", "frame": frame, "page": number, "dpi": dpi, "colour": colour,
             "format": container, "text": text}
            for number, ((name, frame), text) in enumerate(zip(placed, texts), start=1)]


def ordinary_file(index):
    kind, container, colour, dpi, quality = KINDS[index % len(KINDS)]
    code = f"BM-XX.01.{kind}.{index + 1:04d}"
    rng = random.Random(code)
    images, texts = [], []
    for page_index, (doc, p) in enumerate(documents_for(index, rng)):
        im, text = scanned_page(doc, p, dpi, colour, random.Random(f"{code}/{page_index}"))
        turn = TURNED.get((index, page_index))
        if turn:
            im = im.rotate(-turn, expand=True)  # PIL turns counter-clockwise
        images.append(im)
        texts.append(text)
    return code, images, texts, dpi, colour, container, quality


def a3_spreads():
    """Bound volumes scanned open: two A4 pages side by side on one landscape A3 sheet."""
    code = "BM-LG.01.a3.0001"
    pairs = [(ss.STATE_QD, 0, ss.STATE_QD, 1), (ss.PARTY_QD, 0, ss.PARTY_QD, 1), (ss.STATE_KH, 0, ss.STATE_KH, 1)]
    images, texts = [], []
    for number, (left_doc, left_page, right_doc, right_page) in enumerate(pairs):
        rng = random.Random(f"{code}/{number}")
        left, left_text = scanned_page(left_doc, left_page, 300, "rgb", rng)
        right, right_text = scanned_page(right_doc, right_page, 300, "rgb", rng)
        sheet = Image.new("RGB", (left.width + right.width, max(left.height, right.height)), left.getpixel((5, 5)))
        sheet.paste(left, (0, 0))
        sheet.paste(right, (left.width, 0))
        images.append(sheet)
        texts.append(left_text + "\n" + right_text)
    return code, images, texts, 300, "rgb", "jpeg", 85


def fine_scans():
    """600 dpi scans: two Group 4 TIFFs and one gray JPEG (written as one file each)."""
    code = "BM-LG.01.600.0002"
    pages = [(ss.PARTY_TB, 0, "bilevel"), (ss.PARTY_CV, 0, "bilevel"), (ss.STATE_BC, 0, "gray")]
    folder_images = []
    for number, (doc, p, colour) in enumerate(pages):
        im, text = scanned_page(doc, p, 600, colour, random.Random(f"{code}/{number}"))
        folder_images.append((im, text, colour))
    return code, folder_images


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = []
    for make in [lambda i=i: ordinary_file(i) for i in range(24)] + [a3_spreads]:
        code, images, texts, dpi, colour, container, quality = make()  # one file in memory at a time
        placed = write(out / code, container, images, dpi, quality)
        files.append({"file_code": code, "pages": truth_pages(code, placed, texts, dpi, colour, container), "documents": []})
    code, fine = fine_scans()
    folder = out / code
    folder.mkdir(parents=True)
    pages = []
    for number, (im, text, colour) in enumerate(fine, start=1):
        if colour == "bilevel":
            name = f"{number}.tif"; im.save(folder / name, "TIFF", compression="group4", dpi=(600, 600))
        else:
            name = f"{number}.jpg"; im.save(folder / name, "JPEG", quality=85, dpi=(600, 600))
        pages.append({"source": f"{code}/{name}", "frame": 0, "page": number, "dpi": 600, "colour": colour,
                      "format": name.split(".")[1], "text": text})
    files.append({"file_code": code, "pages": pages, "documents": []})
    truth = {"generator": "scripts/make-bench-corpus.py", "files": files}
    (out.parent / f"{out.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(len(f["pages"]) for f in files)
    print(f"{len(files)} files, {total} pages in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
