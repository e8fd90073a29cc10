"""Tesseract's TSV output read into a page's text and its words' confidences. Pure.

ocr.py asks Tesseract for its per-word table (TSV) and builds everything from it: the page text,
with lines joined as a text layer would have them (`text_from_tsv`), and the confidence of each
word, whose mean is how well the page was read (`mean_confidence`).
"""
from __future__ import annotations

from dataclasses import dataclass

# A page whose words Tesseract read with a mean confidence (0-100) below this is marked as read
# poorly. Measured on 7 pages of 4 dev PDFs (h02 h07 h12 h17) scanned ever worse with
# bench/make_scans.py's degrade(), against the words of their text layer:
#     good (220 dpi) and poor (130 dpi) scans   95 (one 83)   99-100 % of words read right
#     100 dpi, 2 % speckle                      85-89         76-92 %
#     92 dpi, 2.5 % speckle                     80-86         76-87 %
#     85 dpi, 3 % speckle                       69-75         54-72 %, figures start to go (55-100 %)
#     80 dpi and worse                          21-60         under 45 %
# Below 80 a third of the words or more are wrong. Above it: every judged page (ocr.MIN_WORDS_TO_JUDGE)
# of bench/ocr.py's good and poor sets reads 92-96 and the bundled sample scans 87-92; none is marked.
LOW_CONFIDENCE = 80


def is_low(confidence: float | None) -> bool:
    """Give True when a page's OCR confidence, rounded as it is shown, is below LOW_CONFIDENCE.

    >>> is_low(58.2), is_low(79.6), is_low(95.0), is_low(None)
    (True, False, False, False)
    """
    return confidence is not None and round(confidence) < LOW_CONFIDENCE


def mean(values: list[float]) -> float | None:
    """Give the mean of some numbers, or None when there are none.

    >>> mean([90.0, 60.0]), mean([])
    (75.0, None)
    """
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class _Line:
    paragraph: tuple[str, ...]  # (page, block, paragraph) as Tesseract numbers them
    left: int
    top: int
    right: int
    bottom: int
    words: tuple[str, ...]


def text_from_tsv(tsv: str) -> str | None:
    """Give a page's text from Tesseract's TSV: its lines, a blank line only where the page has a gap.

    Tesseract's own text starts a new paragraph, with a blank line, wherever its layout analysis
    guesses one; it guesses one before a short last line that begins with a figure ("240 000 kr
    per år."), which cuts an amount off from the sentence that says whose it is. A break is kept
    where there is white space (a gap of more than a line's height) or a new column; elsewhere the
    line simply follows, as in a PDF's text layer. None when the TSV has no line geometry.

    >>> header = "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext"
    >>> rows = ["4\\t1\\t1\\t1\\t1\\t0\\t200\\t863\\t1288\\t32\\t-1\\t", "5\\t1\\t1\\t1\\t1\\t1\\t200\\t863\\t60\\t30\\t96\\tvärde",
    ...         "5\\t1\\t1\\t1\\t1\\t2\\t270\\t863\\t30\\t30\\t96\\tav",
    ...         "4\\t1\\t1\\t2\\t1\\t0\\t202\\t910\\t297\\t36\\t-1\\t", "5\\t1\\t1\\t2\\t1\\t1\\t202\\t910\\t58\\t25\\t96\\t240",
    ...         "4\\t1\\t2\\t1\\t1\\t0\\t200\\t1100\\t297\\t36\\t-1\\t", "5\\t1\\t2\\t1\\t1\\t1\\t200\\t1100\\t58\\t25\\t96\\t6."]
    >>> text_from_tsv("\\n".join([header] + rows))
    'värde av\\n240\\n\\n6.'
    >>> text_from_tsv("level\\tconf\\ttext\\n5\\t90\\tword") is None
    True
    """
    lines = _tsv_lines(tsv)
    if lines is None:
        return None
    if not lines:
        return ""
    heights = sorted(line.bottom - line.top for line in lines)
    line_height = heights[len(heights) // 2]
    parts = [" ".join(lines[0].words)]
    for previous, line in zip(lines, lines[1:]):
        gap = line.top - previous.bottom
        below = 0 <= gap <= line_height and line.left < previous.right and previous.left < line.right
        parts.append("\n" if line.paragraph == previous.paragraph or below else "\n\n")
        parts.append(" ".join(line.words))
    return "".join(parts)


def _tsv_lines(tsv: str) -> list[_Line] | None:
    """Give the lines of words in Tesseract's TSV in its reading order, or None without geometry."""
    rows = tsv.splitlines()
    needed = ("level", "page_num", "block_num", "par_num", "line_num", "left", "top", "width",
              "height", "text")
    columns = rows[0].split("\t") if rows else []
    if any(name not in columns for name in needed):
        return None
    at = {name: columns.index(name) for name in needed}
    boxes: dict[tuple[str, ...], tuple[int, int, int, int]] = {}
    words: dict[tuple[str, ...], list[str]] = {}
    for row in rows[1:]:
        cells = row.split("\t")
        if len(cells) < len(columns) - 1:  # the text cell of a layout row may be cut off
            continue
        key = tuple(cells[at[name]] for name in ("page_num", "block_num", "par_num", "line_num"))
        try:
            left, top, width, height = (int(cells[at[name]]) for name in ("left", "top", "width", "height"))
        except ValueError:
            continue
        if cells[at["level"]] == "4":
            boxes[key] = (left, top, left + width, top + height)
        elif cells[at["level"]] == "5" and len(cells) > at["text"] and cells[at["text"]].strip():
            words.setdefault(key, []).append(cells[at["text"]].strip())
    return [_Line(key[:3], *boxes.get(key, (0, 0, 0, 0)), tuple(found))
            for key, found in words.items()]


def mean_confidence(tsv: str) -> float | None:
    """Give the mean confidence (0-100) of the words in Tesseract's TSV output, or None if none.

    >>> header = "level\\tleft\\ttop\\tconf\\ttext"
    >>> rows = ["5\\t10\\t10\\t96.5\\tDnr", "5\\t90\\t10\\t13.5\\tSJ10OJ", "4\\t10\\t10\\t-1\\t"]
    >>> mean_confidence("\\n".join([header] + rows))
    55.0
    >>> mean_confidence(header) is None
    True
    """
    return mean(word_confidences(tsv))


def word_confidences(tsv: str) -> list[float]:
    """Give the confidence (0-100) of each word in Tesseract's TSV output; empty when it has none.

    >>> word_confidences("level\\tconf\\ttext\\n5\\t96.5\\tDnr\\n4\\t-1\\t\\n5\\t13.5\\tSJ10OJ")
    [96.5, 13.5]
    """
    lines = tsv.splitlines()
    if not lines:
        return []
    columns = lines[0].split("\t")
    if "conf" not in columns or "text" not in columns:
        return []
    conf_at, text_at = columns.index("conf"), columns.index("text")
    confidences = []
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > max(conf_at, text_at) and cells[text_at].strip():
            try:
                confidences.append(float(cells[conf_at]))
            except ValueError:
                continue
    return confidences
