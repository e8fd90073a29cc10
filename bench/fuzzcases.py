"""Damaged and hostile inputs for iop, made reproducibly from a seed: the fuzz suite's generator.

Used by tests/test_fuzz.py (a small fixed sample on every CI run) and bench/fuzz.py (N cases, with
counts of handled, crashed, hung and lost). It knows nothing of iop: a case is a name in bytes, a
kind of file and its bytes, written into a folder by materialise().

Kinds of damage: random bytes under a document's name, samples cut short or with bits flipped,
ZIP bombs named .docx, huge single lines, `<html>` followed by noise, a PDF with a giant page,
names in bytes that are not UTF-8 or that hold control characters or spreadsheet formulas, and
special files (FIFO, a link to /dev/zero, link loops, a broken link). With `scans=True` (for runs
with OCR on) also damaged scans: the scanned samples cut short or with bits flipped, images of
noise, a scanned PDF with a page turned and a page of nothing, and a PDF of many image pages.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXTENSIONS = (".pdf", ".docx", ".txt", ".md", ".html", ".eml", ".png")

AGREEMENT = """Överenskommelse om idéburet offentligt partnerskap
mellan Föreningen Läxhjälpen i Vadstena och Vadstena kommun
Diarienummer: KS 2024/{n}
Datum: 2024-11-20
Överenskommelsen gäller från och med 2025-01-01 till och med 2026-06-30.
Kommunen bidrar med 250 000 kr per år.
"""


@dataclass(frozen=True)
class Case:
    """One input: `kind` is file, fifo, link (to `target`), loop (a link to itself) or folder-loop."""

    name: bytes
    kind: str = "file"
    data: bytes = b""
    target: str = ""
    what: str = ""  # how it was made, for the report


def sample_files() -> list[Path]:
    """Give the binary and text samples damage is made from (not the scans: OCR is slow)."""
    return sorted(p for p in SAMPLES.iterdir()
                  if p.is_file() and p.suffix in EXTENSIONS and "skann" not in p.name and p.suffix != ".png")


def sample_scans() -> list[Path]:
    """Give the scanned samples (image-only PDF, PNG): what OCR reads."""
    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and ("skann" in p.name or p.suffix == ".png"))


def damaged_scan(rng: random.Random) -> Case:
    source = rng.choice(sample_scans())
    data = bytearray(source.read_bytes())
    if rng.random() < 0.5:
        cut = rng.randrange(1, len(data))
        return Case(f"scan-cut{source.suffix}".encode(), data=bytes(data[:cut]), what=f"{source.name} cut at {cut}")
    flips = rng.randint(1, 30)
    for _ in range(flips):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return Case(f"scan-flip{source.suffix}".encode(), data=bytes(data),
                what=f"{source.name} with {flips} bits flipped")


def noise_image(rng: random.Random) -> Case:
    """A page of grey noise, as PNG or as an image-only PDF, at a plausible or an absurd resolution."""
    from PIL import Image

    width, height = rng.choice(((300, 400), (850, 1100), (40, 4000)))
    image = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    dpi = rng.choice((20, 150, 300, 2400))
    buffer = io.BytesIO()
    kind = rng.choice(("PNG", "PDF"))
    image.save(buffer, format=kind, **({"resolution": dpi} if kind == "PDF" else {"dpi": (dpi, dpi)}))
    ext = ".pdf" if kind == "PDF" else ".png"
    return Case(f"noise{ext}".encode(), data=buffer.getvalue(), what=f"{width}x{height} px of noise at {dpi} dpi as {ext}")


def many_image_pages(rng: random.Random, pages: int = 300) -> Case:
    """An image-only PDF of many small blank pages (OCR must go page by page in steady memory)."""
    from PIL import Image

    blank = Image.new("L", (200, 280), 255)
    buffer = io.BytesIO()
    blank.save(buffer, format="PDF", resolution=25, save_all=True, append_images=[blank] * (pages - 1))
    return Case(b"many-pages.pdf", data=buffer.getvalue(), what=f"an image PDF of {pages} blank pages")


def random_bytes(rng: random.Random) -> Case:
    ext = rng.choice(EXTENSIONS)
    size = rng.choice((1, 10, 500, 5000, 100_000))
    return Case(f"random{ext}".encode(), data=rng.randbytes(size), what=f"{size} random bytes as {ext}")


def truncated(rng: random.Random) -> Case:
    source = rng.choice(sample_files())
    data = source.read_bytes()
    cut = rng.randrange(1, len(data))
    return Case(f"cut{source.suffix}".encode(), data=data[:cut], what=f"{source.name} cut at {cut}")


def bit_flipped(rng: random.Random) -> Case:
    source = rng.choice(sample_files())
    data = bytearray(source.read_bytes())
    flips = rng.randint(1, 30)
    for _ in range(flips):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return Case(f"flip{source.suffix}".encode(), data=bytes(data), what=f"{source.name} with {flips} bits flipped")


def zip_bomb(rng: random.Random, inflated: int = 300 * 2**20) -> Case:
    """A .docx whose document part inflates to `inflated` bytes of spaces (a few hundred KB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * 2**20
            for _ in range(inflated // len(chunk)):
                part.write(chunk)
    return Case(b"bomb.docx", data=buffer.getvalue(), what=f"ZIP bomb inflating to {inflated // 2**20} MB")


def huge_line(rng: random.Random, size: int = 3_000_000) -> Case:
    ext = rng.choice((".txt", ".md", ".html"))
    words = ("kommun", "förening", "avtal", "2025-01-01", "250 000 kr", "KS 2024/118", "<b>", "&amp;")
    line = " ".join(rng.choice(words) for _ in range(size // 7))
    return Case(f"huge{ext}".encode(), data=line.encode(), what=f"one line of {len(line):,} characters as {ext}")


def html_noise(rng: random.Random) -> Case:
    return Case(b"noise.html", data=b"<html>" + rng.randbytes(rng.choice((100, 20_000))),
                what="<html> followed by random bytes")


def giant_page_pdf(rng: random.Random) -> Case:
    side = rng.choice((14_400, 200_000))
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + f"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 {side} {side}]>>endobj\n".encode()
            + b"trailer<</Root 1 0 R>>\n%%EOF\n")
    return Case(b"giant.pdf", data=body, what=f"a PDF whose page is {side} pt square")


def odd_name(rng: random.Random) -> Case:
    names = (b"m-\xff.md", b"esc-\x1b[2J\x1b[H.txt", b'=HYPERLINK("http:x","y").md', b"+46.txt", b"@sum.md",
             b"line\nbreak.txt", b"a" * 240 + b".txt", b"-rf.md", b"\xe5\xe4\xf6-latin1.txt", b"tab\there.md")
    name = rng.choice(names)
    return Case(name, data=AGREEMENT.format(n=rng.randint(1, 9999)).encode(), what=f"a good file named {name!r}")


def special_file(rng: random.Random) -> Case:
    kind = rng.choice(("fifo", "zero", "loop", "folder-loop", "broken"))
    if kind == "fifo":
        return Case(b"pipe.txt", kind="fifo", what="a FIFO named .txt")
    if kind == "zero":
        return Case(b"zero.txt", kind="link", target="/dev/zero", what="a link to /dev/zero named .txt")
    if kind == "loop":
        return Case(b"loop.md", kind="loop", what="a link to itself")
    if kind == "folder-loop":
        return Case(b"up", kind="folder-loop", what="a link to the folder it is in")
    return Case(b"gone.pdf", kind="link", target="/nonexistent/gone.pdf", what="a broken link")


def empty_or_nul(rng: random.Random) -> Case:
    ext = rng.choice(EXTENSIONS)
    data = rng.choice((b"", b"\x00" * 4096, b"\xef\xbb\xbf", b"\xff\xfe"))
    return Case(f"blank{ext}".encode(), data=data, what=f"{len(data)} bytes of nothing as {ext}")


# Each maker with its weight: cheap, common damage most often; the slow kinds (bombs, huge lines)
# seldom, so that a sample of 20 stays quick.
MAKERS = ((random_bytes, 4), (truncated, 4), (bit_flipped, 6), (odd_name, 3), (special_file, 3),
          (html_noise, 1), (empty_or_nul, 2), (giant_page_pdf, 1), (zip_bomb, 1), (huge_line, 1))
SCAN_MAKERS = ((damaged_scan, 4), (noise_image, 2), (many_image_pages, 1))


def cases(seed: int, count: int, light: bool = False, scans: bool = False) -> list[Case]:
    """Give `count` cases made from `seed`; `light` makes bombs and huge lines small (for CI);
    `scans` mixes in damaged scans and noise images, for runs with OCR on."""
    rng = random.Random(seed)
    makers = [maker for maker, weight in MAKERS + (SCAN_MAKERS if scans else ()) for _ in range(weight)]
    made = []
    for _ in range(count):
        maker = rng.choice(makers)
        if light and maker is zip_bomb:
            made.append(zip_bomb(rng, inflated=8 * 2**20))
        elif light and maker is huge_line:
            made.append(huge_line(rng, size=300_000))
        elif light and maker is many_image_pages:
            made.append(many_image_pages(rng, pages=20))
        else:
            made.append(maker(rng))
    return made


def every_kind(light: bool = False, scans: bool = False) -> list[Case]:
    """Give one case of every kind of damage, special file and odd name (the CI sample's core);
    with `scans`, one of every kind of damaged scan too."""
    rng = random.Random(0)
    specials = [Case(b"pipe.txt", kind="fifo", what="a FIFO named .txt"),
                Case(b"zero.txt", kind="link", target="/dev/zero", what="a link to /dev/zero named .txt"),
                Case(b"loop.md", kind="loop", what="a link to itself"),
                Case(b"up", kind="folder-loop", what="a link to the folder it is in"),
                Case(b"gone.pdf", kind="link", target="/nonexistent/gone.pdf", what="a broken link")]
    names = [Case(name, data=AGREEMENT.format(n=n).encode(), what=f"a good file named {name!r}")
             for n, name in enumerate((b"m-\xff.md", b"esc-\x1b[2J\x1b[H.txt", b'=HYPERLINK("http:x","y").md'), 1)]
    damaged = [random_bytes(rng), truncated(rng), bit_flipped(rng), html_noise(rng), empty_or_nul(rng),
               giant_page_pdf(rng), zip_bomb(rng, inflated=8 * 2**20 if light else 300 * 2**20),
               huge_line(rng, size=300_000 if light else 3_000_000)]
    if scans:
        damaged += [damaged_scan(rng), noise_image(rng), many_image_pages(rng, pages=20 if light else 300)]
    return specials + names + damaged


def materialise(case: Case, folder: Path) -> Path:
    """Write a case into folder (made if need be); give the path written."""
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), case.name)))
    if case.kind == "fifo":
        os.mkfifo(path)
    elif case.kind == "link":
        os.symlink(case.target, path)
    elif case.kind == "loop":
        os.symlink(path, path)
    elif case.kind == "folder-loop":
        os.symlink(folder, path)
    else:
        path.write_bytes(case.data)
    return path


def bomb_ratio(data: bytes) -> float:
    """Give how many times a ZIP's members inflate over its size on disk (for reports)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(m.file_size for m in archive.infolist()) / max(1, len(data))

