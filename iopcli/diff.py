"""What changed between two versions of an agreement: field by field first, section by section second.

Pure: two document records (plain dicts, spec/record.md) and their texts in, record.md's diff record
out. No database, no files, no terminal.

Field changes compare the agreement's terms (period, notice, extension, amounts, parties, case
numbers, deadlines, recurring duties, municipality, authority). List items are matched before they
are compared, so a changed sum, a renamed party or a duty whose frequency changed is ONE "changed"
change, not a removal plus an addition.

Text changes split both texts into sections by their headings (after dropping page headers, footers
and page numbers and joining hyphenated line breaks), align the sections by heading and content,
and report added, removed, changed and moved sections, with word-level opcodes for changed ones.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from iopcli.extractors.casenumbers import case_key  # any written form of one diarienummer
from iopcli.text import fold, normalise

# Keys that say where a value came from or how sure we are, not what the agreement says.
IGNORED_KEYS = frozenset(
    {"evidence", "source", "path", "sha256", "note", "notes", "raw", "span", "aliases", "valid",
     "repaired_from", "confidence"}
)

# Scalar fields: (field name in the diff, path in the record, key of the record's "evidence").
AGREEMENT_FIELDS = (
    ("period.start", ("period", "start"), "period"),
    ("period.end", ("period", "end"), "period"),
    ("period.notice_months", ("period", "notice_months"), "notice"),
    ("period.notice_weeks", ("period", "notice_weeks"), "notice"),
)
# Fields of the agreement that are compared after the lists.
PARTY_FIELDS = (
    ("municipality", ("municipality",), "municipality"),
    ("authority", ("authority",), "authority"),
)
# What the document is rather than what it agrees: a revision always has a new date, so these
# are compared only on request (document_fields=True).
DOCUMENT_FIELDS = (
    ("doc_type", ("doc_type",), "doc_type"),
    ("document_date", ("document_date",), "document_date"),
    ("officer", ("officer",), "officer"),
)
EXTENSION_PARTS = ("kind", "step_months", "max_end", "notice_by")

# Words that carry no meaning when duties or party names are compared (folded).
_STOP_WORDS = frozenset(
    "och i till om for av pa med att den det de en ett som samt eller ar ska for fran per vid under "
    "inom mot the of and".split()
)
# A heading that ends on one of these is a wrapped line of a sentence, not a heading (folded).
_FUNCTION_WORDS = _STOP_WORDS | frozenset(
    "har kan skall dar nar hos efter innan mellan genom enligt kring utan via vilket vilka dess deras sin "
    "sitt sina alla varje denna detta dessa sa".split()
)

PREAMBLE = ""  # heading of the text before a document's first heading


# ---------------------------------------------------------------------------------------------
# Field changes


def field_changes(a: dict, b: dict, *, document_fields: bool = False) -> list[dict]:
    """Give the changes in the agreement's terms from record a to record b, in a fixed order.

    Each change is {"field", "change": "added"|"removed"|"changed", "before", "after",
    "before_evidence", "after_evidence"}; evidence is {"source", "page", "text"} or None.
    document_fields=True also compares doc_type, document_date and officer.
    """
    changes: list[dict] = []
    for name, path, evidence_key in AGREEMENT_FIELDS:
        changes.extend(_scalar_change(a, b, name, path, evidence_key))
    changes.extend(_extension_changes(a, b))
    changes.extend(_list_changes(a, b, "amounts", _AMOUNT_STAGES))
    changes.extend(_list_changes(a, b, "parties", _PARTY_STAGES, form=_party_form))
    changes.extend(_case_number_changes(a, b))
    changes.extend(_list_changes(a, b, "deadlines", _DEADLINE_STAGES))
    changes.extend(_list_changes(a, b, "recurring", _DUTY_STAGES))
    for name, path, evidence_key in PARTY_FIELDS + (DOCUMENT_FIELDS if document_fields else ()):
        changes.extend(_scalar_change(a, b, name, path, evidence_key))
    return changes


def _change(field: str, before, after, before_evidence=None, after_evidence=None, **more) -> dict:
    kind = "added" if before is None else "removed" if after is None else "changed"
    return {"field": field, "change": kind, "before": before, "after": after,
            "before_evidence": before_evidence, "after_evidence": after_evidence, **more}


def _get(record: dict, path: tuple[str, ...]):
    value = record
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def comparable(value):
    """Give the value as it is compared: provenance keys and None dropped, strings folded.

    >>> comparable({"name": "Linköpings  Kommun", "org_number": None, "evidence": {"page": 1}})
    (('name', 'linkopings kommun'),)
    >>> comparable(12) == comparable(12.0)
    True
    """
    if isinstance(value, dict):
        return tuple(sorted((k, comparable(v)) for k, v in value.items()
                            if k not in IGNORED_KEYS and v is not None))
    if isinstance(value, (list, tuple)):
        return tuple(comparable(v) for v in value)
    if isinstance(value, str):
        return " ".join(fold(value).split())
    return value


def _clean(value):
    """Give the value as it is shown: without the provenance keys."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in IGNORED_KEYS}
    return value


def _evidence(record: dict, evidence) -> dict | None:
    if not isinstance(evidence, dict) or not (evidence.get("text") or evidence.get("page")):
        return None
    return {"source": record.get("source"), "page": evidence.get("page"), "text": evidence.get("text")}


def _scalar_evidence(record: dict, key: str) -> dict | None:
    evidence = record.get("evidence")
    return _evidence(record, evidence.get(key)) if isinstance(evidence, dict) else None


def _scalar_change(a: dict, b: dict, name: str, path: tuple[str, ...], evidence_key: str) -> list[dict]:
    before, after = _get(a, path), _get(b, path)
    if comparable(before) == comparable(after):
        return []
    return [_change(name, before, after, _scalar_evidence(a, evidence_key), _scalar_evidence(b, evidence_key))]


def _extension_changes(a: dict, b: dict) -> list[dict]:
    """Give the extension's change: whole when it appears or goes, else one change per part."""
    before, after = _get(a, ("period", "extension")), _get(b, ("period", "extension"))
    evidence = _scalar_evidence(a, "extension"), _scalar_evidence(b, "extension")
    if comparable(before) == comparable(after):
        return []
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [_change("period.extension", _clean(before), _clean(after), *evidence)]
    extra = sorted((set(before) | set(after)) - set(EXTENSION_PARTS) - IGNORED_KEYS)
    return [
        _change(f"period.extension.{part}", before.get(part), after.get(part), *evidence)
        for part in (*EXTENSION_PARTS, *extra)
        if comparable(before.get(part)) != comparable(after.get(part))
    ]


def _case_evidence(record: dict, case_number: str) -> dict | None:
    evidence = record.get("evidence")
    if not isinstance(evidence, dict):
        return None
    found = evidence.get("case_numbers", evidence.get("case_number"))
    if isinstance(found, dict) and case_number in found and isinstance(found[case_number], dict):
        return _evidence(record, found[case_number])
    candidates = found if isinstance(found, list) else [found]
    digits = re.sub(r"\D", "", case_number)
    for candidate in candidates:
        if isinstance(candidate, dict) and digits and digits in re.sub(r"\D", "", str(candidate.get("text", ""))):
            return _evidence(record, candidate)
    return None


def _case_number_changes(a: dict, b: dict) -> list[dict]:
    before = [str(c) for c in a.get("case_numbers") or []]
    after = [str(c) for c in b.get("case_numbers") or []]
    before_keys, after_keys = {case_key(c) for c in before}, {case_key(c) for c in after}
    removed = [_change("case_numbers", c, None, _case_evidence(a, c), None)
               for c in _unique(before) if case_key(c) not in after_keys]
    added = [_change("case_numbers", None, c, None, _case_evidence(b, c))
             for c in _unique(after) if case_key(c) not in before_keys]
    return removed + added


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if case_key(value) not in seen:
            seen.add(case_key(value))
            kept.append(value)
    return kept


# List items are matched in stages: identical items first, then by what identifies them (an amount
# by role and per, a party by org number or name, a duty by what it is), so that what remains
# unmatched is really added or removed. Each stage scores a pair, or gives None for no match.


def _identical(x: dict, y: dict) -> float | None:
    return 1.0 if comparable(x) == comparable(y) else None


def _sek_closeness(x: dict, y: dict) -> float:
    sek_x, sek_y = x.get("sek") or 0, y.get("sek") or 0
    return 1.0 - abs(sek_x - sek_y) / max(abs(sek_x), abs(sek_y), 1)


def _same_role_and_per(x: dict, y: dict) -> float | None:
    if (x.get("role"), x.get("per")) != (y.get("role"), y.get("per")):
        return None
    return _sek_closeness(x, y)


def _same_role(x: dict, y: dict) -> float | None:
    return _sek_closeness(x, y) if x.get("role") == y.get("role") else None


def _same_sum(x: dict, y: dict) -> float | None:
    return 1.0 if x.get("sek") is not None and x.get("sek") == y.get("sek") else None


_AMOUNT_STAGES = (_identical, _same_role_and_per, _same_role, _same_sum)


def _org_digits(party: dict) -> str:
    return re.sub(r"\D", "", str(party.get("org_number") or ""))


def _same_org_number(x: dict, y: dict) -> float | None:
    return 1.0 if _org_digits(x) and _org_digits(x) == _org_digits(y) else None


def _name_key(name) -> str:
    return " ".join(re.findall(r"\w+", fold(str(name or ""))))


def _same_name(x: dict, y: dict) -> float | None:
    return 1.0 if _name_key(x.get("name")) and _name_key(x.get("name")) == _name_key(y.get("name")) else None


def name_similarity(x: str, y: str) -> float:
    """Give how likely two party names name one organisation, 0..1.

    The first distinctive words share a stem (`Brottsofferjouren` / `Brottsofferjour och
    vittnesstöd`), or most distinctive words are shared. A shared place name alone is not enough.

    >>> name_similarity("Brottsofferjouren i Linköping", "Brottsofferjour och vittnesstöd (Brovi) Linköping") >= 0.6
    True
    >>> name_similarity("Kvinnojouren Linköping", "Tjejjouren Linköping") < 0.6
    True
    """
    words_x = [w for w in _name_key(x).split() if w not in _STOP_WORDS]
    words_y = [w for w in _name_key(y).split() if w not in _STOP_WORDS]
    if not words_x or not words_y:
        return 0.0
    common_prefix = len(_common_prefix(words_x[0], words_y[0]))
    if common_prefix >= 6 or words_x[0] == words_y[0]:
        return max(0.6, SequenceMatcher(None, _name_key(x), _name_key(y)).ratio())
    return _dice(set(words_x), set(words_y))


def _common_prefix(x: str, y: str) -> str:
    length = 0
    while length < min(len(x), len(y)) and x[length] == y[length]:
        length += 1
    return x[:length]


def _dice(x: set, y: set) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _similar_party(x: dict, y: dict) -> float | None:
    if x.get("sector") and y.get("sector") and x.get("sector") != y.get("sector"):
        return None
    score = name_similarity(x.get("name") or "", y.get("name") or "")
    return score if score >= 0.6 else None


def _party_form(party: dict) -> dict:
    """Give a party as it is compared: `Stödjouren i Exempelby` names the same as `Stödjouren Exempelby`."""
    words = [w for w in _name_key(party.get("name")).split() if w not in _STOP_WORDS]
    return {**party, "name": " ".join(words) or party.get("name")}


def _identical_party(x: dict, y: dict) -> float | None:
    return _identical(_party_form(x), _party_form(y))


_PARTY_STAGES = (_identical_party, _same_org_number, _same_name, _similar_party)


def duty_similarity(x: str, y: str) -> float:
    """Give how alike two duties' descriptions are, 0..1: shared word stems (Dice), folded.

    Inflections and OCR spellings match (words are cut to six letters), stop words do not count.

    >>> duty_similarity("Återrapport till social- och omsorgsnämnden",
    ...                 "Återrapportering om överenskommelsen till social- och omsorgsnämnden") >= 0.6
    True
    >>> duty_similarity("Operativa möten", "Operativa moten")
    1.0
    >>> duty_similarity("Operativa möten", "Strategiska möten")
    0.5
    """
    stems_x, stems_y = _stems(x), _stems(y)
    if not stems_x or not stems_y:
        return SequenceMatcher(None, fold(x or ""), fold(y or "")).ratio()
    return _dice(stems_x, stems_y)


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[^\W\d_]+", fold(text or "")) if len(w) >= 3 and w not in _STOP_WORDS}


def _similar_duty(x: dict, y: dict) -> float | None:
    score = duty_similarity(x.get("what") or "", y.get("what") or "")
    return score if score >= 0.6 else None


def _same_date_same_subject(x: dict, y: dict) -> float | None:
    """A dated duty on the same day whose wording shares a word (`Återrapport …` / `Återrapportering …`)."""
    if not x.get("date") or x.get("date") != y.get("date"):
        return None
    return 0.5 if _stems(x.get("what")) & _stems(y.get("what")) else None


_DUTY_STAGES = (_identical, _similar_duty)
_DEADLINE_STAGES = (_identical, _similar_duty, _same_date_same_subject)


def match_items(items_a: list[dict], items_b: list[dict], stages) -> list[tuple[int | None, int | None]]:
    """Give pairs (index in a, index in b), None for an unmatched side: matched ones in a's order,
    then the added ones in b's order.

    Each stage pairs what the earlier stages left, best score first, ties in list order.

    >>> match_items([{"what": "A"}, {"what": "B"}], [{"what": "B"}, {"what": "C"}], (_identical,))
    [(0, None), (1, 0), (None, 1)]
    """
    pair_of_a: dict[int, int] = {}
    taken_b: set[int] = set()
    for stage in stages:
        scored = []
        for i, x in enumerate(items_a):
            if i in pair_of_a:
                continue
            for j, y in enumerate(items_b):
                if j not in taken_b and (score := stage(x, y)) is not None:
                    scored.append((-score, i, j))
        for _, i, j in sorted(scored):
            if i not in pair_of_a and j not in taken_b:
                pair_of_a[i] = j
                taken_b.add(j)
    pairs = [(i, pair_of_a.get(i)) for i in range(len(items_a))]
    return pairs + [(None, j) for j in range(len(items_b)) if j not in taken_b]


def _list_changes(a: dict, b: dict, field: str, stages, form=lambda item: item) -> list[dict]:
    items_a = [x for x in a.get(field) or [] if isinstance(x, dict)]
    items_b = [y for y in b.get(field) or [] if isinstance(y, dict)]
    changes = []
    for i, j in match_items(items_a, items_b, stages):
        before = items_a[i] if i is not None else None
        after = items_b[j] if j is not None else None
        if before is not None and after is not None and comparable(form(before)) == comparable(form(after)):
            continue
        parts = _changed_parts(form(before), form(after)) if before is not None and after is not None else []
        changes.append(_change(
            field, _clean(before), _clean(after),
            _evidence(a, before.get("evidence")) if before is not None else None,
            _evidence(b, after.get("evidence")) if after is not None else None,
            **({"parts": parts} if parts else {}),
        ))
    return changes


def _changed_parts(before: dict, after: dict) -> list[str]:
    """Give the keys whose values differ, in the order the items name them."""
    keys = list(dict.fromkeys([*before, *after]))
    return [k for k in keys if k not in IGNORED_KEYS and comparable(before.get(k)) != comparable(after.get(k))]


def change_line(change: dict) -> str:
    """Give a change as one line for a summary: `period.end 2025-12-31 → 2026-12-31`.

    >>> change_line({"field": "period.end", "change": "changed", "before": "2025-12-31", "after": "2026-12-31"})
    'period.end 2025-12-31 → 2026-12-31'
    >>> change_line({"field": "case_numbers", "change": "added", "before": None, "after": "SON 2024-1"})
    'case_numbers + SON 2024-1'
    >>> change_line({"field": "amounts", "change": "changed", "before": {"sek": 1, "role": "total"},
    ...              "after": {"sek": 2, "role": "total"}, "parts": ["sek"]})
    'amounts (total) sek 1 → 2'
    """
    before, after = change.get("before"), change.get("after")
    if change["change"] == "added":
        return f"{change['field']} + {_short(after)}"
    if change["change"] == "removed":
        return f"{change['field']} - {_short(before)}"
    if isinstance(before, dict) and isinstance(after, dict):
        label = before.get("what") or before.get("name") or before.get("role") or ""
        parts = change.get("parts") or _changed_parts(before, after)
        details = "; ".join(f"{p} {_short(before.get(p))} → {_short(after.get(p))}" for p in parts)
        return f"{change['field']} ({label}) {details}".replace(" () ", " ")
    return f"{change['field']} {_short(before)} → {_short(after)}"


def _short(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items() if v is not None and k not in IGNORED_KEYS)
    return "—" if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# Sections


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a document: its heading, the title it is matched by, and its words.

    heading  as written, Markdown marks removed (`§ 4 Ekonomi`); PREAMBLE for text before the first
    title    folded heading without its clause number (`ekonomi`), for matching
    body     the section's words joined by single spaces: line breaks and hyphenation do not count
    page     1-based page where the section starts
    """

    heading: str
    title: str
    body: str
    page: int

    @property
    def words(self) -> list[str]:
        return self.body.split()


_PAGE_NUMBER = re.compile(
    r"""(?ix)^[\s\-–—]*(?:
        (?:sidan?|sid\.?|page|s\.)\s*\d{1,3}(?:\s*(?:av|of|/|\()\s*\d{1,3}\s*\)?)?
      | \d{1,3}\s*\(\s*\d{1,3}\s*\)
      | \d{1,3}\s*(?:av|of|/)\s*\d{1,3}
      | [-–—]\s*\d{1,3}\s*[-–—]
    )[\s\-–—]*$"""
)
_BARE_PAGE_NUMBER = re.compile(r"^[\s\-–—]*\d{1,3}[\s\-–—]*$")
_PAGE_NUMBER_AT_END = re.compile(
    r"(?i)(?:\s+(?:sidan?|sid\.?|page|s\.)\s*\d{1,3}(?:\s*(?:av|of|/|\()\s*\d{1,3}\s*\)?)?"
    r"|\s+\d{1,3}\s*\(\s*\d{1,3}\s*\)|\s+\d{1,3}\s*(?:av|/)\s*\d{1,3}|\s{2,}\d{1,3})\s*$"
)
_RULE = re.compile(r"^\s*(?:[-_=*]\s*){3,}$")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–·▪◦]\s|\(?[a-z]\)\s|\d{1,2}\)\s)")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def is_page_number(line: str) -> bool:
    """Tell whether a line is a page number (`1 (3)`, `Sida 2 av 5`, `2(5)`, `- 3 -`, `2/5`).

    >>> [is_page_number(s) for s in ("1 (3)", "Sida 2 av 5", "2(5)", "- 3 -", "2/5", "sid. 4")]
    [True, True, True, True, True, True]
    >>> [is_page_number(s) for s in ("2025", "Bilaga 1", "4 Ekonomi", "3 000 kr")]
    [False, False, False, False]
    """
    return bool(_PAGE_NUMBER.match(line.strip())) if line.strip() else False


def _is_bare_page_number(line: str, page_no: int) -> bool:
    """Tell whether a bare number at a page's edge is its page number, not a wrapped `341 314 kr`.

    >>> _is_bare_page_number("3", 3), _is_bare_page_number("- 4 -", 3), _is_bare_page_number("341", 3)
    (True, True, False)
    """
    return bool(_BARE_PAGE_NUMBER.match(line)) and abs(int(re.sub(r"\D", "", line)) - page_no) <= 1


def _running_key(line: str) -> str:
    """Give the form a page header or footer is recognised in on every page.

    >>> _running_key("Linköpings kommun   Sida 2 av 5") == _running_key("Linköpings kommun  Sida 3 av 5")
    True
    >>> _running_key("Bilaga 1") == _running_key("Bilaga 2")
    False
    """
    return " ".join(fold(_PAGE_NUMBER_AT_END.sub("", line)).split())


def _split_pages(text: str, page_starts) -> list[str]:
    starts = sorted({s for s in (page_starts or (0,)) if 0 <= s < max(len(text), 1)} | {0})
    return [text[s:e] for s, e in zip(starts, [*starts[1:], len(text)])]


@dataclass(slots=True)
class _Line:
    text: str
    page: int
    after_blank: bool   # a blank line stands between it and the line before on the same page
    after_page_break: bool
    widths: list[int]   # lengths of the physical lines it was joined from (hyphenated words)


def content_lines(text: str, page_starts=(0,)) -> list[_Line]:
    """Give the text's lines of content: page headers, footers and numbers gone, hyphenated words joined.

    >>> [l.text for l in content_lines("Avtal om sam-\\n\\n2 (3)\\n\\nverkan gäller.")]
    ['Avtal om samverkan gäller.']
    """
    pages = [normalise(page).split("\n") for page in _split_pages(text, page_starts)]
    running = _running_keys(pages)
    lines: list[_Line] = []
    for page_no, page_lines in enumerate(pages, 1):
        content = [k for k, line in enumerate(page_lines) if line.strip()]
        edges = set(content[:2] + content[-2:]) if len(pages) > 1 else set()
        blank = False
        first_on_page = True
        for k, raw in enumerate(page_lines):
            line = " ".join(raw.split())
            if not line:
                blank = True
                continue
            at_edge = k in edges
            if (is_page_number(line) or _RULE.match(line)
                    or (at_edge and (_is_bare_page_number(line, page_no) or _running_key(line) in running))):
                continue
            if lines and _joins_previous(lines[-1].text, line):
                lines[-1].text = _join_hyphenated(lines[-1].text, line)
                lines[-1].widths.append(len(line))
            else:
                lines.append(_Line(line, page_no, blank and not first_on_page, first_on_page and page_no > 1,
                                   [len(line)]))
            blank = False
            first_on_page = False
    return lines


def _running_keys(pages: list[list[str]]) -> set[str]:
    """Give the keys of lines that stand at the top or bottom of most pages: headers and footers."""
    if len(pages) < 2:
        return set()
    pages_with: dict[tuple[str, str], int] = {}
    for page_lines in pages:
        content = [line for line in page_lines if line.strip()]
        # A header stands at the top of the pages, a footer at the bottom: a title on page 1 and a
        # signature at the end of page 2 are neither.
        for edge, edge_lines in (("top", content[:2]), ("bottom", content[-2:])):
            for key in {_running_key(line) for line in edge_lines}:
                if key:
                    pages_with[edge, key] = pages_with.get((edge, key), 0) + 1
    needed = max(2, math.ceil(len(pages) * 0.6))
    return {key for (_, key), count in pages_with.items() if count >= needed}


_SUSPENSION_WORDS = ("och", "eller", "samt", "respektive", "resp", "som", "till")


def _joins_previous(previous: str, line: str) -> bool:
    """Tell whether a line goes on with a word the previous line broke with a hyphen."""
    return bool(re.search(r"[^\W\d_]-$", previous)) and line[:1].islower()


def _join_hyphenated(previous: str, line: str) -> str:
    """Join a hyphen-broken word; a suspended compound (`social- och`) keeps its hyphen.

    >>> _join_hyphenated("en överens-", "kommelse gäller")
    'en överenskommelse gäller'
    >>> _join_hyphenated("social-", "och omsorgsnämnden")
    'social- och omsorgsnämnden'
    """
    first_word = re.match(r"[^\W\d_]*", line).group(0)
    if fold(first_word) in _SUSPENSION_WORDS:
        return f"{previous} {line}"
    return previous[:-1] + line


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(.+?)\1:?$")
_CLAUSE = re.compile(r"^§\s*\d+[a-z]?\b")
_APPENDIX = re.compile(r"^bilaga\s+\d+(?:\.\d+)?\b")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\S)")
_LABEL_VALUE = re.compile(r"^[^:]{1,30}:\s+\S")


def heading_shape(line: str) -> tuple[str, bool] | None:
    """Give (heading, strong) when a line looks like a heading, else None.

    Strong headings (Markdown, `§ 4`, `Bilaga 1`, a bold line) are headings wherever they stand;
    the others only where a paragraph could end before them (see sections()).

    >>> heading_shape("## **Ekonomiska konsekvenser**")
    ('Ekonomiska konsekvenser', True)
    >>> heading_shape("§ 4 Ekonomi")
    ('§ 4 Ekonomi', True)
    >>> heading_shape("Bilaga 1, aktörernas ansvar")
    ('Bilaga 1, aktörernas ansvar', True)
    >>> heading_shape("4. Ekonomi"), heading_shape("PERIOD FÖR ÖVERENSKOMMELSEN")
    (('4. Ekonomi', False), ('PERIOD FÖR ÖVERENSKOMMELSEN', False))
    >>> [heading_shape(s) for s in ("Överenskommelsen utgår från politiska beslut som:",
    ...  "- Barnkonventionen", "Datum: 2022-12-10", "Antal ärenden 765 867 707", "IOP.",
    ...  "5. Paragrafen justeras omedelbart.")]
    [None, None, None, None, None, None]
    """
    line = line.strip()
    markdown = _MARKDOWN_HEADING.match(line)
    bold = _BOLD_LINE.match(line)
    if markdown or bold:
        heading = (markdown.group(1) if markdown else bold.group(2)).strip()
        heading = _BOLD_LINE.sub(r"\2", heading).strip("*_ ").strip()
        return (heading, True) if heading and re.search(r"[^\W\d_]", heading) else None
    if not line or _LIST_ITEM.match(line) or "|" in line or re.search(r"[.,;:!?]$", line):
        return None
    folded = fold(line)
    words = line.split()
    if _CLAUSE.match(line) or _APPENDIX.match(folded):
        return (line, True) if len(words) <= 14 and len(line) <= 100 else None
    numbered = _NUMBERED.match(line)
    rest = line[numbered.end():] if numbered else line
    rest_words = rest.split()
    if not rest_words or not rest[:1].isupper() or len(rest_words) > 8 or len(rest) > 70:
        return None
    if _LABEL_VALUE.match(rest):
        return None
    numeric = sum(1 for w in fold(rest).split() if re.search(r"\d", w))  # fold: OCR `6verens…` is a word
    if numeric > 0.3 * len(rest_words):
        return None
    return line, False


def heading_title(heading: str) -> str:
    """Give the folded heading without its clause number: what two headings are matched by.

    >>> heading_title("§ 4 Ekonomi"), heading_title("4.2 Ekonomi"), heading_title("EKONOMI")
    ('ekonomi', 'ekonomi', 'ekonomi')
    >>> heading_title("Bilaga 1, aktörernas ansvar")
    'bilaga 1 aktorernas ansvar'
    """
    title = re.sub(r"^(?:§\s*\d+[a-z]?|\d{1,2}(?:\.\d{1,2})*\.?)\s+", "", heading.strip())
    return " ".join(re.findall(r"\w+", fold(title)))


def sections(text: str, page_starts=(0,)) -> list[Section]:
    """Give the document's sections in order; text before the first heading has heading PREAMBLE.

    A line is a heading when it has a heading's shape (heading_shape) and, unless it is a strong
    heading, a paragraph can end both before and after it (see _ends_paragraph), it does not end
    on a word like `och` or `mellan`, and the text after it does not go on in lower case.

    >>> [(s.heading, s.body) for s in sections("Inledande text.\\n\\nEkonomi\\nKommunen betalar 450 tkr per år.\\n")]
    [('', 'Inledande text.'), ('Ekonomi', 'Kommunen betalar 450 tkr per år.')]
    """
    lines = content_lines(text, page_starts)
    width = _wrap_width(lines)
    found: list[tuple[str, int, list[str]]] = []  # heading, page, body lines
    for k, line in enumerate(lines):
        heading = _is_heading(lines, k, width)
        if heading:
            found.append((heading, line.page, []))
        else:
            if not found:
                found.append((PREAMBLE, line.page, []))
            found[-1][2].append(line.text)
    return [Section(heading, heading_title(heading), " ".join(" ".join(body).split()), page)
            for heading, page, body in found]


def _wrap_width(lines: list[_Line]) -> float:
    """Give the width hard-wrapped lines fill, or inf for short texts.

    Most lines of a hard-wrapped text are full, so the upper quartile of line lengths sits just
    below the wrap width; a few table rows or unwrapped lines do not move it.
    """
    lengths = sorted(width for line in lines for width in line.widths)
    if len(lengths) < 5:
        return math.inf
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.75))]


def _is_heading(lines: list[_Line], k: int, width: float) -> str:
    """Give the heading line k stands for, or "" when it is body text."""
    shape = heading_shape(lines[k].text)
    if not shape:
        return ""
    heading, strong = shape
    if strong:
        return heading
    line = lines[k]
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if nxt is None or nxt.text[:1].islower() or nxt.text[:1] in "(),.;:":  # the sentence goes on
        return ""
    words = fold(heading).split()
    if words and words[-1] in _FUNCTION_WORDS:
        return ""
    if k and not (line.after_blank or _ends_paragraph(lines[k - 1], line, width)):
        return ""
    # A page break after a heading counts as a paragraph end: Word keeps a paragraph's first two
    # lines together (widow control), so a page seldom ends on a paragraph's first line.
    if not (nxt.after_blank or nxt.after_page_break or _ends_paragraph(line, nxt, width)):
        return ""
    return heading


def _ends_paragraph(line: _Line, following: _Line, width: float) -> bool:
    """Tell whether a paragraph may end between line and the line following it.

    It may after a sentence, a list item, or a line the following word would have fitted on:
    hard-wrapped text breaks only where the line is full, so a break before that is deliberate.
    """
    if _SENTENCE_END.search(line.text) or _LIST_ITEM.match(line.text):
        return True
    return line.widths[-1] + 1 + len(following.text.split()[0]) <= width


# ---------------------------------------------------------------------------------------------
# Text changes


def _ratio(x, y) -> float:
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


def align_sections(secs_a: list[Section], secs_b: list[Section]) -> list[tuple[int | None, int | None]]:
    """Give matched sections (index in a, index in b), None for an unmatched side.

    Identical sections pair first, then sections by heading and content similarity (difflib),
    best first, so a moved or slightly renamed section finds its counterpart.

    >>> s = lambda h, b: Section(h, heading_title(h), b, 1)
    >>> align_sections([s("Ekonomi", "450 tkr per år"), s("Period", "2023 till 2025")],
    ...                [s("Period", "2023 till 2025"), s("4. Ekonomi", "500 tkr per år")])
    [(0, 1), (1, 0)]
    """
    pairs_of_a: dict[int, int] = {}
    taken: set[int] = set()

    def pair(scored):
        for _, i, j in sorted(scored):
            if i not in pairs_of_a and j not in taken:
                pairs_of_a[i] = j
                taken.add(j)

    pair([(0, i, j) for i, x in enumerate(secs_a) for j, y in enumerate(secs_b)
          if x.title == y.title and x.body == y.body])
    scored = []
    for i, x in enumerate(secs_a):
        if i in pairs_of_a:
            continue
        words_x = x.words
        for j, y in enumerate(secs_b):
            if j in taken:
                continue
            heading = _ratio(x.title, y.title)
            words_y = y.words
            short = min(len(words_x), len(words_y)) < 5
            if heading < 0.6 and (short or SequenceMatcher(None, words_x, words_y, autojunk=False).quick_ratio() < 0.6):
                continue
            content = _ratio(words_x, words_y)
            if heading >= 0.85 or (content >= 0.6 and not short) or (heading >= 0.6 and content >= 0.4):
                scored.append((-(heading + content), i, j))
    pair(scored)
    pairs = [(i, pairs_of_a.get(i)) for i in range(len(secs_a))]
    return pairs + [(None, j) for j in range(len(secs_b)) if j not in taken]


def _in_order(pairs: list[tuple[int, int]], weight=lambda pair: 1) -> set[tuple[int, int]]:
    """Give the pairs that keep their order in both documents, the heaviest such set; the rest moved.

    Weighing pairs by their sections' length makes the short section the moved one when two swap.

    >>> sorted(_in_order([(0, 0), (1, 3), (2, 1), (3, 2)]))
    [(0, 0), (2, 1), (3, 2)]
    >>> sorted(_in_order([(0, 1), (1, 0)], weight=lambda pair: 10 if pair == (1, 0) else 1))
    [(1, 0)]
    """
    ordered = sorted(pairs)
    if not ordered:
        return set()
    best = [weight(pair) for pair in ordered]
    back = [-1] * len(ordered)
    for k in range(len(ordered)):
        for m in range(k):
            if ordered[m][1] < ordered[k][1] and best[m] + weight(ordered[k]) > best[k]:
                best[k], back[k] = best[m] + weight(ordered[k]), m
    k = max(range(len(ordered)), key=lambda n: (best[n], -n))
    kept = set()
    while k >= 0:
        kept.add(ordered[k])
        k = back[k]
    return kept


def word_opcodes(before: list[str], after: list[str]) -> list[tuple[str, list[str], list[str]]]:
    """Give difflib's opcodes over words: (tag, words before, words after).

    >>> word_opcodes("betalar 400 tkr per år".split(), "betalar 450 tkr per år".split())
    [('equal', ['betalar'], ['betalar']), ('replace', ['400'], ['450']), ('equal', ['tkr', 'per', 'år'], ['tkr', 'per', 'år'])]
    """
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return [(tag, before[i1:i2], after[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def text_changes(text_a: str, starts_a, text_b: str, starts_b) -> list[dict]:
    """Give the sections that were added, removed, changed or moved from text a to text b.

    Each is {"section", "change", "before", "after", "words", "heading_before", "heading_after",
    "page_before", "page_after", "moved"}; "words" holds word opcodes for changed sections.
    Equal sections are left out; a section that moved is reported once.
    """
    secs_a, secs_b = sections(text_a or "", starts_a), sections(text_b or "", starts_b)
    pairs = align_sections(secs_a, secs_b)
    matched = [(i, j) for i, j in pairs if i is not None and j is not None]
    in_order = _in_order(matched, weight=lambda pair: 1 + len(secs_a[pair[0]].words))
    changes = []
    b_of_a = {i: j for i, j in matched}
    for i, j in sorted(pairs, key=lambda pair: _reading_position(pair, b_of_a)):
        x = secs_a[i] if i is not None else None
        y = secs_b[j] if j is not None else None
        moved = x is not None and y is not None and (i, j) not in in_order
        if x is not None and y is not None:
            if x.body == y.body and x.title == y.title:
                if not moved:
                    continue
                kind = "moved"
            else:
                kind = "changed"
        else:
            kind = "added" if x is None else "removed"
        changes.append({
            "section": (y or x).heading,
            "change": kind,
            "before": x.body if x else None,
            "after": y.body if y else None,
            "words": word_opcodes(x.words, y.words) if kind == "changed" else [],
            "heading_before": x.heading if x else None,
            "heading_after": y.heading if y else None,
            "page_before": x.page if x else None,
            "page_after": y.page if y else None,
            "moved": moved,
        })
    return changes


def _reading_position(pair: tuple[int | None, int | None], b_of_a: dict[int, int]) -> tuple[float, int]:
    """Give where a change is reported: in b's order; a removed section after what preceded it in a."""
    i, j = pair
    if j is not None:
        return (j, 0)
    earlier = [b_of_a[m] for m in range(i) if m in b_of_a]
    return (max(earlier, default=-1) + 0.5, i)


# ---------------------------------------------------------------------------------------------
# The diff record


def diff_records(a: dict, text_a: str | None, starts_a, b: dict, text_b: str | None, starts_b,
                 *, document_fields: bool = False) -> dict:
    """Give record.md's diff record: {"a", "b", "changes", "text"}; "text" is [] without both texts."""
    return {
        "a": _side(a),
        "b": _side(b),
        "changes": field_changes(a, b, document_fields=document_fields),
        "text": text_changes(text_a, starts_a, text_b, starts_b) if text_a is not None and text_b is not None else [],
    }


def _side(record: dict) -> dict:
    return {"source": record.get("source"), "path": record.get("path"), "sha256": record.get("sha256")}


def is_equal(diff: dict) -> bool:
    """Tell whether a diff record found nothing: no field change and no text change.

    >>> is_equal({"a": {}, "b": {}, "changes": [], "text": []})
    True
    """
    return not diff.get("changes") and not diff.get("text")
