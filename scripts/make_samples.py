"""Regenerate the bundled sample corpus, and write synthetic corpora for benchmarks.

    python scripts/make_samples.py [OUTDIR]      # default: samples/ next to this script's parent

Every sample is written from text held in this file, so the binary files (PDF, DOCX, PNG) can be
rebuilt byte for byte: reportlab runs with `invariant=1`, DOCX files get fixed core properties and
fixed zip timestamps, scans are rendered without randomness other than a seeded generator, and
Pillow's PDF writer gets fixed dates.

The samples carry the facts of the five seed documents in ../shared/seeds, written anew:
see samples/README.md for which file carries which facts. samples/diff/ holds two versions of one
invented agreement (Vadstena kommun and Väntjänsten i Vadstena) for `iop diff`.

`write_corpus(outdir, n_docs, pages_per_doc, seed)` writes a synthetic benchmark corpus of
text-layer PDFs in the same style (bench/ingest.py imports it).
"""
from __future__ import annotations

import io
import random
import re
import sys
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

NBSP = "\u00a0"
SHY = "\u00ad"  # a place where a long word may be hyphenated at a line end
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "serif-italic": "DejaVuSerif-Italic.ttf",
}
PAGE_W, PAGE_H = 595.27, 841.89  # A4 in points
MARGIN_L, MARGIN_R, MARGIN_TOP, MARGIN_BOTTOM = 72.0, 62.0, 64.0, 78.0
SCAN_DPI = 300


def kr(amount: int, unit: str = "kr") -> str:
    """Give an amount the way Swedish offices type it: thousands and unit joined by NBSP.

    >>> kr(813514) == "813\\u00a0514\\u00a0kr"
    True
    >>> kr(1477198, "kronor") == "1\\u00a0477\\u00a0198\\u00a0kronor"
    True
    """
    digits = f"{amount:,}".replace(",", NBSP)
    return f"{digits}{NBSP}{unit}" if unit else digits


def luhn_ok(org_number: str) -> bool:
    """Say whether an organisationsnummer's last digit is its Luhn check digit.

    >>> luhn_ok("822004-0417"), luhn_ok("212000-0449"), luhn_ok("802490-7721")
    (True, True, False)
    """
    digits = [int(c) for c in org_number if c.isdigit()]
    if len(digits) != 10:
        return False
    total = 0
    for i, d in enumerate(digits):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def with_check_digit(nine_digits: str) -> str:
    """Give the NNNNNN-NNNN organisationsnummer whose Luhn check digit completes nine digits.

    >>> with_check_digit("822004041")
    '822004-0417'
    """
    for last in "0123456789":
        candidate = f"{nine_digits[:6]}-{nine_digits[6:]}{last}"
        if luhn_ok(candidate):
            return candidate
    raise AssertionError("unreachable: one check digit always fits")


# ---------------------------------------------------------------------------------------------
# Layout: a small page model shared by the PDF writer and the scan renderer
# ---------------------------------------------------------------------------------------------
# A document body is written in a tiny markup, parsed into blocks:
#   "# Title", "## Heading", "### Subheading", lines "- bullet", lines "1. numbered",
#   "| a | b |" table rows (first row is the header; "|---|" rows are ignored),
#   anything else a paragraph whose source lines are hard line breaks.
# Blocks are separated by blank lines.


@dataclass(frozen=True)
class Letterhead:
    """What stands above the body on page one and around it on every page."""

    org: str  # "LINKÖPINGS KOMMUN"
    unit: str  # "Socialförvaltningen"
    kind: str  # "TJÄNSTESKRIVELSE"
    fields: tuple[tuple[str, str], ...]  # header block columns: (label, value)
    addressee: str = ""
    footer: str = ""  # left footer text; the page number "1 (3)" stands on the right
    running: str = ""  # right side of the running header on pages 2 and on


@dataclass(frozen=True)
class Block:
    kind: str  # title | h2 | h3 | p | li | num | table
    lines: tuple[str, ...]


def parse_body(body: str) -> list[Block]:
    """Give the blocks of a body written in the markup above.

    >>> [b.kind for b in parse_body("# T\\n\\n## H\\n\\nText\\n\\n- a\\n- b\\n\\n| x | y |\\n|---|---|\\n| 1 | 2 |")]
    ['title', 'h2', 'p', 'li', 'li', 'table']
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip("\n")):
        if not chunk.strip():
            continue
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n")]
        first = lines[0]
        if first.startswith("# "):
            blocks.append(Block("title", tuple(line.lstrip("# ") for line in lines)))
        elif first.startswith("## "):
            blocks.append(Block("h2", (first[3:],)))
        elif first.startswith("### "):
            blocks.append(Block("h3", (first[4:],)))
        elif first.startswith("|"):
            rows = [line for line in lines if not re.fullmatch(r"\|[-:| ]+\|", line)]
            blocks.append(Block("table", tuple(rows)))
        elif first.startswith("- "):
            blocks.extend(Block("li", (line[2:],)) for line in lines)
        elif re.match(r"\d+\. ", first):
            blocks.extend(Block("num", (line,)) for line in lines)
        else:
            blocks.append(Block("p", tuple(lines)))
    return blocks


def table_cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


@lru_cache(maxsize=None)
def _reportlab_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # reportlab writes U+00A0 as a plain space; word processors keep it in the text layer
    # (`813 514 kr` comes out of pypdfium2 with NBSPs). A stand-in code point carries NBSP through
    # reportlab's subsetting and is turned back into U+00A0 in the subset, so ToUnicode says NBSP.
    stand_in = 0x2008

    class NbspTTFont(TTFont):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.face.charToGlyph[stand_in] = self.face.charToGlyph[0x20]
            self.face.charWidths[stand_in] = self.face.charWidths[0x20]

        def splitString(self, text, doc, encoding="utf-8"):
            result = super().splitString(text.replace(NBSP, chr(stand_in)), doc, encoding)
            for subset in self.state[doc].subsets:
                for i, code in enumerate(subset):
                    if code == stand_in:
                        subset[i] = 0xA0
            return result

    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(NbspTTFont(name, str(FONT_DIR / file)))


def text_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    _reportlab_fonts()
    return pdfmetrics.stringWidth(text, font, size)


@lru_cache(maxsize=200_000)
def _word_width(word: str, font: str, size: float) -> float:
    return text_width(word, font, size)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Give the lines of a paragraph broken to fit width; soft hyphens may break a long word.

    >>> wrap("ett två tre", "serif", 10, 1000)
    ['ett två tre']
    >>> wrap("aaaa bbbb", "serif", 10, text_width("aaaa", "serif", 10) + 1)
    ['aaaa', 'bbbb']
    >>> wrap("Den nya överens\u00adkommelsen", "serif", 10, text_width("Den nya överens-", "serif", 10) + 1)
    ['Den nya överens-', 'kommelsen']
    """
    space = _word_width(" ", font, size)
    lines: list[str] = []
    current, current_w = "", 0.0
    for word in text.split(" "):
        plain = word.replace(SHY, "")
        word_w = _word_width(plain, font, size)
        if not current or current_w + space + word_w <= width:
            current = f"{current} {plain}" if current else plain
            current_w = current_w + space + word_w if current_w else word_w
            continue
        # The word does not fit: break it at its last soft hyphen that still fits, if any.
        pieces = word.split(SHY)
        for cut in range(len(pieces) - 1, 0, -1):
            head = "".join(pieces[:cut]) + "-"
            if current_w + space + _word_width(head, font, size) <= width:
                lines.append(f"{current} {head}")
                current = "".join(pieces[cut:])
                current_w = _word_width(current, font, size)
                break
        else:
            lines.append(current)
            current, current_w = plain, word_w
    lines.append(current)
    return lines


# An op draws one thing on a page: ("text", font, size, x, y, string, align) with y the baseline
# from the bottom, align "l" or "r"; ("line", x1, y1, x2, y2, width); ("curve", points, width).
Op = tuple


@dataclass
class Row:
    """A piece of the body that is never split across pages: a line, a table row."""

    height: float
    ops: list[Op]  # y measured downwards from the row's top
    space_before: float = 0.0
    keep_with_next: bool = False


STYLES = {  # kind: (font, size, leading, space_before, indent)
    "title": ("sans-bold", 14.0, 18.0, 6.0, 0.0),
    "h2": ("sans-bold", 11.5, 15.0, 12.0, 0.0),
    "h3": ("sans-bold", 10.5, 14.0, 8.0, 0.0),
    "p": ("serif", 10.5, 14.2, 7.0, 0.0),
    "li": ("serif", 10.5, 14.2, 3.0, 16.0),
    "num": ("serif", 10.5, 14.2, 4.0, 18.0),
}


def body_rows(blocks: list[Block], width: float) -> list[Row]:
    """Give the rows of a body laid out in a column of the given width."""
    rows: list[Row] = []
    for block in blocks:
        if block.kind == "table":
            rows.extend(table_rows(block, width))
            continue
        font, size, leading, space_before, indent = STYLES[block.kind]
        keep = block.kind in ("title", "h2", "h3")
        first = True
        for source_line in block.lines:
            text, marker = source_line, ""
            if block.kind == "li":
                marker = "–"
            elif block.kind == "num":
                marker, _, text = source_line.partition(" ")
            for line in wrap(text, font, size, width - indent) if text else [""]:
                ops: list[Op] = [("text", font, size, indent, size, line, "l")]
                if marker and first:
                    ops.append(("text", font, size, 0.0, size, marker, "l"))
                rows.append(Row(leading, ops, space_before if first else 0.0, keep))
                first = False
            marker = ""
    return rows


def table_rows(block: Block, width: float) -> list[Row]:
    """Give a ruled table as rows: header row bold, columns sized by their longest word run."""
    cells = [table_cells(row) for row in block.lines]
    n_cols = max(len(row) for row in cells)
    weights = [max(8, min(42, max(len(row[c]) if c < len(row) else 0 for row in cells))) for c in range(n_cols)]
    col_w = [width * w / sum(weights) for w in weights]
    col_x = [sum(col_w[:c]) for c in range(n_cols)]
    size, leading, pad = 9.5, 12.5, 4.0
    rows: list[Row] = []
    for r, row in enumerate(cells):
        font = "sans-bold" if r == 0 else "serif"
        wrapped = [wrap(row[c] if c < len(row) else "", font, size, col_w[c] - 2 * pad) for c in range(n_cols)]
        height = max(len(w) for w in wrapped) * leading + 2 * pad
        ops: list[Op] = [("line", 0.0, 0.0, width, 0.0, 0.6)]
        for c, lines in enumerate(wrapped):
            for i, line in enumerate(lines):
                ops.append(("text", font, size, col_x[c] + pad, pad + size + i * leading, line, "l"))
        for x in col_x + [width]:
            ops.append(("line", x, 0.0, x, height, 0.6))
        if r == len(cells) - 1:
            ops.append(("line", 0.0, height, width, height, 0.6))
        rows.append(Row(height, ops, 8.0 if r == 0 else 0.0, r == 0))
    return rows


def first_page_head(head: Letterhead) -> tuple[list[Op], float]:
    """Give page one's letterhead and header block, and the y where the body starts."""
    top = PAGE_H - MARGIN_TOP
    right = PAGE_W - MARGIN_R
    ops: list[Op] = [
        ("text", "sans-bold", 13.0, MARGIN_L, top, head.org, "l"),
        ("text", "sans", 9.5, MARGIN_L, top - 14, head.unit, "l"),
        ("text", "sans-bold", 10.0, right, top, head.kind, "r"),
    ]
    y = top - 48
    if head.fields:
        # Labels over values, in columns: the layout pdfplumber has to pair by x position.
        col_w = (right - MARGIN_L) / max(3, len(head.fields))
        # Drawn row by row, as word processors do, so text order alone does not pair them.
        for i, (label, _) in enumerate(head.fields):
            ops.append(("text", "sans", 7.5, MARGIN_L + i * col_w, y, label, "l"))
        for i, (_, value) in enumerate(head.fields):
            ops.append(("text", "sans", 10.0, MARGIN_L + i * col_w, y - 13, value, "l"))
        y -= 30
    ops.append(("line", MARGIN_L, y, right, y, 0.5))
    y -= 26
    if head.addressee:
        ops.append(("text", "sans-bold", 10.5, MARGIN_L, y, head.addressee, "l"))
        y -= 22
    return ops, y


def page_frame(head: Letterhead, page: int, pages: int) -> list[Op]:
    """Give the running header (pages 2 and on) and the footer with `page (pages)`."""
    right = PAGE_W - MARGIN_R
    ops: list[Op] = [
        ("line", MARGIN_L, 52, right, 52, 0.4),
        ("text", "sans", 8.0, MARGIN_L, 40, head.footer, "l"),
        ("text", "sans", 8.0, right, 40, f"{page} ({pages})", "r"),
    ]
    if page > 1:
        ops.append(("text", "sans-bold", 8.0, MARGIN_L, PAGE_H - 40, head.org, "l"))
        ops.append(("text", "sans", 8.0, right, PAGE_H - 40, head.running, "r"))
    return ops


def paginate(head: Letterhead, body: str, max_pages: int | None = None) -> list[list[Op]]:
    """Give each page's ops: letterhead, body rows placed top-down, and the page frame."""
    width = PAGE_W - MARGIN_L - MARGIN_R
    rows = body_rows(parse_body(body), width)
    head_ops, y = first_page_head(head)
    pages: list[list[Op]] = [list(head_ops)]
    top_of_page = PAGE_H - MARGIN_TOP
    for i, row in enumerate(rows):
        need = row.space_before + row.height
        if row.keep_with_next and i + 1 < len(rows):
            need += rows[i + 1].space_before + rows[i + 1].height
        at_top = not pages[-1] or y == top_of_page
        if y - need < MARGIN_BOTTOM and not at_top:
            if max_pages and len(pages) >= max_pages:
                break
            pages.append([])
            y = top_of_page
        if y != top_of_page:
            y -= row.space_before
        pages[-1].extend(_place(op, MARGIN_L, y) for op in row.ops)
        y -= row.height
    return [page + page_frame(head, n, len(pages)) for n, page in enumerate(pages, start=1)]


def _place(op: Op, x0: float, y_top: float) -> Op:
    if op[0] == "text":
        kind, font, size, x, y, text, align = op
        return (kind, font, size, x0 + x, y_top - y, text, align)
    kind, x1, y1, x2, y2, w = op
    return (kind, x0 + x1, y_top - y1, x0 + x2, y_top - y2, w)


# ---------------------------------------------------------------------------------------------
# Writers: text-layer PDF, scanned (image-only) PDF and PNG, DOCX
# ---------------------------------------------------------------------------------------------
def pdf_bytes(pages: list[list[Op]], title: str, author: str = "") -> bytes:
    """Give a text-layer PDF of laid-out pages; the same pages give the same bytes."""
    from reportlab.pdfgen import canvas

    _reportlab_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    pdf.setCreator("iop scripts/make_samples.py")
    for ops in pages:
        for op in ops:
            if op[0] == "text":
                _, font, size, x, y, text, align = op
                pdf.setFont(font, size)
                (pdf.drawRightString if align == "r" else pdf.drawString)(x, y, text)
            elif op[0] == "line":
                _, x1, y1, x2, y2, w = op
                pdf.setLineWidth(w)
                pdf.line(x1, y1, x2, y2)
            elif op[0] == "curve":
                _, points, w = op
                pdf.setLineWidth(w)
                path = pdf.beginPath()
                path.moveTo(*points[0])
                for p in points[1:]:
                    path.lineTo(*p)
                pdf.drawPath(path, stroke=1, fill=0)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


@lru_cache(maxsize=None)
def _pil_font(font: str, px: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[font]), px)


def scan_page(ops: list[Op], seed: int, dpi: int = SCAN_DPI):
    """Give a 1-bit page image as an office scanner makes it: slightly skewed, a few specks."""
    from PIL import Image, ImageDraw

    scale = dpi / 72.0
    size = (round(PAGE_W * scale), round(PAGE_H * scale))
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for op in ops:
        if op[0] == "text":
            _, font, pt, x, y, text, align = op
            anchor = "rs" if align == "r" else "ls"
            draw.text((x * scale, (PAGE_H - y) * scale), text, font=_pil_font(font, round(pt * scale)), fill=0, anchor=anchor)
        elif op[0] == "line":
            _, x1, y1, x2, y2, w = op
            xy = [(x1 * scale, (PAGE_H - y1) * scale), (x2 * scale, (PAGE_H - y2) * scale)]
            draw.line(xy, fill=0, width=max(1, round(w * scale)))
        elif op[0] == "curve":
            _, points, w = op
            draw.line([(x * scale, (PAGE_H - y) * scale) for x, y in points], fill=0, width=max(1, round(w * scale)), joint="curve")
    rng = random.Random(seed)
    image = image.rotate(rng.uniform(-0.45, 0.45), resample=Image.BICUBIC, fillcolor=255)
    pixels = image.load()
    for _ in range(1500):  # dust on the scanner glass
        x, y = rng.randrange(size[0] - 3), rng.randrange(size[1] - 3)
        for dx in range(rng.randint(1, 3)):
            pixels[x + dx, y] = 0
    return image.point(lambda v: 255 if v > 150 else 0).convert("1")


FIXED_TIME = time.struct_time((2025, 3, 17, 9, 0, 0, 0, 76, 0))


def scanned_pdf_bytes(images: list, title: str) -> bytes:
    """Give an image-only PDF (CCITT G4 pages, no text layer) with fixed dates."""
    buf = io.BytesIO()
    images[0].save(
        buf, format="PDF", save_all=True, append_images=images[1:], resolution=float(SCAN_DPI),
        title=title, producer="iop scripts/make_samples.py (scan)", creationDate=FIXED_TIME, modDate=FIXED_TIME,
    )
    return buf.getvalue()


def png_bytes(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(SCAN_DPI, SCAN_DPI), optimize=True)
    return buf.getvalue()


def docx_bytes(body: str, meta_rows: tuple[tuple[str, str], ...], title: str, author: str,
               header_text: str, footer_text: str, created: datetime, meta_as_table: bool) -> bytes:
    """Give a DOCX of a body in the markup above: headings, lists, tables; fixed properties."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Garamond"
    document.styles["Normal"].font.size = Pt(11.5)
    section = document.sections[0]
    section.header.paragraphs[0].text = header_text
    section.footer.paragraphs[0].text = footer_text
    blocks = parse_body(body)
    # The title comes first, then the document's facts: as label/value table or as "Label: value".
    if blocks and blocks[0].kind == "title":
        document.add_heading(" ".join(blocks[0].lines).replace(SHY, ""), level=0)
        blocks = blocks[1:]
    if meta_as_table:
        table = document.add_table(rows=2, cols=len(meta_rows))
        table.style = "Table Grid"
        for i, (label, value) in enumerate(meta_rows):
            table.cell(0, i).text = label
            table.cell(1, i).text = value
    else:
        for label, value in meta_rows:
            document.add_paragraph(f"{label}: {value}")
    for block in blocks:
        text = "\n".join(block.lines).replace(SHY, "")
        if block.kind == "h2":
            document.add_heading(text, level=1)
        elif block.kind == "h3":
            document.add_heading(text, level=2)
        elif block.kind == "li":
            document.add_paragraph(text, style="List Bullet")
        elif block.kind == "num":
            document.add_paragraph(text.partition(" ")[2], style="List Number")
        elif block.kind == "table":
            cells = [table_cells(row) for row in block.lines]
            table = document.add_table(rows=len(cells), cols=max(len(r) for r in cells))
            table.style = "Table Grid"
            for r, row in enumerate(cells):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        elif block.kind == "title":
            document.add_heading(text, level=0)
        else:
            document.add_paragraph(text)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = props.last_printed = created
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip(buf.getvalue(), created)


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """Give the same zip with every member's timestamp set to `when`, so bytes are reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The samples: the facts of the five seeds, written in our own words
# ---------------------------------------------------------------------------------------------
LINKOPING_FOOTER = "Linköpings kommun · Socialförvaltningen · linkoping.se"

# Partnership 1, the evaluation (seed 000). Text PDF; the same header block issue 2 quotes.
EVALUATION_HEAD = Letterhead(
    org="LINKÖPINGS KOMMUN",
    unit="Socialförvaltningen",
    kind="TJÄNSTESKRIVELSE",
    fields=(("Datum", "2025-04-14"), ("Diarienummer", "SON 2024-1523"), ("Handläggare", "Hanna Flod")),
    addressee="Social- och omsorgsnämnden",
    footer=LINKOPING_FOOTER,
    running="Tjänsteskrivelse · SON 2024-1523",
)

EVALUATION_BODY = f"""
# Utvärdering av överenskommelsen om idéburet offentligt partnerskap (IOP) mellan Linköpings kommun och Brottsofferjour och vittnesstöd (Brovi) Linköping

## Förslag till social- och omsorgsnämndens beslut

1. Nämnden noterar socialförvaltningens rapport om utvärderingen av IOP:n mellan social- och omsorgsnämnden och Brovi Linköping.

## Ärendet i korthet

Den överenskommelse om idéburet offentligt partnerskap som Linköpings kommun har med Brovi Linköping upphör 31 december 2025. Enligt överenskommelsen ska social- och omsorgsnämnden få en återrapportering om överenskommelsen första kvartalet 2025, och den lämnas med denna skrivelse.

Dokumentationen från avtalsperioden visar att överenskommelsen i stora delar har motsvarat förväntningarna, framför allt när det gäller de operativa åtaganden som vardera parten ansvarar för. Som utvecklingsområde ser förvaltningen hur en IOP utformas när den ska vara ett verktyg för strategisk samverkan kring komplexa samhällsutmaningar.

Beslutsunderlag: denna tjänsteskrivelse, Utvärdering av överenskommelse om idéburet offentligt partnerskap mellan Linköpings kommun och Brottsofferjour och vittnesstöd (Brovi) Linköping, 2025-04-14.

## Bakgrund

Social- och omsorgsnämnden och Brovi (Brottsofferjour och vittnesstöd) Linköping har haft en IOP sedan 2020. Överenskommelsen reviderades 2023 och gäller till och med 31 december 2025. Syftet är att den som bor i Linköpings kommun och har utsatts för brott ska få stöd och vägledning. Brovi är en fristående brottsofferjour med bas i Linköping som verkar lokalt i Östergötland.

Utvärderingen har två delar: den ena gäller IOP som form för överenskommelsen, den andra vad parterna har gjort och presterat i förhållande till överenskommelsens innehåll.

## Utvärdering av överenskommelsen som form

En IOP formaliserar samverkan mellan offentlig och idéburen sektor, där båda bidrar som jämbördiga parter för att möta komplexa samhällsutmaningar. I den överenskommelse som nämnden och Brovi Linköping har ingått saknas en tydlig beskrivning av vilken gemensam samhällsutmaning parterna vill möta och vad samverkan ska uppnå. Räknar man målet som att brottsoffer ska erbjudas stöd och vägledning har överenskommelsen nått sitt mål.

Skrivningarna i överenskommelsen har efter undertecknandet behövt förtydligas i dialog mellan parterna, vilket tyder på att partnerskapet inte formulerades gemensamt fullt ut. Ansvaret är fördelat på vad vardera parten ska göra och på ett gemensamt uppdrag i operativ och strategisk samverkan. Av de möten som hållits drar förvaltningen slutsatsen att samverkan främst har handlat om att förmedla ärenden mellan Brovi och Stödcentrum. Det beror inte på ovilja hos någon av parterna; samverkan har helt enkelt inte haft någon tydlig koppling till ett mervärde för målgruppen. Båda parter är överens om att dialogen har fungerat väl.

Kommunfullmäktige väntas i maj anta riktlinjer för hur Linköpings kommun ska förhålla sig till IOP. Riktlinjerna ska hjälpa nämnder och förvaltningar när en IOP ska ingås.

## Utvärdering av parternas insatser och prestationer

### Socialförvaltningen

Socialförvaltningen ansvarar för överenskommelsen och för brottsofferstödet på övergripande nivå genom samordning, uppföljning och finansiering. Stödcentrum ger stöd till unga brottsoffer upp till 20 år och ska dessutom hålla möten med Brovi för att följa upp ungdomsärenden, planera utbildningar och sprida kunskap till målgruppen.

Antalet ärenden hos Stödcentrum har minskat kraftigt sedan 2022. Minskningen hänger inte ihop med hur många unga som utsätts för brott utan med att Polismyndigheten har ändrat hur uppgifter om brottsoffer förmedlas.

Dokumentationen visar att parterna har hållit ett operativt möte och två strategiska möten. Enligt överenskommelsen ska båda mötesformerna hållas två gånger per år. Innehållet visar att parterna arbetar inom sina ansvarsområden och att brottsoffer får det stöd de har rätt till.

### Brovi Linköping

Brovi ger stöd till brottsoffer över 18 år och har löpande rapporterat statistik och verksamhetsberättelser till förvaltningen. Föreningen har en anställd samordnare och ett team av sju ideella stödpersoner och sju vittnesstöd som utbildas fortlöpande. En uppföljning av föreningens verksamhet i februari 2025 visar att Brovi uppfyller alla förväntningar som ställs i IOP:n.

| Statistik från Brovi (Linköping) | 2022 | 2023 | 2024 |
|---|---|---|---|
| Antal ärenden | 765 | 867 | 707 |

## Slutsats

Det operativa samarbetet mellan Linköpings kommun och Brovi Linköping har fungerat väl inom respektive organisations ansvar. IOP som form har däremot inte använts fullt ut för gemensam strategisk samverkan kring komplexa samhällsutmaningar. I kommande överenskommelser bör gemensamma mål och strategier formuleras tydligare.

## Ekonomiska konsekvenser

Social- och omsorgsnämndens sammanlagda kostnad för överenskommelsen har hittills uppgått till {kr(1477198, "kronor")}. I beloppet ingår inte den personal som har arbetat med att ta fram, genomföra, samordna och följa upp överenskommelsen.

## Kommunala mål

Målområde: Samhälle
Målområde: Medborgare
Målområde: Verksamhet

Socialförvaltningen

Yvonne Thilander

Beslutet skickas till: Brovi Linköping
"""

# Partnership 1, the proposal to sign the agreement (seed 002): no case number, no date. OCR text.
PROPOSAL_CLEAN = f"""IOP med Brottsofferjouren i Linköping
Socialförvaltningen, tjänsteskrivelse

Förslag till beslut
1. Social- och omsorgsnämnden tecknar en överenskommelse om idéburet offentligt partnerskap med Brottsofferjouren i Linköping för perioden 2023-01-01- 2025-12-31.
2. Social- och omsorgsdirektören får i uppdrag att underteckna överenskommelsen.
3. Återrapport till social- och omsorgsnämnden lämnas under första kvartalet 2025.

Ärendet
Sedan 2020 har Linköpings kommun en IOP-överenskommelse med Brottsofferjouren i Linköping. Den nuvarande överenskommelsen upphör vid årsskiftet. En IOP ska göra det möjligt för en idéburen organisation att under ekonomiskt trygga och tydliga villkor bedriva verksamhet som kommunen behöver.
Målgruppen är invånare i Linköpings kommun som har utsatts för brott, deras anhöriga och vittnen.
Under 2022 har Social- och omsorgsförvaltningen, Leanlink, Stödcentrum och Brottsofferjouren fört samtal om hur samverkan kan utvecklas. När Stödcentrum och Brottsofferjouren arbetar tillsammans kan unga brottsoffer och deras familjer oftare få vägledning, stöd och hjälp. Den nya samverkan mellan tre parter ska ge målgruppen större nytta.
Uppföljning och statistik visar att behovet finns kvar och att den nuvarande överenskommelsen har fyllt sitt syfte. Förvaltningen föreslår därför en ny överenskommelse med Brottsofferjouren i Linköping från och med 2023-01-01 till och med 2025-12-31.

Bakgrund
Kommunfullmäktige i Linköping antog 2012 ett program för kommunens samverkan med den idéburna sektorn, och i januari 2016 beslutade fullmäktige om riktlinjer för idéburet offentligt partnerskap. Brottsofferjouren i Linköping har skrivit under den överenskommelse som hör till programmet.
Brottsofferjouren har en stark lokal förankring och har under tio år byggt upp samverkan med kommunen, universitetet, polisen, regionen, domstolen och försäkringsbolagen. Jouren har sina lokaler hos Polismyndigheten i Linköping.

Kommunens ansvar
Enligt 5 kap. 11 § socialtjänstlagen ska socialnämnden verka för att den som har utsatts för brott och dennes närstående får stöd och hjälp. Ideella organisationer är här ett viktigt komplement till myndigheternas stöd.

Brottsofferjouren i Linköping
Brottsofferjouren är en ideell förening som stöder brottsoffer, vittnen och anhöriga i Linköping och har haft uppdrag av kommunen sedan 2008. Jouren har också överenskommelser med Åtvidaberg, Kinda och Ydre. Under 2021 fick 1 964 brottsoffer, vittnen och anhöriga stöd genom jouren.

Ekonomiska konsekvenser
Överenskommelsens ekonomiska omfattning är 813 514 kr per kalenderår. Social- och omsorgsnämnden bidrar med 472 200 kr och Brottsofferjouren med ungefär 1 500 ideella arbetstimmar, som motsvarar 341 314 kronor.
Utbetalning sker en gång per år i januari månad. Beloppet räknas upp varje år enligt OPI från och med 2024-01-01. Brottsofferjouren får söka medel också från andra finansiärer.

Uppföljning och utvärdering
Överenskommelsen gäller i tre år, från och med 2023-01-01 till och med 2025-12-31. Social- och omsorgsförvaltningen utvärderar överenskommelsen varje år. Återrapport till social- och omsorgsnämnden sker under överenskommelsens sista år, första kvartalet 2025.

Information eller förhandling enligt medbestämmandelagen (1976:580)
Inte påkallad.

Social- och omsorgsförvaltningen
Linda Ljungqvist

Beslutet skickas till: Brottsofferjouren i Linköping
"""

# OCR confusions as the seed shows them; each word cycles through its variants, so the text holds
# both clean and damaged forms of the same word, as real OCR output does. Digits are left alone.
OCR_CONFUSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Linköping", ("Linkdping", "Linköping", "Linkoping", "Linkdping", "Link6ping")),
    ("Överenskommelse", ("Overenskommelse", "6verenskommelse")),
    ("överenskommelse", ("6verenskommelse", "overenskommelse", "éverenskommelse", "överenskommelse")),
    ("upphör", ("upphdr",)),
    ("första", ("férsta", "forsta")),
    ("förvaltning", ("férvaltning", "forvaltning")),
    ("Förslag", ("Forslag",)),
    ("IOP", ("IOP", "I0P", "|OP")),
    ("stöd", ("stdd", "stod", "stöd", "stéd")),
    ("nämnd", ("namnd", "nämnd")),
    ("år", ("ar", "år")),
    ("ä", ("a", "a", "ä")),
    ("å", ("a", "å")),
    ("ö", ("o", "ö", "é")),
)


def ocr_damage(text: str, width: int = 76) -> str:
    """Give text as a Swedish OCR run leaves it: confused letters, hard-wrapped lines.

    >>> ocr_damage("överenskommelse upphör i Linköping", 80)
    '6verenskommelse upphdr i Linkdping\\n'
    """
    counters: dict[str, int] = {}

    def variant(match: re.Match) -> str:
        key = match.group(0)
        variants = dict(OCR_CONFUSIONS)[key]
        n = counters.get(key, 0)
        counters[key] = n + 1
        return variants[n % len(variants)]

    pattern = re.compile("|".join(re.escape(word) for word, _ in OCR_CONFUSIONS))
    damaged = pattern.sub(variant, text)
    out: list[str] = []
    for line in damaged.split("\n"):
        out.extend(_hard_wrap(line, width) if line else [""])
    return "\n".join(out) + ("\n" if not damaged.endswith("\n") else "")


def _hard_wrap(line: str, width: int) -> list[str]:
    """Give a line wrapped at spaces, never between the digit groups of one number."""
    words = re.split(r"(?<!\d) | (?!\d)", line)
    lines, current = [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


# Partnership 1, the agreement itself (seed 001). DOCX, with the meeting forums as a table.
AGREEMENT_META = (
    ("Diarienummer", "SON 2019-536"),
    ("Datum", "2022-12-10"),
    ("Handläggare", "John Fristedt"),
    ("Organisation", "Social- och omsorgsförvaltningen, avdelning vuxna"),
)

AGREEMENT_BODY = f"""
# Idéburet offentligt partnerskap (IOP) mellan Brottsofferjouren i Linköping och Linköpings kommun

## Bakgrund

Idéburet offentligt partnerskap är en form för samverkan mellan offentlig verksamhet och civilsamhällets organisationer, ofta kring komplexa samhällsutmaningar.

Enligt socialtjänstlagen ska kommunen se till att den som har utsatts för eller bevittnat brott får stöd. Brottsofferparagrafen i 5 kap. 11 § SoL ger socialnämnden ansvar för att verka för att brottsoffer och deras närstående får stöd och hjälp.

Linköpings kommun och Brottsofferjouren i Linköping har sedan 2019 haft en överenskommelse om idéburet offentligt partnerskap för att nämndens ansvar för brottsoffer ska uppfyllas. Under 2022 har kommunen, genom Social- och omsorgsförvaltningen och Leanlink, fört samtal med Brottsofferjouren om att förlänga samarbetet och att i en ny överenskommelse göra parternas åtaganden tydligare.

## Utgångspunkter

- Överenskommelsen om samverkan mellan Linköpings kommun och den idéburna sektorn
- Kommunfullmäktiges budget, de kommunala målen och inriktningsdokumenten
- Kommunens handlingsplan mot våld i nära relationer och hedersrelaterat våld

## Gemensam samhällsutmaning och syfte

Den som har drabbats av brott, och de närstående, behöver rätt information vid rätt tidpunkt. Ideella organisationer kompletterar myndigheternas stöd: ett samtal med en medmänniska som kan området kan vara avgörande för att bearbeta det som hänt och för att känna upprättelse. Idéburna organisationer är självständiga, samlar människor kring en värdegrund och får därigenom kunskap och en röst som ger ett mervärde i välfärden.

## Värdegrund

Partnerskapet vilar på respekt för varandras förutsättningar, öppenhet, ömsesidig tillit och förståelse, långsiktighet och öppenhet för kritik, och på att de offentliga medlen hanteras korrekt. Parterna utgår från FN:s konvention om mänskliga rättigheter, barnkonventionen, CEMR-deklarationen om jämställdhet på lokal och regional nivå samt kommunens policyer och riktlinjer.

## Målgrupper

Brottsofferjouren vänder sig till kommuninvånare över 18 år som har utsatts för brott, till deras anhöriga och till vittnen. Personer under 20 år vägleds till kommunens Stödcentrum för unga brottsutsatta, som också stöder föräldrar till barn och unga som har utsatts för brott. Den som är myndig väljer själv var hen vill få stöd.

## Partnerskapets innehåll

Invånarna i Linköpings kommun ska kunna få kostnadsfritt samtalsstöd när de har utsatts för brott. Brottsoffer, anhöriga och vittnen ska få stöd och vägledning i frågor om polisanmälan, rättsprocessen, försäkring och ersättning och i kontakter med vården, myndigheter, hjälporganisationer och kommunens Stödcentrum.

## Parterna

### Brottsofferjouren i Linköping

Brottsofferjouren erbjuder samtal, information om rättsprocessen, visning av rättssalen och sällskap vid rättegången. Jouren driver också vittnesstödet vid Linköpings tingsrätt enligt de nationella riktlinjerna. Föreningen är partipolitiskt och religiöst obunden, har haft uppdrag av kommunen sedan 2002 och har överenskommelser även med Åtvidaberg, Kinda och Ydre. Polismyndigheten i Region Öst upplåter kontors- och besöksrum.

### Linköpings kommun, Leanlink

Leanlink driver Stödcentrum för unga brottsutsatta, för den som är 20 år eller yngre och har utsatts för brott utanför hemmet, och samverkar med polis, frivård, socialtjänst och åklagare.

### Linköpings kommun, Social- och omsorgsförvaltningen

Förvaltningen arbetar på uppdrag av social- och omsorgsnämnden och ansvarar för att samordna, följa upp och finansiera stödet till brottsoffer.

## Gemensamt ansvar

- Parterna identifierar tillsammans målgruppens behov och utvecklar insatserna.
- Parterna verkar för ett gott samarbete i det operativa arbetet.
- Parterna deltar i arbetsgrupper, nätverk och andra former för samverkan inom området.

## Mötesforum och uppföljning

Överenskommelsen följs upp i två mötesforum, och dessutom när någon av parterna begär det.

| Mötesforum | Syfte | Deltagare |
|---|---|---|
| Operativa möten, två ggr/år | Uppföljning av ungdomsärenden, planering av utbildningar, information till målgruppen | Brottsofferjouren; Leanlink/Stödcentrum, som kallar och för minnesanteckningar |
| Strategiska möten, två ggr/år | Syftet med IOP:n, målgruppens behov, uppföljning av samverkan och ekonomi, redovisning av ideellt utförda timmar | Social- och omsorgsförvaltningen, som kallar och för minnesanteckningar; Brottsofferjouren; Leanlink/Stödcentrum |

## Ekonomi

Överenskommelsens ekonomiska omfattning är {kr(813514)} per kalenderår. Social- och omsorgsnämnden finansierar den med {kr(472200)} och Brottsofferjouren med cirka 1{NBSP}500 ideellt arbetade timmar, som motsvarar {kr(341314, "kronor")}. Brottsofferjouren står därutöver för den administration och samordning som jourverksamheten kräver. Nämnden betalar ingen ytterligare ersättning.

Utbetalning sker en gång per år i januari månad. Beloppet räknas upp årligen enligt OPI från och med 2024-01-01. Brottsofferjouren får söka medel från andra finansiärer. Visar utvärderingen att medlen inte har använts till det avsedda kan parterna kräva återbetalning.

## Period för överenskommelsen

Överenskommelsen gäller i tre år, från och med 2023-01-01 till och med 2025-12-31. Social- och omsorgsförvaltningen utvärderar överenskommelsen årligen. Återrapport till social- och omsorgsnämnden sker under överenskommelsens sista år, första kvartalet 2025.

Vill en part frånträda överenskommelsen i förtid ska det meddelas skriftligen, och uppsägningstiden är då sex (6) månader. Upphör överenskommelsen i förtid ska medel som inte har använts betalas tillbaka. Ändras förutsättningarna väsentligt för någon av parterna kan överenskommelsen ändras efter dialog.

## Parter i överenskommelsen

| Sektor | Part | Organisationsnummer |
|---|---|---|
| Offentlig sektor | Social- och omsorgsnämnden, Linköpings kommun | 212000-0449 |
| Idéburen sektor | Brottsofferjouren i Linköping | 822004-0417 |

## Underskrifter

Linköping den

Linda Ljungqvist, social- och omsorgsdirektör, för Linköpings kommun

Linköping den

Firmatecknare för Brottsofferjouren i Linköping

## Bilaga 1, parternas ansvar

### Brottsofferjourens ansvar

- Stöd erbjuds snabbt och pågår tills den brottsutsattas behov är tillgodosett.
- Jouren informerar om rättsprocessens alla delar, om skydd, skadestånd och försäkring.
- Jouren rekryterar och utbildar ideella stödpersoner, som skriver under ett tysthetslöfte.
- Jouren är arbetsgivare för sin personal och följer lagar och avtal.

### Linköpings kommuns ansvar

- Kommunen har det yttersta ansvaret för dem som bor i kommunen.
- Kommunen har ett långsiktigt ansvar för stöd och skydd till brottsutsatta enligt socialtjänstlagen.
- Kommunen samordnar insatserna för målgruppen.
"""

# The agreement's signed signature page, scanned on its own: one PNG.
SIGNATURE_HEAD = Letterhead(
    org="LINKÖPINGS KOMMUN",
    unit="Social- och omsorgsförvaltningen",
    kind="ÖVERENSKOMMELSE",
    fields=(("Diarienummer", "SON 2019-536"), ("Datum", "2022-12-10")),
    footer="IOP Brottsofferjouren i Linköping och Linköpings kommun",
)

SIGNATURE_BODY = """
## Parter i överenskommelsen

Offentlig sektor: Social- och omsorgsnämnden, Linköpings kommun
Organisationsnummer 212000-0449

Idéburen sektor: Brottsofferjouren i Linköping
Organisationsnummer 822004-0417

## Underskrifter

Linköping den ..............................

________________________________________
Linda Ljungqvist, social- och omsorgsdirektör, för Linköpings kommun

Linköping den ..............................

________________________________________
Firmatecknare för Brottsofferjouren i Linköping
"""

# Partnership 2 (seed 003): Stockholm's tjänsteutlåtande. Text PDF, and the same pages scanned.
STOCKHOLM_HEAD = Letterhead(
    org="STOCKHOLMS STAD",
    unit="Socialförvaltningen · Avdelningen för strategi och samverkan",
    kind="TJÄNSTEUTLÅTANDE",
    fields=(("Datum", "2025-03-17"), ("Handläggare", "Nela Bengtsson"), ("Telefon", "08-50825084")),
    addressee="Till Socialnämnden",
    footer="Socialförvaltningen · stockholm.se",
    running="Tjänsteutlåtande 2025-03-17",
)

STOCKHOLM_BODY = """
# Idéburet offentligt partnerskap för stöd till brottsoffer
Samverkan i en IOP med tre idéburna organisationer

## Förvaltningens förslag till beslut

1. Socialnämnden godkänner partnerskapet med Brottsofferjouren Stockholm-Gotland (organisationsnummer 802490-7720), Brottsofferjouren Södra Stockholm (organisationsnummer 802476-1044) och Brottsofferjouren Västerort (organisationsnummer 802015-4822) för perioden 1 april 2025 till och med 31 dec 2025.
2. Socialnämnden uppdrar åt förvaltningschefen att ingå en överenskommelse om idéburet offentligt partnerskap om brottsofferstöd med de tre organisationerna.
3. Förvaltningschefen får besluta om ändrade åtaganden i partnerskapet, så länge partnerskapets mål, syfte och värdegrund inte ändras.
4. Förvaltningschefen får besluta om förlängning av partnerskapet enligt överenskommelsen, om förlängningen inte ändrar innehållet väsentligt.
5. Paragrafen justeras omedelbart.

## Sammanfattning

Förvaltningen föreslår ett idéburet offentligt partnerskap med tre brottsofferjourer om stöd till brottsoffer under perioden 1 april 2025 till och med 31 dec 2025. Från den idéburna sektorn deltar:

- Brottsofferjouren Stockholm-Gotland, organisationsnummer 802490-7720
- Brottsofferjouren Södra Stockholm, organisationsnummer 802476-1044
- Brottsofferjouren Västerort, organisationsnummer 802015-4822

Partnerskapet ska ge brottsofferstöd i hela staden och ta vara på de ideella krafter i jourerna som kompletterar stadens egen verksamhet.

## Bakgrund

Ett idéburet offentligt partnerskap är en form av samverkan om en viss verksamhet mellan en eller flera idéburna organisationer och den offentliga sektorn.

Sedan 2022 har socialförvaltningen en IOP med tre brottsofferjourer i Stockholm, byggd på samhällsutmaningen att alla brottsoffer, vittnen och anhöriga ska få ett likvärdigt stöd. Det nuvarande partnerskapet löper enligt överenskommelsen ut den 31 mars 2025. De fastställda verksamhetsrapporterna visar att målen har nåtts.

Jourerna har fått fler ärenden: från sammanlagt 2 747 ärenden det första året till 3 697 det andra, en ökning med 34 procent. Ökningen gäller vuxna, medan de få ärendena om minderåriga har blivit färre. Omkring 60 procent av dem som söker stöd är kvinnor. Stödcentrum har under samma tid fått färre ärenden sedan Polismyndigheten i januari 2023 ändrade hur samtycke hanteras för barn.

## Syfte, mål och målgrupp

Målen för partnerskapets insatser är att

- brottsofferjourerna erbjuder och ger stöd till alla brottsutsatta i Stockholms stad som vill ha kontakt med en jour,
- staden och jourerna samverkar mer och utbyter information så att fler brottsutsatta får stöd av god kvalitet. Jourerna slussar den som är under 21 år till Stödcentrum, och Stödcentrum slussar den som är äldre än 21 år till jourerna.

Målgruppen är brottsoffer, vittnen och anhöriga i alla åldrar som bor i staden, även anhöriga till den som har begått brott.

## Aktörer, insatser och resurser

Partnerskapet består av en övergripande överenskommelse och tre bilagor, en för varje jour, med jourens särskilda åtaganden. Jourerna ger stödsamtal, information om rättsprocessen, följer med vid anmälan och hjälper till i kontakter med myndigheter. Förvaltningen bidrar med ekonomiska medel, egna verksamheter för målgruppen och samverkan; jourerna med ekonomiska medel, arbetsledning, utbildning av volontärer och ideellt stöd.

## Förändringar jämfört med föregående period

Den ekonomiska ramen för partnerskapet ökar sammantaget med 10 procent. Målen har formulerats om och gjorts konkreta, och de följs upp med indikatorer inför kommande utvärdering. Stadens Stödcentrum blir den främsta samverkansparten för målet om ökad samverkan, men inte en genomförande part, eftersom administrationen och återrapporteringen i IOP:n har varit betungande och Stödcentrum redan följs upp i sin ordinarie verksamhet.

## Ledning och samverkan

Förvaltningen och varje jour ansvarar var för sig för sina åtaganden. En styrgrupp med en företrädare för varje jour och för förvaltningen beslutar enhälligt i strategiska frågor. En samverkansgrupp med företrädare för jourerna och förvaltningen beslutar i operativa frågor.

## Uppföljning och återrapportering

Uppföljningen ska visa att partnerskapets mål och syfte nås. Socialförvaltningen sammanställer den i en verksamhetsrapport varje år, med en berättelse om hur samverkan har gått, vilka insatser som har gjorts och hur många personer, uppdelat på kön, som jourerna har nått. Verksamhetsrapporten lämnas till socialnämnden och till jourerna.

Varje år, när verksamhetsåret är slut, redovisar brottsofferjourerna årets ekonomiska utfall till förvaltningen på en särskild blankett.

## Partnerskapets period

Partnerskapet föreslås gälla från 1 april 2025 till och med 31 december 2025. Därefter förlängs det automatiskt med ett kalenderår i taget, dock längst till 31 december 2027, om inte någon part säger upp överenskommelsen senast den 30 september respektive år.

Perioden förutsätter att det finns medel inom ramen för överenskommelsen och att förutsättningarna för ett partnerskap finns kvar.

## Jämställdhetsanalys

Stödet ska ges utan åtskillnad på grund av kön eller könsidentitet. Drygt 60 procent av dem som söker stöd hos jourerna är kvinnor. Ärendena om våld i nära relationer ökade från 275 under 2022 till 361 under 2023.

## Ärendets beredning

Avdelningen för strategi och samverkan, enheten för upphandling och föreningsstöd, har berett ärendet tillsammans med stadens Stödcentrum. Förvaltningsgruppen behandlade ärendet den 12 mars 2025, och funktionshinderrådet fick möjlighet att göra det den 13 mars 2025.

## Förvaltningens synpunkter och förslag

Enligt 5 kap. 11 § socialtjänstlagen ska socialnämnden verka för att den som har utsatts för brott och dennes närstående får stöd och hjälp. Stödcentrum stöder barn och unga i Stockholms stad; partnerskapet med jourerna når brottsoffer i alla åldrar i hela staden. Förvaltningen bedömer att jourernas verksamhet och målgrupp ryms inom socialnämndens ansvarsområde.

Veronica Wolgast Carstorp
Socialdirektör

Lina Blombergsson
Avdelningschef

## Bilagor

1. Överenskommelse om idéburet offentligt partnerskap (IOP) mellan socialförvaltningen och brottsofferjourerna
2. Bilaga Brottsofferjouren Södra Stockholm
3. Bilaga Brottsofferjouren Västerort
4. Bilaga Brottsofferjouren Stockholm-Gotland

| Godkänt digitalt av | Datum |
|---|---|
| Veronica Wolgast Carstorp, socialdirektör | 2025-03-10 |
| Lina Blombergsson, avdelningschef | 2025-03-10 |
"""

# Partnership 3 (seed 004), as the Markdown a user exports from a wiki or an editor.
KVINNOJOUR_MD = """# Idéburet offentligt partnerskap (IOP) med Kvinnojouren Ellinor och Tjejjouren Beata

**Linköpings kommun** · Socialförvaltningen · Tjänsteskrivelse

| Datum | Diarienummer | Handläggare |
|---|---|---|
| 2024-12-11 | SON 2024-1431 | Liselott Borg |

Till: Social- och omsorgsnämnden

## Förslag till social- och omsorgsnämndens beslut

1. Social- och omsorgsnämnden tecknar en överenskommelse om idéburet offentligt partnerskap med Kvinnojouren Ellinor och Tjejjouren Beata för perioden 2025-01-01- 2030-12-31, med möjlighet att förlänga den ytterligare fem år, enligt socialförvaltningens förslag.
2. Socialdirektören får underteckna och förvalta överenskommelsen.

## Ärendet

Nämndens nuvarande IOP med Kvinnojouren Ellinor och Tjejjouren Beata löper ut den 31 december 2024. Reformen om skyddat boende trädde i kraft 1 april 2024, och därför föreslår socialförvaltningen en ny överenskommelse i stället för att förlänga den gamla.

Den nya överenskommelsen har tagits fram av förvaltningen, kvinnojouren och tjejjouren tillsammans. Tyngdpunkten ligger på förebyggande arbete och tidiga insatser, till exempel stödsamtal. Den föreslås börja gälla 1 januari 2025 och löpa i fem år, med möjlighet till förlängning i ytterligare fem år. Överenskommelsen kan också sägas upp i förtid.

*Beslutsunderlag:* Tjänsteskrivelse – Idéburet offentligt partnerskap (IOP) med Kvinnojouren Ellinor och Tjejjouren Beata, 2024-11-19; bilaga IOP Linköpings kommun, Kvinnojouren Ellinor och Tjejjouren Beata.

## Bakgrund

Ett idéburet offentligt partnerskap är en överenskommelse om samverkan mellan offentlig och idéburen sektor för att nå ett allmännyttigt samhälleligt mål. Linköping har haft en samverkansmodell med den idéburna sektorn sedan 2012, och i januari 2017 antog kommunstyrelsen riktlinjer för hur en IOP upprättas. En IOP ska ge den idéburna sektorn ekonomiskt trygga och tydliga villkor för verksamhet som kommunen behöver, och båda parter bidrar. För föreningarna ger den långsiktighet; för kommunen är den ett flexibelt sätt att nå fler våldsutsatta.

Den nuvarande överenskommelsen hade kunnat förlängas i fem år. Reformen gjorde dock skyddat boende till en placeringsform med tillståndsplikt och kvalitetskrav, vilket skapade en konkurrenssituation som inte går ihop med en IOP. Den nya överenskommelsen inriktas därför på förebyggande arbete och stödsamtal.

Våld i nära relationer kommer att vara ett problem länge. Förvaltningens uppföljningar visar att det är svårt att hålla samverkan levande över tid, till exempel när ansvariga personer slutar eller organisationer förändras. Den nya överenskommelsen beskriver därför hur samverkan ska gå till, hur många möten som ska hållas varje år och vad mötena ska leda till.

## Ekonomiska konsekvenser

Nämndens kostnader för överenskommelsen ryms inom nämndens budget.

## Kommunala mål

- Ett tryggt och säkert Linköping – målområde samhälle
- Lättillgänglig, god och jämlik välfärd – målområde medborgare
- En organisation med hög produktivitet och effektivitet – målområde verksamhet

## Jämställdhet

Överenskommelsen hör direkt ihop med det jämställdhetspolitiska målet att mäns våld mot kvinnor ska upphöra.

## Uppföljning och utvärdering

Överenskommelsen utvärderas regelbundet: utvärderingen är inplanerad i årets mötesstruktur, och kvinnojouren och tjejjouren lämnar in en verksamhetsberättelse varje år.

## Samverkan enligt medbestämmandelagen (1976:580)

Information eller förhandling är inte påkallad.

Socialförvaltningen

Yvonne Thilander

*Beslutet skickas till:* Kvinnojouren Ellinor och Tjejjouren Beata
"""

# ---------------------------------------------------------------------------------------------
# samples/diff/: two versions of an invented agreement. Between them exactly these change:
# the yearly amount, the period end, the frequency of the follow-up meetings, the place of the
# section "Ändringar i överenskommelsen" (moved up), and the wording of one paragraph.
# ---------------------------------------------------------------------------------------------
VADSTENA_ORG_NUMBER = with_check_digit("802467913")  # 802467-9139, invented
DIFF_HEAD = Letterhead(
    org="VADSTENA KOMMUN",
    unit="Kommunstyrelsen · Socialförvaltningen",
    kind="ÖVERENSKOMMELSE",
    fields=(("Datum", "2024-11-20"), ("Diarienummer", "KS 2024/187"), ("Handläggare", "Maria Lindqvist")),
    addressee="",
    footer="Vadstena kommun · vadstena.se",
    running="IOP Väntjänsten i Vadstena · KS 2024/187",
)

DIFF_CHANGES = {
    "amount": (350000, 385000),
    "period_end": ("2026-12-31", "2027-12-31"),
    "meetings_per_year": ("två", "fyra"),
    "moved_section": "Ändringar i överenskommelsen",
    "reworded_section": "Bakgrund och syfte",
}

_DIFF_PURPOSE = {
    1: "Många äldre i Vadstena lever ensamma och har få att tala med i vardagen. Ofrivillig ensamhet ökar risken för psykisk ohälsa och gör att fler behöver kommunens insatser tidigare än annars. Väntjänsten i Vadstena har i många år samlat frivilliga som besöker, ringer och följer med äldre på promenader och ärenden.",
    2: "Ensamhet är vanlig bland äldre i Vadstena, och många saknar någon att prata med i vardagen. När ensamheten inte är självvald stiger risken för psykisk ohälsa, och behovet av kommunens insatser kommer tidigare. Sedan länge samlar Väntjänsten i Vadstena frivilliga som gör hembesök, ringer upp och följer med äldre på promenader och ärenden.",
}

_DIFF_CHANGES_SECTION = """## Ändringar i överenskommelsen

Ändringar och tillägg i överenskommelsen ska göras skriftligen och undertecknas av båda parter. Uppstår oenighet om hur överenskommelsen ska tolkas löser parterna den i första hand genom dialog i samverkansgruppen."""


def diff_agreement(version: int) -> str:
    """Give the body of version 1 or 2 of the Vadstena agreement (see DIFF_CHANGES)."""
    amount = DIFF_CHANGES["amount"][version - 1]
    period_end = DIFF_CHANGES["period_end"][version - 1]
    meetings = DIFF_CHANGES["meetings_per_year"][version - 1]
    early_changes = _DIFF_CHANGES_SECTION if version == 2 else ""
    late_changes = _DIFF_CHANGES_SECTION if version == 1 else ""
    return f"""
# Överenskommelse om idéburet offentligt partnerskap mellan Vadstena kommun och Väntjänsten i Vadstena

## Parter

Vadstena kommun, genom kommunstyrelsen, nedan kallad kommunen.

Väntjänsten i Vadstena, ideell förening, organisationsnummer {VADSTENA_ORG_NUMBER}, nedan kallad föreningen.

## Bakgrund och syfte

{_DIFF_PURPOSE[version]}

Syftet med partnerskapet är att minska den ofrivilliga ensamheten bland äldre i kommunen och att ge dem en meningsfull vardag, genom att föreningens frivilliga insatser och kommunens äldreomsorg kompletterar varandra.

## Målgrupp

Partnerskapet riktar sig till personer över 65 år som bor i Vadstena kommun och som känner sig ensamma, oavsett om de har insatser från äldreomsorgen eller inte.

## Parternas åtaganden

### Föreningen

- rekryterar, utbildar och handleder frivilliga besöksvärdar,
- ordnar hembesök, telefonkontakt och gemensamma träffar varje vecka,
- för statistik över antal besök och deltagare, uppdelad på kön.

### Kommunen

- informerar om föreningens verksamhet genom hemtjänsten och biståndshandläggarna,
- upplåter en lokal i Träffpunkt Klostret för föreningens träffar,
- utser en kontaktperson för partnerskapet.

{early_changes}

## Samverkan och uppföljning

Parterna håller uppföljningsmöten {meetings} gånger per år, där föreningens statistik och erfarenheter gås igenom. Föreningen lämnar en verksamhetsberättelse och en ekonomisk redovisning en gång per år, senast den 31 mars året efter verksamhetsåret.

## Ekonomi

Kommunen bidrar till verksamheten med {kr(amount)} per kalenderår. Beloppet betalas ut i januari varje år mot rekvisition från föreningen. Medel som inte har använts för partnerskapets syfte ska betalas tillbaka.

## Period

Överenskommelsen gäller från och med 2025-01-01 till och med {period_end}.

## Uppsägning

Vill någon av parterna avsluta överenskommelsen före periodens slut ska det ske skriftligen. Uppsägningstiden är tre (3) månader.

{late_changes}

## Underskrifter

Vadstena den ..............................

För Vadstena kommun, kommunstyrelsens ordförande

Vadstena den ..............................

För Väntjänsten i Vadstena, ordförande
"""


# ---------------------------------------------------------------------------------------------
# Writing the corpus
# ---------------------------------------------------------------------------------------------
def _signature_marks(pages: list[list[Op]], under: tuple[str, ...], seed: int) -> None:
    """Add a hand-drawn signature on each signature line (a text line starting with `under`)."""
    rng = random.Random(seed)
    for ops in pages:
        for op in list(ops):
            if op[0] == "text" and op[5].startswith(under):
                x, y = op[3] + 12, op[4] + 3
                points = [(x + i * 4.0, y + 7 * ((i % 5) / 4.0) + rng.uniform(-2, 2)) for i in range(30)]
                ops.append(("curve", tuple(points), 1.1))


# Each sample: (relative path, what it is). The README in samples/ says which facts each carries.
SAMPLE_FILES = {
    "linkoping-son-2024-1523-utvardering-brovi.pdf": "evaluation, text-layer PDF (seed 000)",
    "linkoping-son-2019-536-iop-brottsofferjouren.docx": "agreement, DOCX (seed 001)",
    "linkoping-iop-brottsofferjouren-forslag-ocr.txt": "proposal to sign, OCR text (seed 002)",
    "linkoping-son-2019-536-underskrifter-skannad.png": "agreement's signature page, one scanned page",
    "stockholm-sn-iop-brottsofferjourer-2025-03-17.pdf": "tjänsteutlåtande, text-layer PDF (seed 003)",
    "stockholm-sn-iop-brottsofferjourer-2025-03-17-skannad.pdf": "same tjänsteutlåtande, scanned, no text layer",
    "linkoping-son-2024-1431-iop-kvinnojouren-tjejjouren.md": "tjänsteskrivelse, Markdown (seed 004)",
    "diff/vadstena-ks-2024-187-iop-vantjansten-v1.pdf": "invented agreement, version 1, PDF",
    "diff/vadstena-ks-2024-187-iop-vantjansten-v2.pdf": "invented agreement, version 2, PDF",
    "diff/vadstena-ks-2024-187-iop-vantjansten-v1.docx": "invented agreement, version 1, DOCX",
    "diff/vadstena-ks-2024-187-iop-vantjansten-v2.docx": "invented agreement, version 2, DOCX",
}


def hyphenable(body: str) -> str:
    """Give body with soft hyphens in long compounds, so some lines end in `överens-`."""
    for word, split in (("överenskommelse", "överens" + SHY + "kommelse"), ("samhällsutmaning", "samhälls" + SHY + "utmaning"),
                        ("brottsofferjour", "brottsoffer" + SHY + "jour")):
        body = body.replace(word, split)
    return body


def sample_bytes() -> dict[str, bytes]:
    """Give every sample file's content by its path relative to samples/."""
    out: dict[str, bytes] = {}
    names = list(SAMPLE_FILES)
    out[names[0]] = pdf_bytes(paginate(EVALUATION_HEAD, hyphenable(EVALUATION_BODY)), "Utvärdering av IOP med Brovi Linköping", "Hanna Flod")
    out[names[1]] = docx_bytes(
        AGREEMENT_BODY, AGREEMENT_META, "IOP Brottsofferjouren i Linköping", "John Fristedt",
        header_text="Linköpings kommun", footer_text="Idéburet offentligt partnerskap – Brottsofferjouren i Linköping",
        created=datetime(2022, 12, 10, 9, 0, 0), meta_as_table=False,
    )
    out[names[2]] = (" " + ocr_damage(PROPOSAL_CLEAN)).encode("utf-8")
    signature_pages = paginate(SIGNATURE_HEAD, SIGNATURE_BODY)
    _signature_marks(signature_pages, ("_____",), seed=536)
    out[names[3]] = png_bytes(scan_page(signature_pages[0], seed=536))
    stockholm_pages = paginate(STOCKHOLM_HEAD, hyphenable(STOCKHOLM_BODY))
    out[names[4]] = pdf_bytes(stockholm_pages, "Idéburet offentligt partnerskap för stöd till brottsoffer", "Nela Bengtsson")
    scans = [scan_page(ops, seed=2025 + n) for n, ops in enumerate(stockholm_pages)]
    out[names[5]] = scanned_pdf_bytes(scans, "Skannad handling")
    out[names[6]] = KVINNOJOUR_MD.encode("utf-8")
    for version, pdf_name, docx_name in ((1, names[7], names[9]), (2, names[8], names[10])):
        body = diff_agreement(version)
        out[pdf_name] = pdf_bytes(paginate(DIFF_HEAD, body), "IOP Väntjänsten i Vadstena", "Maria Lindqvist")
        out[docx_name] = docx_bytes(
            body, DIFF_HEAD.fields, "IOP Väntjänsten i Vadstena", "Maria Lindqvist",
            header_text="Vadstena kommun", footer_text="IOP Väntjänsten i Vadstena",
            created=datetime(2024, 11, 20, 9, 0, 0), meta_as_table=True,
        )
    return out


def write_samples(outdir: Path | str) -> list[Path]:
    """Write every sample under outdir (and outdir/diff) and give the paths written."""
    outdir = Path(outdir)
    written = []
    for relative, content in sample_bytes().items():
        path = outdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


# ---------------------------------------------------------------------------------------------
# A synthetic corpus for benchmarks: many text-layer PDFs in the samples' style
# ---------------------------------------------------------------------------------------------
MUNICIPALITIES = (  # (kommun, place, nämnd, diarium prefix, web)
    ("Linköpings kommun", "Linköping", "Social- och omsorgsnämnden", "SON", "linkoping.se"),
    ("Norrköpings kommun", "Norrköping", "Socialnämnden", "SOCN", "norrkoping.se"),
    ("Motala kommun", "Motala", "Socialnämnden", "SN", "motala.se"),
    ("Uppsala kommun", "Uppsala", "Socialnämnden", "SCN", "uppsala.se"),
    ("Örebro kommun", "Örebro", "Socialnämnden", "Soc", "orebro.se"),
    ("Västerås stad", "Västerås", "Individ- och familjenämnden", "IFN", "vasteras.se"),
    ("Umeå kommun", "Umeå", "Individ- och familjenämnden", "IFN", "umea.se"),
    ("Jönköpings kommun", "Jönköping", "Socialnämnden", "SOC", "jonkoping.se"),
    ("Växjö kommun", "Växjö", "Omsorgsnämnden", "ON", "vaxjo.se"),
    ("Luleå kommun", "Luleå", "Socialnämnden", "SOCN", "lulea.se"),
    ("Göteborgs Stad", "Göteborg", "Socialnämnden Centrum", "SN", "goteborg.se"),
    ("Region Östergötland", "Östergötland", "Regionstyrelsen", "RS", "regionostergotland.se"),
    ("Malmö stad", "Malmö", "Arbetsmarknads- och socialnämnden", "ASN", "malmo.se"),
    ("Gävle kommun", "Gävle", "Socialnämnden", "SN", "gavle.se"),
)
ORG_KINDS = ("Kvinnojouren", "Tjejjouren", "Brottsofferjouren", "Stadsmissionen", "Fixartjänsten", "Väntjänsten",
             "Läxhjälpen", "Fontänhuset", "Ungdomsjouren", "Föreningen Gemenskap", "Mansjouren", "Hela Människan")
OFFICERS = ("Anna Berg", "Erik Lund", "Sara Holm", "Johan Ek", "Maria Sjöberg", "Karin Åberg", "Ali Hassan",
            "Lena Öhman", "Per Dahl", "Elin Strand")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
FILLER = (
    "Ett idéburet offentligt partnerskap bygger på att båda parter bidrar med resurser och att de tillsammans formulerar vilken samhällsutmaning som ska mötas.",
    "Föreningens styrka ligger i de frivilliga, som når personer som sällan söker sig till myndigheter och som kan ge stöd utan krav på motprestation.",
    "Förvaltningen har i dialog med föreningen gått igenom behoven hos målgruppen och hur insatserna kan utvecklas under kommande period.",
    "Uppföljningen ska visa både hur många som har fått stöd och vad stödet har betytt för dem, och den redovisas uppdelad på kön och ålder.",
    "Parterna ansvarar var för sig för sina åtaganden och för att personuppgifter hanteras enligt gällande lagstiftning.",
    "Om förutsättningarna ändras väsentligt för någon av parterna ska överenskommelsen ses över i dialog mellan parterna.",
    "Kommunen har det yttersta ansvaret för att invånarna får det stöd och den hjälp de behöver, och partnerskapet är ett komplement till den egna verksamheten.",
    "Jämställdhetsanalysen visar att både kvinnor och män behöver nås av verksamheten, men att de söker stöd på olika sätt och vid olika tidpunkter.",
    "Föreningen är partipolitiskt och religiöst obunden och vilar på en värdegrund om alla människors lika värde.",
    "Under året har parterna haft en god dialog, och samverkan i det operativa arbetet beskrivs av båda som väl fungerande.",
    "Verksamheten bemannas av anställd personal och av frivilliga som får grundutbildning och fortlöpande handledning.",
    "Barnets bästa ska särskilt beaktas i alla insatser som rör barn, i enlighet med barnkonventionen.",
)


def _synthetic_document(rng: random.Random, index: int) -> tuple[Letterhead, str, str]:
    municipality, place, authority, prefix, web = rng.choice(MUNICIPALITIES)
    kinds = rng.sample(ORG_KINDS, rng.choice((1, 1, 1, 2, 3)))
    organisations = [
        (f"{kind} i {place}" if rng.random() < 0.5 else f"{kind} {place}", with_check_digit(f"8{rng.randrange(10**8):08d}"))
        for kind in kinds
    ]
    year = rng.randrange(2019, 2027)
    case_number = f"{prefix} {year - 1}{rng.choice('-/:')}{rng.randrange(1, 2500)}"
    decided = date(year - 1, rng.randrange(1, 13), rng.randrange(1, 29))
    start = date(year, rng.choice((1, 1, 1, 4, 7)), 1)
    years = rng.randrange(1, 6)
    end = date(start.year + years, start.month, 1) - timedelta(days=1)
    notice_months = rng.choice((3, 6, 6, 12))
    public = rng.randrange(50, 3000) * 1000 + rng.randrange(0, 1000)
    civil = rng.randrange(20, 900) * 1000
    officer = rng.choice(OFFICERS)
    head = Letterhead(
        org=municipality.upper(), unit="Socialförvaltningen", kind="TJÄNSTESKRIVELSE",
        fields=(("Datum", decided.isoformat()), ("Diarienummer", case_number), ("Handläggare", officer)),
        addressee=authority, footer=f"{municipality} · {web}", running=f"Tjänsteskrivelse · {case_number}",
    )
    names = ", ".join(f"{name} (organisationsnummer {number})" for name, number in organisations)
    written_start = f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    body = [
        f"# Idéburet offentligt partnerskap med {organisations[0][0]}",
        "## Förslag till beslut",
        f"1. {authority} tecknar en överenskommelse om idéburet offentligt partnerskap med {names} för perioden {start.isoformat()} – {end.isoformat()}.",
        f"2. Återrapport till nämnden sker senast {(end - timedelta(days=rng.randrange(60, 200))).isoformat()}.",
        "## Ekonomi",
        f"Överenskommelsens ekonomiska omfattning är {kr(public + civil)} per kalenderår, varav {municipality} bidrar med {kr(public)} och föreningen med ideella insatser motsvarande {kr(civil, 'kronor')}.",
        f"Utbetalning sker en gång per år i {rng.choice(MONTHS)}.",
        "## Period för överenskommelsen",
        f"Överenskommelsen gäller från och med {written_start} till och med {end.isoformat()}. Uppsägningstiden är {notice_months} månader.",
        "## Uppföljning",
        f"Parterna håller samverkansmöten {rng.choice(('två', 'tre', 'fyra'))} gånger per år, och föreningen lämnar en verksamhetsberättelse en gång per år.",
        "## Bakgrund",
    ]
    paragraphs_needed = 60  # comfortably more than fits on the pages asked for; paginate cuts
    for n in range(paragraphs_needed):
        if n % 9 == 8:
            body.append(f"## {rng.choice(('Samverkan', 'Målgrupp', 'Värdegrund', 'Jämställdhet', 'Uppföljning och utvärdering'))}")
        body.append(" ".join(rng.sample(FILLER, 3)))
    slug = re.sub(r"[^a-z0-9]+", "-", f"{municipality} {case_number}".lower().translate(str.maketrans("åäöé", "aaoe"))).strip("-")
    return head, "\n\n".join(body), f"{index:04d}-{slug}.pdf"


def write_corpus(outdir: Path | str, n_docs: int = 200, pages_per_doc: int = 5, seed: int = 0) -> list[Path]:
    """Write n_docs synthetic text-layer PDFs of pages_per_doc pages each; give their paths.

    Municipalities, organisations (valid Luhn organisationsnummer), amounts, periods and case
    numbers vary; the same seed writes the same bytes.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for index in range(n_docs):
        head, body, name = _synthetic_document(rng, index)
        pages = paginate(head, body, max_pages=pages_per_doc)
        path = outdir / name
        path.write_bytes(pdf_bytes(pages, f"IOP {head.fields[1][1]}", head.fields[2][1]))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "samples"
    for path in write_samples(outdir):
        print(f"{path}  {path.stat().st_size:>9,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
