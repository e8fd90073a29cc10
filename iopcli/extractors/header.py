"""The header block: the document's own date, its officer (handläggare), and header case numbers.

A letterhead gives `Datum`, `Diarienummer`, `Handläggare` in many layouts; in PDF text they come
out as `Label: value`, as a label line with the value line below, as a table row of labels with a
row of values below (`Handläggare Datum Diarienummer` / `Venemalm Sofia 2016-03-08 SCN-2016-0182`),
or as all labels first and all values after. Values are paired with labels by column order and by
their type: a date goes to a date label, a case number to a case label, name words to the officer.

The document date is, in this order: a labelled date in the head (`Datum`, `Utfärdat`), a date
standing alone in the head or beside the Dnr or the department (` Socialförvaltningen 2025-04-14
Dnr SON 2024-1523`), a signing line (`Linköping den 12 mars 2025`). Never just the first date.

The officer is a labelled name (`Handläggare: John Fristedt`, `Handläggare` / `Nela Bengtsson`), or
a name line directly under the department line at the top. A name is turned round (`Venemalm
Sofia` -> `Sofia Venemalm`) only when its last word is a common given name (sv.GIVEN_NAMES) and
its first word is not; otherwise it is kept as written.
"""
from __future__ import annotations

import re

from iopcli.extractors import casenumbers, sv
from iopcli.extractors.dates import find_dates
from iopcli.model import Document, Fact
from iopcli.text import fold as fast_fold, folded as fold_text
from iopcli.text import fold

HEAD_MAX_LINES = 40
PROSE_LINE_CHARS = 100

# Label -> field, folded; the lexicon's labels plus forms seen in protocols.
_LABELS = {fold(k): v for k, v in sv.HEADER_LABELS.items()} | {
    "sammanträdesdatum": "date", "datum för beslut": "date", "ert datum": "date_theirs",
    "vår ref": "officer", "ert dnr": "case_theirs", "dnr.": "case", "diarienr.": "case",
    "ärende nr": "case", "referens": "officer",
    # An e-mail as a mail client prints it (readers.MAIL_HEADERS): the sender is the officer.
    "från:": "officer", "skickat": "date", "skickades": "date",
}
_LABELS = {fold(k): v for k, v in _LABELS.items()}
LABEL_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(_LABELS, key=len, reverse=True)) + r")(?![\w-])[ \t]*:?"
)

# Headings where the body of a document begins.
BODY_START_RE = re.compile(
    r"^\s*(?:#+\s*)?(?:\d+\.\s*)?(?:forvaltningens\s+)?(?:forslag\s+till\b|sammanfattning\b|arendet?\b(?![ \t]*:)|"
    r"bakgrund\b|beslut\b|ordforande\b|narvarande\b|paragraf\b)"
)
NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüø]+(?:-[A-ZÅÄÖÉ][a-zåäöéüø]+)?"
NAME_RE = re.compile(rf"{NAME_WORD}(?:[ \t]+(?:(?:von|af|de|van|der)[ \t]+)?{NAME_WORD}){{1,3}}")
_NOT_NAME_WORDS = tuple(fold(w) for w in (*sv.PUBLIC_BODY_WORDS, *sv.AUTHORITY_WORDS, *sv.DEPARTMENT_WORDS,
                                            "förvaltning", "jour", "förening", "förbund", "stiftelse",
                                            "avdelning", "enhet", "socialtjänst", "telefon", "datum",
                                            "sektor", "partnerskap", "överenskommelse", "tjänsteskrivelse",
                                            "beslut", "bilaga", "sida", "till", "centrum", "stöd", "iop"))
DEPARTMENT_RE = re.compile(r"(?:forvaltning|kontoret|namnd|styrelse|kommun|\bstad\b|region|avdelning|enhet)")
TABLE_RULE_RE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*")
RULE_LINE_RE = re.compile(r"[ \t]*[=_\-*~]{5,}[ \t]*")  # `=====` under a case-system export's header
SIGNING_RE = re.compile(r"^[ \t]*[A-ZÅÄÖ][\wåäöé-]+(?:[ \t][A-ZÅÄÖ][\wåäöé-]+)?,?[ \t]+(?=(?:den[ \t]+)?\d)")


def extract(doc: Document) -> list[Fact]:
    """Give the document_date, the officer and the case numbers of tables in the header block."""
    text = doc.text
    lines = _lines(text)
    head = head_lines(text)
    fields = header_fields(text, head)
    facts: list[Fact] = []

    dated = next(iter(fields.get("date", [])), None) or _lone_head_date(text, head) or _signing_date(text, lines)
    if dated:
        start, end, value = dated
        facts.append(doc.fact("document_date", value, start, end))

    officer = next(iter(fields.get("officer", [])), None) or _labelled_officer_anywhere(text, lines) \
        or _name_under_department(text, head)
    if officer:
        start, end, value = officer
        facts.append(doc.fact("officer", value, start, end))

    for start, end, value in fields.get("case", []) + fields.get("case_theirs", []):
        facts.append(doc.fact("case_number", value, start, end))
    return facts


def header_fields(text: str, head: list[tuple[int, int]]) -> dict[str, list[tuple[int, int, str]]]:
    """Give field -> [(start, end, value)] for the labelled values of the head lines.

    Dates and officers are found inline and in tables; case numbers only where the value does not
    follow its label on the same line (the casenumbers extractor finds those).

    >>> t = "Handläggare Datum Diarienummer\\nVenemalm Sofia 2016-03-08 SCN-2016-0182\\n"
    >>> f = header_fields(t, _lines(t))
    >>> f["date"][0][2], f["officer"][0][2], f["case"][0][2]
    ('2016-03-08', 'Sofia Venemalm', 'SCN 2016-0182')
    """
    fields: dict[str, list[tuple[int, int, str]]] = {}
    folded = fold_text(text)
    i = 0
    while i < len(head):
        start, end = head[i]
        labels = _line_labels(folded, start, end)
        if labels is None:  # a line that starts with a label and carries its value
            _inline(text, folded, start, end, fields)
            i += 1
            continue
        if not labels:
            i += 1
            continue
        # A run of label-only lines, then the value lines below them.
        group = list(labels)
        j = i + 1
        while j < len(head) and (more := _line_labels(folded, *head[j])):
            group.extend(more)
            j += 1
        one_row = j == i + 1 and len(group) > 1
        wanted = 1 if one_row else len(group)
        values = []  # value lines may start with a label-like word (`Enhet för stöd`), not be label-only
        for k in range(j, min(len(head), j + wanted)):
            if _line_labels(folded, *head[k]):
                break
            values.append(head[k])
        _pair(text, group, values, one_row, fields)
        i = j + len(values)
    return fields


def _line_labels(folded: str, start: int, end: int) -> list[str] | None:
    """Give the fields a label-only line names; [] for a line with no label first; None for `Label value`."""
    line = folded[start:end]
    found = list(LABEL_RE.finditer(line))
    if not found or line[: found[0].start()].strip(" \t|*#"):
        return []
    rest = LABEL_RE.sub("", line)
    if rest.strip(" \t|*#:-"):
        return None
    return [_LABELS[m[1]] for m in found]


_PLANNED = re.compile(r"\b(?:planerat|planerad|preliminart|preliminar|prel\.|forslag|preliminart)\b")


def _inline(text: str, folded: str, start: int, end: int, fields: dict) -> None:
    m = LABEL_RE.match(folded, start + len(folded[start:end]) - len(folded[start:end].lstrip(" \t|*#")))
    if not m:
        return
    field = _LABELS[m[1]]
    value_start = m.end()
    if field == "date":
        dates = find_dates(text[value_start:end])
        # `Beslutsdatum: 2021-11-17 (planerat)`: a decision still to come is not the document's date
        if dates and not _PLANNED.search(folded, value_start + dates[0][1], end):
            s, e, d = dates[0]
            fields.setdefault("date", []).append((value_start + s, value_start + e, d.isoformat()))
    elif field == "officer":
        name = _name_at(text, value_start, end)
        if name:
            fields.setdefault("officer", []).append(name)


def _pair(text: str, labels: list[str], values: list[tuple[int, int]], one_row: bool, fields: dict) -> None:
    """Pair labels with values: by type first (date, case number), then the rest by column order."""
    chunks: list[tuple[int, int]] = []
    for start, end in values:
        taken: list[tuple[int, int]] = []
        if "date" in labels:
            for s, e, d in find_dates(text[start:end])[:1]:
                fields.setdefault("date", []).append((start + s, start + e, d.isoformat()))
                taken.append((start + s, start + e))
        if "case" in labels or "case_theirs" in labels:
            for s, e, value in _case_numbers_in(text, start, end, taken):
                fields.setdefault("case", []).append((s, e, value))
                taken.append((s, e))
        chunks.extend(_rest(text, start, end, taken))
    text_labels = [label for label in labels if label not in ("date", "date_theirs", "case", "case_theirs")]
    if not one_row:
        # One value per line, in label order: the officer's line is the one at its label's place.
        ordered = [label for label in labels]
        if "officer" in ordered and len(values) == len(ordered):
            start, end = values[ordered.index("officer")]
            name = _name_at(text, start, end)
            if name:
                fields.setdefault("officer", []).append(name)
        return
    for label, (start, end) in zip(text_labels, chunks):
        if label == "officer":
            name = _name_at(text, start, end)
            if name:
                fields.setdefault("officer", []).append(name)


def _case_numbers_in(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    found = []
    line = text[start:end]
    for pattern in (casenumbers.YEAR_FIRST_RE, casenumbers.PREFIX_LAST_RE, casenumbers.LABELLED_VALUE_RE):
        for m in pattern.finditer(line):
            s, e = start + m.start(), start + m.end()
            if any(a < e and s < b for a, b in taken + [(x, y) for x, y, _ in found]):
                continue
            value = casenumbers._canonical_from_match(m, labelled=True)
            if value and (m.re is not casenumbers.LABELLED_VALUE_RE or not m["prefix"] or m["prefix"].isupper()):
                found.append((s, e, value))
    return found[:1]


def _rest(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give the stretches of a line not taken by typed values, trimmed, in order."""
    cuts = sorted(taken)
    pieces, cursor = [], start
    for s, e in cuts + [(end, end)]:
        piece = text[cursor:s]
        if piece.strip(" \t|,;"):
            lead = len(piece) - len(piece.lstrip(" \t|,;"))
            pieces.append((cursor + lead, cursor + len(piece.rstrip(" \t|,;"))))
        cursor = e
    return pieces


def _name_at(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Give (start, end, name) for a person's name at the start of text[start:end], or None."""
    stretch = text[start:end]
    lead = len(stretch) - len(stretch.lstrip(" \t|:*"))
    m = NAME_RE.match(text, start + lead, end)
    if not m or not is_person_name(m[0]):
        return None
    after = text[m.end():end]
    if re.match(r"[ \t]*[a-zåäö]", after) and not re.match(r"[ \t]*(?:tel|telefon|e-post|mobil)\b", after):
        return None  # a name that goes on in lower case is a phrase, not a name
    return m.start(), m.end(), person_name(m[0])


def is_person_name(raw: str) -> bool:
    """True when the words look like a person's name, not an office or an organisation.

    >>> is_person_name("Hanna Flod"), is_person_name("Social- och omsorgsnämnden"), is_person_name("Linköpings Kommun")
    (True, False, False)
    """
    words = raw.split()
    if not 2 <= len(words) <= 4:
        return False
    folded = fold(raw)
    return not any(w in folded for w in _NOT_NAME_WORDS) and not LABEL_RE.search(folded)


def person_name(raw: str) -> str:
    """Give the name in given-name-first order, with single spaces.

    >>> person_name("Venemalm Sofia"), person_name("Hanna Flod"), person_name("Lina  Blombergsson")
    ('Sofia Venemalm', 'Hanna Flod', 'Lina Blombergsson')
    """
    words = raw.split()
    if len(words) == 2 and words[1] in sv.GIVEN_NAMES and words[0] not in sv.GIVEN_NAMES:
        words = [words[1], words[0]]
    return " ".join(words)


def _lone_head_date(text: str, head: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """Give a date that stands alone on a head line or beside only names, Dnr and the department."""
    for start, end in head:
        line = text[start:end]
        dates = find_dates(line)
        if len(dates) != 1:
            continue
        s, e, d = dates[0]
        if _SITTING_BEFORE.search(fold(line[:s])):
            return start + s, start + e, d.isoformat()
        rest = line[:s] + " " + line[e:]
        for _, value_end, _ in casenumbers.labelled_case_numbers(rest):
            rest = rest[value_end:]
        rest = re.sub(r"(?i)\b(?:dnr|diarienummer)\b.*", "", rest)
        words = re.findall(r"[^\s|,.:()]+", rest)
        if len(words) <= 4 and all(w[0].isupper() or w[0].isdigit() for w in words):
            return start + s, start + e, d.isoformat()
    return None


_BLANK_PLACE_DATE = re.compile(r"\s*(?:ort\s*(?:och|,|/|&)?\s*datum|datum\s*(?:och|,|/)?\s*ort)\s*[:._]*\s*")
# `Protokollsutdrag från sammanträde 2022-09-22`, `Sammanträdet den 3 maj 2021`: the sitting's date.
_SITTING_BEFORE = re.compile(r"\bsammantrade(?:t|s?datum)?\s*(?:den\s+|:\s*)?$")


def _signing_date(text: str, lines: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """Give the date of a signing line `Linköping den 12 mars 2025` that starts a paragraph."""
    previous = ""
    for start, end in lines:
        line = text[start:end]
        label = _PLACE_DATE_LABEL.match(line)
        if label:  # `Ort och datum: Sundsvall 2023-02-03`
            start, line = start + label.end(), line[label.end():]
            previous = ""
        m = SIGNING_RE.match(line)
        # The paragraph starts after a full stop, a blank line, a heading (`Underskrifter`) or the
        # `Ort och datum` labels of a signature table.
        if m and (not previous.strip() or previous.rstrip()[-1:] in ".:!?" or _is_heading(previous)
                  or _PLACE_DATE_LABEL.match(previous)):
            dates = find_dates(line[m.end():])
            if dates and dates[0][0] == 0 or dates and re.fullmatch(r"den\s*", line[m.end():m.end() + dates[0][0]]):
                s, e, d = dates[0]
                tail = line[m.end() + e:]
                # The other party's column may be the blank `Ort och datum` or its own signing line.
                other = _PLACE_DATE_LABEL.match(tail)
                tail = tail[other.end():] if other else tail
                if not re.search(r"[a-zåäö]{3,}", fold(tail)) or SIGNING_RE.match(tail) or _BLANK_PLACE_DATE.fullmatch(fold(tail)):
                    later = _later_signing(tail, d)
                    if later:  # `Karlskrona 2023-12-14  Karlskrona 2023-12-19`: signed when the last party signed
                        at = start + len(line) - len(tail) + later[0]
                        return at, at + later[1] - later[0], later[2].isoformat()
                    return start + m.end() + s, start + m.end() + e, d.isoformat()
        if line.strip():
            previous = line
    return None


def _later_signing(tail: str, first):
    """Give (start, end, date) in tail of the other party's signing date when it is later than first."""
    other = SIGNING_RE.match(tail.lstrip(" \t"))
    if not other:
        return None
    offset = len(tail) - len(tail.lstrip(" \t")) + other.end()
    dates = find_dates(tail[offset:])
    if dates and dates[0][2] > first and re.fullmatch(r"(?:den\s*)?", tail[offset:offset + dates[0][0]]):
        return offset + dates[0][0], offset + dates[0][1], dates[0][2]
    return None


_PLACE_DATE_LABEL = re.compile(r"[ \t]*(?:ort\s+och\s+datum|datum\s+och\s+ort|ort\s*/\s*datum|plats\s+och\s+datum)"
                               r"[ \t]*:?[ \t]*", re.I)


def _is_heading(line: str) -> bool:
    """True for a short heading line: one to three words, the first capitalised, no closing punctuation.

    >>> _is_heading("Underskrifter"), _is_heading("6. Uppsägning"), _is_heading("och föreningen för")
    (True, True, False)
    """
    words = re.sub(r"^\s*(?:#+\s*)?(?:\d+\.\s*)?", "", line).split()
    return 1 <= len(words) <= 3 and words[0][:1].isupper() and line.rstrip()[-1:] not in ",;"


def _labelled_officer_anywhere(text: str, lines: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """Give the name after `Handläggare` or `Vår referens` anywhere in the text."""
    folded = fold_text(text)
    for m in re.finditer(r"(?<![\w-])(?:handlaggare|var referens)(?![\w-])[ \t]*:?[ \t]*(\n[ \t]*)?", folded):
        line_end = text.find("\n", m.end())
        name = _name_at(text, m.end(), len(text) if line_end < 0 else line_end)
        if name:
            return name
    return None


def _name_under_department(text: str, head: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """Give the name on the line right under the department line at the very top."""
    folded = fold_text(text)
    for (start, end), (next_start, next_end) in zip(head[:6], head[1:7]):
        if DEPARTMENT_RE.search(folded[start:end]) and text[next_start:next_end].strip():
            name = _name_at(text, next_start, next_end)
            if name and not text[name[1]:next_end].strip():
                return name
    return None


def _lines(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Give (start, end) of every non-blank line, or of the first `limit` of them."""
    lines = []
    for m in re.finditer(r"[^\n]*", text):
        if m.group().strip():
            lines.append((m.start(), m.end()))
            if limit is not None and len(lines) >= limit:
                break
    return lines


def head_lines(text: str) -> list[tuple[int, int]]:
    """Give the non-blank lines of the head: before the first prose line or body heading.

    >>> t = "Socialförvaltningen\\nHanna Flod\\n\\nFörslag till beslut\\nText"
    >>> [t[s:e] for s, e in head_lines(t)]
    ['Socialförvaltningen', 'Hanna Flod']
    """
    head = []
    for start, end in _lines(text, HEAD_MAX_LINES):
        line = text[start:end]
        # A long line is prose (the body begins), unless it is a title: no full stop in it or at its end.
        prose = end - start > PROSE_LINE_CHARS and (". " in line or line.rstrip().endswith(".") or end - start > 200)
        if prose or BODY_START_RE.match(fast_fold(line)):
            break
        if TABLE_RULE_RE.fullmatch(text, start, end) or RULE_LINE_RE.fullmatch(text, start, end):
            continue  # `|---|---|`: a Markdown table's rule between its label row and its value row
        head.append((start, end))
    return head
