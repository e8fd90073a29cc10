"""Read a file into a Document: normalised text with page offsets. The only importer of
pdfplumber and python-docx, and of pypdfium2 but for ocr.py, which renders pages for Tesseract.

PDF text comes from pypdfium2 (about 500 pages/s here, against pdfplumber's 7: pdfplumber is
pure-Python layout analysis we do not need for running text); pdfplumber is used only where
geometry matters: a header block in columns whose values the text alone cannot pair (header_cells).
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from iopcli.errors import ReadError, UnsupportedFile
from iopcli.htmltext import html_to_text
from iopcli.model import Document
from iopcli.text import normalise

TEXT_TYPES = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
HTML_TYPES = {".html": "html", ".htm": "html"}
MAIL_TYPES = {".eml": "eml"}
IMAGE_TYPES = {".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
SUPPORTED = {".pdf": "pdf", ".docx": "docx", **TEXT_TYPES, **HTML_TYPES, **MAIL_TYPES, **IMAGE_TYPES}

PAGE_SEPARATOR = "\n\n"


def _limit(name: str, default: int) -> int:
    """Give a resource bound: the environment variable `name` when it is a whole number, else default."""
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else default


# Bounds per file, each ending in a one-line reason and the run going on (set through the
# environment, e.g. IOP_MAX_TEXT_CHARS=5000000). A real IOP document is far below every one.
MAX_FILE_BYTES = _limit("IOP_MAX_FILE_BYTES", 512 * 2**20)        # bytes read from disk
MAX_TEXT_CHARS = _limit("IOP_MAX_TEXT_CHARS", 2_000_000)          # characters of text to extract from (~600 pages)
MAX_INFLATED_BYTES = _limit("IOP_MAX_INFLATED_BYTES", 200 * 2**20)  # a .docx's unpacked size
# A text or HTML file can hold at most this many bytes: decoding and parsing more takes long for
# a text that would be refused anyway (HTML markup weighs more than its text, hence the factor).
_MAX_MARKUP_FACTOR = 8

# What a reader gives: the pages' texts, whether OCR read any, warnings, and the mean word confidence
# (0-100) of each page OCR read, {page: confidence} (None for a page where it found no word).
_Pages = tuple[list[str], bool, tuple[str, ...], dict[int, float | None]]


def file_type(path: Path) -> str | None:
    """Give the type iop reads the file as (pdf, docx, txt, md, html, eml, image), or None."""
    return SUPPORTED.get(path.suffix.lower())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_file(path: Path, limit: int | None = None) -> bytes:
    """Give the bytes of a regular file, at most `limit` (MAX_FILE_BYTES); ReadError otherwise.

    The file is opened without blocking and looked at before a byte is read: a FIFO would wait
    forever for a writer and /dev/zero never ends.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReadError(f"{path}: cannot read the file ({(exc.strerror or str(exc)).lower()})") from exc
    with os.fdopen(handle, "rb") as file:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise ReadError(f"{path}: not a regular file ({_special_kind(mode)}); never read")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"{path}: too large (over {limit // 2**20} MB; IOP_MAX_FILE_BYTES sets the limit)")
    return data


def _special_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "a special file")


# What a file's first bytes say it holds, whatever its name says: (magic, description).
_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) or a password-protected Office file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
)
IMAGE_CONTENT = ("a PNG image", "a JPEG image", "a TIFF image")


def sniff(data: bytes) -> str:
    """Give what bytes hold, by their first bytes: `a PDF`, `a ZIP archive`, `text`, `binary data`.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"hej hopp"), sniff(bytes(range(20)) * 8)
    ('a PDF', 'text', 'binary data')
    """
    for magic, description in _MAGIC:
        if data.startswith(magic):
            return description
    if _looks_binary(data[:65536]):
        return "binary data"  # `<html>` followed by random bytes is no web page
    if data[:1024].lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "HTML"
    return "text"


def _looks_binary(sample: bytes) -> bool:
    """True when bytes are not text in any encoding iop decodes (more than 1 % NUL or control bytes).

    A few stray control bytes in a text (a NUL from a crashed editor) do not make it binary.
    """
    if not sample or _utf16_without_bom(sample):
        return False
    controls = sum(sample.count(bytes([b])) for b in (*range(0, 9), 11, *range(14, 27), *range(28, 32)))
    return controls > 4 + len(sample) / 100


def read(path: Path, data: bytes | None = None, ocr=None, kind: str | None = None) -> Document:
    """Give the Document of a file. `ocr` is None or a callable (path, data, pages) -> {page: reading},
    a reading being (text, mean word confidence) like ocr.PageReading, or the bare text. `kind` is
    the type the name the user gave says (a link `pw.txt` to `/etc/passwd` is text); by default the
    type `path` says.

    Raises UnsupportedFile for types iop does not read, ReadError for damaged files.
    """
    kind = kind or file_type(path)
    if kind is None:
        raise UnsupportedFile(f"{path}: not a document type iop reads")
    if data is None:
        data = read_file(path)
    if not data:
        # Often a sync client's placeholder or a download cut off: worth a line, not a record.
        raise ReadError(f"{path}: empty file (0 bytes)")
    reader = {"pdf": _read_pdf, "docx": _read_docx, "txt": _read_plain, "md": _read_plain,
              "html": _read_html, "eml": _read_mail, "image": _read_image}[kind]
    if kind in ("txt", "md", "html", "eml") and len(data) > MAX_TEXT_CHARS * _MAX_MARKUP_FACTOR:
        raise ReadError(f"{path}: {too_much_text(len(data), 'bytes')}")
    pages, ocr_used, warnings, confidence = reader(path, data, ocr)
    text, starts = join_pages(pages)
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(f"{path}: {too_much_text(len(text), 'characters')}")
    needs_ocr = any("needs OCR" in w or "need OCR" in w for w in warnings)
    cells = header_cells(data, pages[0]) if kind == "pdf" and not ocr_used and pages else ()
    return Document(
        path=str(path), sha256=sha256_of(data), size=len(data), file_type=kind, text=text,
        page_starts=starts, ocr=ocr_used, status="needs_ocr" if needs_ocr else "ok",
        warnings=tuple(warnings), header_cells=cells,
        page_confidence=tuple(confidence.get(n) for n in range(1, len(pages) + 1)) if ocr_used else (),
    )


def too_much_text(size: int, unit: str) -> str:
    """Give the reason for a file over the text bound.

    >>> too_much_text(3_000_000, "characters")  # doctest: +ELLIPSIS
    'too much text to read (3,000,000 characters; at most 2,000,000 ...)'
    """
    return (f"too much text to read ({size:,} {unit}; at most {MAX_TEXT_CHARS:,} characters are read, "
            "IOP_MAX_TEXT_CHARS sets the limit)")


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Give the pages joined into one text and the offset where each page starts.

    >>> join_pages(["a", "bc"])
    ('a\\n\\nbc', (0, 3))
    """
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(pages), tuple(starts) or (0,)


# --- PDF ------------------------------------------------------------------------------------

def _read_pdf(path: Path, data: bytes, ocr) -> _Pages:
    import pypdfium2 as pdfium

    from iopcli.ocr import pdf_page_needs_ocr

    if b"%PDF-" not in data[:1024]:
        raise ReadError(f"{path}: not a readable PDF (the file holds {sniff(data)}, not a PDF)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"{path}: {pdf_load_reason(getattr(exc, 'err_code', None), data)}") from exc
    pages, scanned = [], []
    try:
        if len(pdf) == 0:
            raise ReadError(f"{path}: PDF with no pages")
        for number in range(1, len(pdf) + 1):
            try:
                page = pdf[number - 1]
                textpage = page.get_textpage()
                text = normalise(textpage.get_text_range())
            except pdfium.PdfiumError as exc:
                raise ReadError(f"{path}: not a readable PDF (page {number} is damaged)") from exc
            pages.append(text)
            if pdf_page_needs_ocr(page, text) or getattr(ocr, "all_pages", False):
                scanned.append(number)
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not scanned:
        return pages, False, (), {}
    if ocr is None:
        return pages, False, ("no text layer; needs OCR" if len(scanned) == len(pages)
                              else f"pages {_page_list(scanned)} have no text layer; they need OCR",), {}
    # A limit (--ocr-max-pages) keeps a 3,000-page scan from holding the ingest for hours.
    limit = getattr(ocr, "max_pages", None)
    read, left = (scanned[:limit], scanned[limit:]) if limit is not None else (scanned, [])
    recognised = {number: _reading(found) for number, found in ocr(path, data, read).items()}
    for number, (text, _) in recognised.items():
        pages[number - 1] = normalise(text)
    warnings = _ocr_warnings(ocr, read)
    if left:
        warnings += (f"pages {_page_list(left)} not read: over the OCR limit of {limit} pages "
                     "(--ocr-max-pages)",)
    return pages, True, warnings, {number: confidence for number, (_, confidence) in recognised.items()}


def _reading(found) -> tuple[str, float | None]:
    """Give (text, confidence) of what the OCR callable gave for a page; bare text has no confidence.

    >>> _reading(("Dnr KS 2018/14", 91.5)), _reading("Dnr KS 2018/14")
    (('Dnr KS 2018/14', 91.5), ('Dnr KS 2018/14', None))
    """
    if isinstance(found, str):
        return found, None
    text, confidence = found
    return text, confidence


# PDFium's load error codes (FPDF_ERR_*), as the user's reason.
_PDFIUM_LOAD_ERRORS = {
    4: "encrypted PDF (needs a password)",
    5: "encrypted PDF (a security handler PDFium does not support)",
}


def pdf_load_reason(err_code: int | None, data: bytes) -> str:
    """Give the user's reason for a PDF that PDFium will not open.

    PDFium refuses a PDF with an empty page tree without setting an error, so the code it reports
    is whatever an earlier file left: the page tree is looked at first, and "encrypted" is believed
    only of a file that has an /Encrypt entry.

    >>> pdf_load_reason(4, b"%PDF-1.4 trailer << /Encrypt 5 0 R >>")
    'encrypted PDF (needs a password)'
    >>> pdf_load_reason(4, b"%PDF-1.7 2 0 obj << /Type /Pages /Kids [] /Count 0 >>")
    'PDF with no pages'
    >>> pdf_load_reason(3, b"%PDF-1.4 << /Type /Outlines /Count 0 >> cut")
    'not a readable PDF (damaged or cut short)'
    """
    pages_tree = re.search(rb"<<[^<>]*/Type\s*/Pages\b[^<>]*>>", data)
    if pages_tree and re.search(rb"/Count\s*0\b", pages_tree.group()):
        return "PDF with no pages"
    if err_code in _PDFIUM_LOAD_ERRORS and b"/Encrypt" in data:
        return _PDFIUM_LOAD_ERRORS[err_code]
    return "not a readable PDF (damaged or cut short)"


# --- Header blocks laid out in columns: geometry from pdfplumber ------------------------------

# Kinds of header value that a value's own form cannot tell apart (a name, a department, a unit).
_WORDY_LABELS = {"officer", "department", "unit", "addressee"}


def label_row(line: str) -> list[tuple[str, str]] | None:
    """Give [(label, kind)] when a line holds nothing but header labels (two or more), else None.

    >>> label_row("Handläggare  Förvaltning  Datum")
    [('handläggare', 'officer'), ('förvaltning', 'department'), ('datum', 'date')]
    >>> label_row("Datum: 2025-04-14") is None, label_row("Datum") is None
    (True, True)
    """
    from iopcli.extractors.sv import HEADER_LABELS

    rest, found = line.strip().lower(), []
    while rest:
        label = next((l for l in sorted(HEADER_LABELS, key=len, reverse=True)
                      if rest.startswith(l) and (len(rest) == len(l) or rest[len(l)] in " \t")), None)
        if label is None:
            return None
        found.append((label, HEADER_LABELS[label]))
        rest = rest[len(label):].strip()
    return found if len(found) >= 2 else None


def needs_geometry(labels: list[tuple[str, str]]) -> bool:
    """True when the values under these labels cannot be told apart by their form alone.

    A date and a case number pair themselves; two wordy values (a name and a department) or two
    labels of one kind (Vår and Er beteckning) need the columns' positions.

    >>> needs_geometry([("datum", "date"), ("diarienummer", "case"), ("handläggare", "officer")])
    False
    >>> needs_geometry([("handläggare", "officer"), ("förvaltning", "department")])
    True
    """
    kinds = [kind.replace("_theirs", "") for _, kind in labels]
    return len(set(kinds)) < len(kinds) or sum(kind in _WORDY_LABELS for kind in kinds) >= 2


def header_cells(data: bytes, first_page: str) -> tuple[tuple[str, str], ...]:
    """Give (label, value) of a header block in columns, from word positions; () when not needed.

    pdfplumber costs about 60 ms a page, so it runs only on the first page and only when the text
    has a row of labels whose values the text alone cannot pair.
    """
    rows = [label_row(line) for line in first_page.splitlines()[:25]]
    labels = next((row for row in rows if row and needs_geometry(row)), None)
    if labels is None:
        return ()
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[0]
            words = page.crop((0, 0, page.width, page.height * 0.5)).extract_words(keep_blank_chars=False)
    except Exception:  # pdfminer's many parse errors: the text pairing still stands
        return ()
    return pair_columns(labels, words)


def pair_columns(labels: list[tuple[str, str]], words: list[dict]) -> tuple[tuple[str, str], ...]:
    """Give (label, value) for words under a row of labels, each word in the column it starts in.

    >>> words = [{"text": t, "x0": x, "top": y} for t, x, y in [
    ...     ("Handläggare", 72, 100), ("Förvaltning", 250, 100), ("Berg", 72, 112), ("Anna", 100, 112),
    ...     ("Socialförvaltningen", 250, 112)]]
    >>> pair_columns([("handläggare", "officer"), ("förvaltning", "department")], words)
    (('handläggare', 'Berg Anna'), ('förvaltning', 'Socialförvaltningen'))
    """
    first_words = [label.split()[0] for label, _ in labels]
    starts: list[float] = []
    row_top = None
    for word in words:
        if row_top is not None and abs(word["top"] - row_top) > 2:
            continue
        if len(starts) < len(first_words) and word["text"].lower().rstrip(":") == first_words[len(starts)]:
            starts.append(word["x0"])
            row_top = word["top"]
    if len(starts) != len(labels) or row_top is None:
        return ()
    below = sorted((w for w in words if 2 < w["top"] - row_top <= 30), key=lambda w: (round(w["top"]), w["x0"]))
    if not below:
        return ()
    first_line = round(below[0]["top"])
    columns: list[list[str]] = [[] for _ in labels]
    for word in below:
        if abs(round(word["top"]) - first_line) > 2:
            continue
        index = max((i for i, x in enumerate(starts) if word["x0"] >= x - 4), default=0)
        columns[index].append(word["text"])
    return tuple((label, " ".join(col)) for (label, _), col in zip(labels, columns) if col)


def _page_list(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")


def _ocr_warnings(ocr, pages: list[int]) -> tuple[str, ...]:
    warnings = [f"text of pages {_page_list(pages)} recognised by OCR: check values against the scan"]
    if getattr(ocr, "language_warning", ""):
        warnings.append(ocr.language_warning)
    return tuple(warnings)


def _read_image(path: Path, data: bytes, ocr) -> _Pages:
    # Checked here, not left to Tesseract: without it a text file named .png would be catalogued
    # as a scan waiting for OCR.
    held = sniff(data)
    if held not in IMAGE_CONTENT:
        raise ReadError(f"{path}: not a readable image (the file holds {held})")
    if ocr is None:
        return [""], False, ("no text layer; needs OCR",), {}
    recognised = {number: _reading(found) for number, found in ocr(path, data, [1]).items()}
    numbers = sorted(recognised)
    return ([normalise(recognised[n][0]) for n in numbers] or [""], True, _ocr_warnings(ocr, numbers),
            {n: recognised[n][1] for n in numbers})


# --- Word -----------------------------------------------------------------------------------

def _read_docx(path: Path, data: bytes, ocr) -> _Pages:
    import io
    import zipfile

    import docx
    from docx.table import Table

    held = sniff(data)
    if held != "a ZIP archive":
        raise ReadError(f"{path}: not a readable Word document (the file holds {held}, not a .docx)")
    check_inflated_size(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError(f"{path}: not a readable Word document (damaged or cut short)") from exc
    except (KeyError, ValueError) as exc:  # python-docx: no Word body, or another Office type
        raise ReadError(f"{path}: not a readable Word document (a ZIP or Office file of another kind)") from exc
    except Exception as exc:  # lxml's and zlib's errors inside a damaged package
        raise ReadError(f"{path}: not a readable Word document ({_damage(exc)})") from exc
    lines: list[str] = []
    # The letterhead often lives in the page header: it carries kommun, förvaltning and Dnr.
    for section in document.sections[:1]:
        lines.extend(p.text for p in section.header.paragraphs if p.text.strip())
    list_styles = _list_styles(document)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            text = block.text
            lines.append(("– " if text.strip() and _is_list_item(block, list_styles) else "") + text)
    for section in document.sections[:1]:
        lines.extend(p.text for p in section.footer.paragraphs if p.text.strip())
    return [normalise("\n".join(lines))], False, (), {}


def check_inflated_size(path: Path, data: bytes) -> None:
    """Raise ReadError when a ZIP package (a .docx) unpacks to more than MAX_INFLATED_BYTES.

    Judged from the archive's directory before anything is inflated; zipfile never inflates a
    member past the size the directory gives it, so the sum bounds the memory used.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says what is wrong with it
    if inflated > MAX_INFLATED_BYTES:
        raise ReadError(f"{path}: not read: the Word document inflates to {inflated // 2**20} MB, more than "
                        f"{MAX_INFLATED_BYTES // 2**20} MB (a ZIP bomb? IOP_MAX_INFLATED_BYTES sets the limit)")


def _damage(exc: Exception) -> str:
    """Give what is wrong with a damaged Word package, in words.

    >>> import zlib
    >>> _damage(zlib.error("Error -3 while decompressing data: invalid distance too far back"))
    'damaged: its compressed contents are corrupt'
    >>> _damage(SyntaxError("x"))
    'damaged: SyntaxError'
    """
    name = type(exc).__name__
    if name == "error" and type(exc).__module__ == "zlib":
        return "damaged: its compressed contents are corrupt"
    if name == "XMLSyntaxError":
        return "damaged: its XML is broken"
    if "CRC" in str(exc):
        return "damaged: a part fails its checksum"
    return f"damaged: {name}"


def _list_styles(document) -> frozenset[str]:
    """Give the ids of the document's list paragraph styles (List Paragraph, List Bullet, Liststycke).

    Looked up once per document: `paragraph.style` searches the styles part on every call.
    """
    from docx.enum.style import WD_STYLE_TYPE

    return frozenset(style.style_id for style in document.styles
                     if style.type == WD_STYLE_TYPE.PARAGRAPH and (style.name or "").startswith(("List", "Liststycke")))


def _is_list_item(paragraph, list_styles: frozenset[str]) -> bool:
    """True for a bulleted or numbered paragraph: Word keeps the bullet in styling, not in the text,
    so it is written out as `– ` to read like the same list in a PDF."""
    properties = paragraph._p.pPr
    if properties is None:
        return False
    return properties.numPr is not None or properties.pStyle is not None and properties.pStyle.val in list_styles


def _table_lines(table) -> list[str]:
    """Give one line per table row, cells separated by tabs; merged cells once.

    A row whose cells hold several lines each (`Föreningen A` / `Föreningen B` beside their two org
    numbers) becomes one line per inner line, so each name stays beside its own number; other
    cells' lines are joined with `; `.
    """
    rows = []
    for row in table.rows:
        cells: list[list[str]] = []
        for cell in row.cells:
            lines = [line.strip() for line in cell.text.split("\n") if line.strip()]
            if not cells or cells[-1] != lines:
                cells.append(lines)
        depth = {len(lines) for lines in cells if len(lines) > 1}
        if len(depth) == 1 and all(len(lines) in (0, 1, *depth) for lines in cells):
            n = depth.pop()
            for i in range(n):
                rows.append("\t".join(lines[i] if len(lines) == n else (lines[0] if lines and i == 0 else "")
                                       for lines in cells).rstrip("\t"))
        elif depth:
            rows.extend(line for lines in cells for line in lines)  # a cell at a time, as a PDF prints it
        else:
            rows.append("\t".join(lines[0] if lines else "" for lines in cells))
    return rows


# --- Plain text and HTML --------------------------------------------------------------------

def decode_text(data: bytes) -> str:
    """Give the text of bytes in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

    Swedish offices still save Windows-1252 (ANSI) files: å is 0xE5 there.

    >>> decode_text("Linköping".encode("utf-8-sig")), decode_text("Linköping".encode("cp1252"))
    ('Linköping', 'Linköping')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    without_bom = _utf16_without_bom(data[:65536])
    if without_bom:
        return data.decode(without_bom, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _utf16_without_bom(sample: bytes) -> str | None:
    """Give "utf-16-le" or "utf-16-be" for UTF-16 text saved without a BOM, else None.

    Latin text in UTF-16 has a NUL in every other byte, and none in the others.

    >>> _utf16_without_bom("Linköping".encode("utf-16-le")), _utf16_without_bom(b"Linkoping")
    ('utf-16-le', None)
    """
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > half * 0.3 and even.count(0) < half * 0.05:
        return "utf-16-le"
    if even.count(0) > half * 0.3 and odd.count(0) < half * 0.05:
        return "utf-16-be"
    return None


def _plain_text(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """Give the decoded text of a text file and warnings; ReadError when it holds something else."""
    held = sniff(data)
    if held not in ("text", "HTML"):
        raise ReadError(f"{path}: not a text file (the file holds {held})")
    text = decode_text(data)
    # A stray NUL (a crashed editor, a bad copy) would cut the text short in many SQLite tools.
    nuls = text.count("\x00")
    if nuls:
        return text.replace("\x00", ""), (f"{nuls} NUL character(s) removed",)
    return text, ()


def _read_plain(path: Path, data: bytes, ocr) -> _Pages:
    text, warnings = _plain_text(path, data)
    # A form feed is how text exports mark a new page.
    return [normalise(page) for page in text.split("\f")], False, warnings, {}


def _read_html(path: Path, data: bytes, ocr) -> _Pages:
    text, warnings = _plain_text(path, data)
    return [normalise(html_to_text(text))], False, warnings, {}


# --- E-mail ---------------------------------------------------------------------------------

# The header lines of a message as a Swedish mail client prints them, so the header extractor reads
# the sender as the officer and the sending day as the document's date.
MAIL_HEADERS = (("From", "Från"), ("Date", "Skickat"), ("To", "Till"), ("Cc", "Kopia"), ("Subject", "Ämne"))


def _read_mail(path: Path, data: bytes, ocr) -> _Pages:
    """Read a saved e-mail (.eml, RFC 5322): its headers, then its text (or its HTML as text).

    Attachments are named, not read: they are documents of their own, saved beside the mail.
    """
    import email
    import email.policy
    import email.utils

    if sniff(data) not in ("text", "HTML"):
        raise ReadError(f"{path}: not a readable e-mail (the file holds {sniff(data)})")
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not any(message.get(name) for name, _ in MAIL_HEADERS):
        raise ReadError(f"{path}: not a readable e-mail (no From, Date or Subject header)")
    lines = []
    for name, label in MAIL_HEADERS:
        value = message.get(name)
        if value is None:
            continue
        value = str(value)
        if name == "Date":
            try:
                sent = email.utils.parsedate_to_datetime(value)
                value = sent.strftime("%Y-%m-%d %H:%M")
            except (TypeError, ValueError):
                pass
        lines.append(f"{label}: {value}")
    body, attachments = [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            attachments.append(part.get_filename() or "(utan namn)")
            continue
        if part.get_content_maintype() != "text":
            continue
        try:
            content = part.get_content()
        except (LookupError, UnicodeError):  # an unknown or wrong charset: read it as Windows-1252
            content = decode_text(part.get_payload(decode=True) or b"")
        if part.get_content_subtype() == "html":
            if body:
                continue  # the plain-text alternative is already read
            content = html_to_text(content)
        body.append(content)
    if attachments:
        lines.append("Bilagor: " + ", ".join(attachments))
    return [normalise("\n".join(lines) + "\n\n" + "\n\n".join(body))], False, (), {}
