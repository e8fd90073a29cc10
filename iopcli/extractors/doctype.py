"""Document type, municipality and authority: what the document is and whose it is.

doc_type      tjansteskrivelse | overenskommelse | protokoll | other. A tjänsteskrivelse is the
              officer's written proposal to a nämnd; a protokoll(sutdrag) records its decision; an
              överenskommelse is the agreement itself. Told by titles (`Tjänsteskrivelse`,
              `Protokollsutdrag`, `§ 63/20`, `Överenskommelse`, `Avtal`) and by structure (a `Förslag
              till beslut` section; `Denna överenskommelse är upprättad mellan`, signatures).
municipality  the kommun or region on the public side, canonical (`Linköpings kommun`, `Stockholms
              stad`, `Region Östergötland`), from letterheads (`VADSTENA KOMMUN`) and mentions,
              matched against the list of Swedish kommuner and regions, tolerant of OCR damage.
authority     the nämnd or styrelse the document is addressed to or binds (`Social- och
              omsorgsnämnden`, `Socialnämnden`, `Kommunstyrelsen`), with å/ä/ö restored.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from iopcli.extractors import sv
from iopcli.extractors.scan import near, word_start
from iopcli.model import Document, Fact
from iopcli.text import folded as fold_text
from iopcli.text import edit_distance, fold, fuzzy_pattern

# ---------------------------------------------------------------------------------------- doc type

_CLAUSE_HEADING = (r"(?:parter(?:na)?|avtalsparter|syfte|bakgrund|andamal|atagande\w*|ekonomi|ersattning|avtalstid\w*|"
                   r"giltighet\w*|uppfoljning|uppsagning|forlangning|tvist\w*|underskrift\w*|villkor|omfattning)\b")
# (pattern in folded text, doc_type, weight, words one of which it needs: a document without them is
# not scanned for it). Titles count most where they stand at the top.
_TYPE_CUES = (
    (r"^\W*tjanste(?:skrivelse|utlatande)\b", "tjansteskrivelse", 6, ("tjanste",)),
    (word_start(r"tjanste(?:skrivelse|utlatande)\b"), "tjansteskrivelse", 1, ("tjanste",)),
    (r"^\W*(?:[a-z]+s\s+)?forslag till (?:[\w\- ]{0,60}?)?beslut\b", "tjansteskrivelse", 4, ("forslag till",)),
    (word_start(r"forslag till (?:[\w\- ]{0,60}?)?beslut\b"), "tjansteskrivelse", 2, ("forslag till",)),
    (r"^\W*(?:protokollsutdrag|sammantradesprotokoll|utdrag ur (?:sammantrades)?protokoll|justerat protokoll)\b",
     "protokoll", 7, ("protokoll", "utdrag")),
    (word_start("protokollsutdrag", "sammantradesprotokoll", "utdragsbestyrkande", "justerandes sign"), "protokoll", 3,
     ("protokollsutdrag", "sammantradesprotokoll", "utdragsbestyrkande", "justerandes sign")),
    (rf"^\s*§\s*\d+(?:/\d\d)?\b(?!\s+{_CLAUSE_HEADING})", "protokoll", 3, ("§",)),
    # `§ 1 Parter`, `§ 4 Ekonomi`: the numbered clauses of an agreement, not a protocol's paragraphs.
    (rf"^\s*§\s*\d+\.?\s+{_CLAUSE_HEADING}", "overenskommelse", 2, ("§",)),
    (r"^\W*(?:overenskommelse|avtal|partnerskapsavtal|iop-avtal)\b(?! om att)", "overenskommelse", 3,
     ("overenskommelse", "avtal")),
    (word_start(r"denna overenskommelse (?:ar )?upprattad\b", r"avtalet ar upprattat\b"), "overenskommelse", 5,
     ("upprattad", "upprattat")),
    (r"^\W*underskrifter\b|^\W*firmatecknare\b", "overenskommelse", 3, ("underskrifter", "firmatecknare")),
    (r"^\W*period for overenskommelsen\b|^\W*overenskommelsens (?:giltighetstid|period)\b", "overenskommelse", 3,
     ("overenskommelse",)),
    (r"^\W*parter\W*$|^\W*avtalsparter\b", "overenskommelse", 3, ("parter",)),
)
_TYPE_RES = tuple((re.compile(pattern, re.M), kind, weight, needles) for pattern, kind, weight, needles in _TYPE_CUES)
_TOP = 600  # characters of letterhead where a title counts double


# The head of an e-mail as a mail client prints it (readers.MAIL_HEADERS): `Från: …` then `Ämne: …`.
_MAIL_HEAD = re.compile(r"\s*(fran|from):[^\n]*\n(?:[^\n]*\n){0,6}?\s*(?:amne|subject):", re.I)


def find_doc_type(text: str) -> tuple[int, int, str] | None:
    """Give (start, end, doc_type) for the strongest cue of the document's type, or None.

    >>> find_doc_type("Tjänsteskrivelse\\nDatum 2025-01-01")[2]
    'tjansteskrivelse'
    >>> find_doc_type("Protokollsutdrag\\nSocialnämnden\\n§ 63/20")[2]
    'protokoll'
    >>> find_doc_type("IOP\\n\\nDenna överenskommelse är upprättad mellan\\n\\nUnderskrifter")[2]
    'overenskommelse'
    >>> find_doc_type("Ett brev om ingenting") is None
    True
    """
    folded = fold_text(text)
    mail = _MAIL_HEAD.match(folded)
    if mail:  # an e-mail is a letter about the partnership, whatever the documents it speaks of
        return mail.start(1), mail.end(1), "other"
    scores: Counter[str] = Counter()
    best: dict[str, tuple[int, int, int]] = {}
    for pattern, kind, weight, needles in _TYPE_RES:
        if not any(needle in folded for needle in needles):
            continue
        for m in pattern.finditer(folded):
            points = weight * (2 if m.start() < _TOP else 1)
            scores[kind] += points
            if kind not in best or points > best[kind][0]:
                best[kind] = (points, m.start(), m.end())
    if not scores:
        return None
    kind = max(scores, key=lambda k: (scores[k], -best[k][1]))
    _, start, end = best[kind]
    while start < end and text[start] in " \t\n#*-—–•":
        start += 1
    return start, end, kind


# ------------------------------------------------------------------------------------ municipality

def place_name(stem: str) -> str:
    """Give the place a municipality stem names: `Linköpings` -> `Linköping`, `Borås` -> `Borås`.

    >>> place_name("Linköpings"), place_name("Borås"), place_name("Falu"), place_name("Ale")
    ('Linköping', 'Borås', 'Falun', 'Ale')
    """
    if stem in sv.PLACE_NAME_EXCEPTIONS:
        return sv.PLACE_NAME_EXCEPTIONS[stem]
    if stem.endswith("s") and stem not in sv.PLACE_NAME_KEEPS_S:
        return stem[:-1]
    return stem


def _stem_pattern(stem: str) -> str:
    return fuzzy_pattern(stem).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*")


_STEMS_BY_FOLD = {fold(stem): stem for stem in sv.MUNICIPALITY_STEMS}
# `kommun`/`stad` is rare in a text and the list of 290 stems is long: find the word first, then
# the stem that ends right before it (the stems tried at every position cost a third of extraction).
_KOMMUN_WORD_RE = re.compile(r"\s+(kommun|stad)(?:s|en)?\b")
_KOMMUN_ANCHOR = re.compile("kommun|stad")
_SPACE_RUN_START = re.compile(r"\s(?<!\s\s)")
_STEM_BEFORE_RE = re.compile(
    r"(?<![\w-])(" + "|".join(_stem_pattern(s) for s in sorted(sv.MUNICIPALITY_STEMS, key=len, reverse=True))
    + r")$"
)
# Any `<word> kommun`, for words the list does not match exactly (OCR damage beyond ö/d/e).
_WORD_BEFORE_RE = re.compile(r"(?<![\w-])([a-z][a-z]{3,})$")
_STEM_WINDOW = 60
# One pass for all 21 regions; a named group tells which matched. The names that start with
# `Region ` share that start in the pattern, so it is tried once at each place, not 20 times
# (0.75 ms of a 5-page document before; the order of the names, and so the match, is kept).
REGION_BY_GROUP = {f"region{i}": region for i, region in enumerate(sv.REGIONS)}


def _regions_pattern() -> str:
    shared = _stem_pattern("Region ")
    parts = {group: _stem_pattern(region) for group, region in REGION_BY_GROUP.items()}
    after = "|".join(rf"(?P<{g}>{p[len(shared):]})" for g, p in parts.items() if p.startswith(shared))
    # The boundary is checked after each name's first letter, so re jumps from `r` to `r`.
    others = "|".join(rf"{p[0]}(?<![\w-].)(?P<{g}>{p[1:]})" for g, p in parts.items() if not p.startswith(shared))
    return rf"(?:{shared[0]}(?<![\w-].){shared[1:]}(?:{after}){'|' + others if others else ''})\b"


_REGION_RE = re.compile(_regions_pattern())


@lru_cache(maxsize=1024)
def _canonical_stem(folded_words: str) -> str | None:
    """Give the municipality stem that a folded (maybe OCR-damaged) word names, or None."""
    key = re.sub(r"\s+", " ", folded_words)
    if key in _STEMS_BY_FOLD:
        return _STEMS_BY_FOLD[key]
    key = key.replace("rn", "m") if key.replace("rn", "m") in _STEMS_BY_FOLD else key  # OCR: `Mälrnö` for Malmö
    if key in _STEMS_BY_FOLD:
        return _STEMS_BY_FOLD[key]
    for folded_stem, stem in _STEMS_BY_FOLD.items():
        if re.fullmatch(fuzzy_pattern(stem).replace(r"\ ", r"\s+"), key):
            return stem
    # One wrong letter in a name of 7 letters or more, two in one of 9 or more, when only one name is that near
    for length, limit in ((7, 1), (9, 2)):
        if len(key) >= length:
            close = [stem for folded_stem, stem in _STEMS_BY_FOLD.items() if edit_distance(key, folded_stem, limit) <= limit]
            if len(close) == 1:
                return close[0]
    return None


def find_municipalities(text: str) -> list[tuple[int, int, str]]:
    """Give (start, end, canonical name) for every mention of a kommun, stad or region.

    >>> [m[2] for m in find_municipalities("VADSTENA KOMMUN\\nmellan Linkdpings kommun och Region Östergötland")]
    ['Vadstena kommun', 'Linköpings kommun', 'Region Östergötland']
    >>> [m[2] for m in find_municipalities("i Stockholms stad och Göteborgs Stad")]
    ['Stockholms stad', 'Göteborgs Stad']
    """
    return list(_municipalities(text))


@lru_cache(maxsize=8)
def _municipalities(text: str) -> tuple[tuple[int, int, str], ...]:
    # Remembered per text: doctype and parties both ask, several times, for the same document.
    folded = fold_text(text)
    found: list[tuple[int, int, str]] = []
    for word in near(_KOMMUN_WORD_RE, folded, _KOMMUN_ANCHOR, 200, _SPACE_RUN_START):
        window = max(0, word.start() - _STEM_WINDOW)
        before = (_STEM_BEFORE_RE.search(folded, window, word.start())
                  or _WORD_BEFORE_RE.search(folded, window, word.start()))
        stem = _canonical_stem(before[1]) if before else None
        if stem:
            kind = "Stad" if word[1] == "stad" and stem in sv.CAPITAL_STAD else word[1]
            found.append((before.start(1), word.end(1), f"{stem} {kind}"))
    for m in _REGION_RE.finditer(folded):
        found.append((m.start(), m.end(), REGION_BY_GROUP[m.lastgroup]))
    return tuple(sorted(found))


def find_municipality(text: str) -> tuple[int, int, str] | None:
    """Give the document's own kommun/region: the letterhead's, else the one mentioned most.

    >>> find_municipality("Socialförvaltningen\\nmed Linkopings kommun, Linköpings kommun och Kinda kommun")[2]
    'Linköpings kommun'
    """
    mentions = find_municipalities(text)
    if not mentions:
        return None
    weight: Counter[str] = Counter()
    for start, _, name in mentions:
        weight[name] += 3 if start < 300 else 1
    first = {}
    for mention in mentions:
        first.setdefault(mention[2], mention)
    name = max(weight, key=lambda n: (weight[n], -first[n][0]))
    return first[name]


# --------------------------------------------------------------------------------------- authority

# `Socialnämnden`, `Social- och omsorgsnämnden`, `Kultur-, idrotts- och fritidsnämnden`,
# `Regionala utvecklingsnämnden` (an adjective that belongs to the name).
_AUTHORITY_RE = re.compile(
    r"(?<![\w-])((?:(?:regionala|tekniska|gemensamma|sociala|social)\s+)?(?:(?:[a-z]+-,\s+)*[a-z]+-\s+(?:och|samt|&)\s+)?"
    r"(?:[a-z]{2,}|(?<=regionala )|(?<=tekniska )|(?<=gemensamma )|(?<=sociala )|(?<=social ))(?:namnd(?:en)?|styre[il]sen))(s)?(?![\w-])"
)
# A stadsdelsnämnd carries its district: `Spånga-Tensta stadsdelsnämnd`, `Stadsdelsnämnden Västra Hisingen`.
_PLACE_WORDS = r"[A-ZÅÄÖ][a-zåäöé]+(?:[ -][A-ZÅÄÖ][a-zåäöé]+)?"
_DISTRICT_BEFORE = re.compile(rf"(?<![\w-])({_PLACE_WORDS})[ \t]+$")
_SOCIAL_AREA_AFTER = re.compile(r"[ \t]+(Centrum|Nordost|Hisingen|Sydväst)(?![\w-])")
_DISTRICT_AFTER = re.compile(rf"[ \t]+({_PLACE_WORDS})(?![\w-])")
_AUTHORITY_BONUS = (
    (re.compile(r"(?:^|\n)\s*till\s*:?\s*$"), 6),          # `Till\nSocialnämnden`
    (re.compile(r"forslag till\s+$"), 5),                  # `Förslag till social- och omsorgsnämndens beslut`
    (re.compile(r"offentlig (?:sektor|part)\s*:\s*$"), 5),  # `Offentlig sektor: Social- och omsorgsnämnden`
)
_PARTS_BY_FOLD = {fold(part): part for part in sv.AUTHORITY_NAME_PARTS}


def restore_authority_name(raw: str) -> str:
    """Give a nämnd/styrelse name with å/ä/ö restored, one space, first letter capital.

    >>> restore_authority_name("Social- och omsorgsnamnden")
    'Social- och omsorgsnämnden'
    >>> restore_authority_name("vard- och omsorgsnamndens")
    'Vård- och omsorgsnämnden'
    >>> restore_authority_name("kommunstyreIsen"), restore_authority_name("socialnämnden")
    ('Kommunstyrelsen', 'Socialnämnden')
    >>> restore_authority_name("Kultur-, idrotts- och fritidsnamnden"), restore_authority_name("regionala utvecklingsnämnden")
    ('Kultur-, idrotts- och fritidsnämnden', 'Regionala utvecklingsnämnden')
    """
    words = re.sub(r"\s+", " ", raw.strip()).split(" ")
    restored = [_restore_word(word) for word in words]
    name = " ".join(restored)
    if name.endswith("s") and fold(name).endswith(("namndens", "styrelsens", "namnds")):
        name = name[:-1]
    return name[:1].upper() + name[1:]


def _restore_word(word: str) -> str:
    """Give a compound word rebuilt from known parts, or the word with only its suffix repaired."""
    if word.endswith("-,"):  # `Kultur-,` in a list of suspended compounds
        return _restore_word(word[:-1]) + ","
    hyphen = word.endswith("-")
    core = word.rstrip("-")
    folded = fold(core).replace("styreisen", "styrelsen").replace("styreisens", "styrelsens")
    parts = _segment(folded)
    if parts is not None:
        rebuilt = "".join(parts)
        return rebuilt + ("-" if hyphen else "")
    return core.lower() + ("-" if hyphen else "")


def _segment(folded: str) -> list[str] | None:
    """Give the proper spelling of the known parts that make up a folded word, or None."""
    if not folded:
        return []
    if folded.endswith("s") and folded[:-1] and _segment_exact(folded[:-1]) is not None:
        return _segment_exact(folded[:-1]) + ["s"]
    return _segment_exact(folded)


def _segment_exact(folded: str) -> list[str] | None:
    if not folded:
        return []
    for size in range(len(folded), 1, -1):
        head = folded[:size]
        if head in _PARTS_BY_FOLD:
            rest = _segment_exact(folded[size:])
            if rest is not None:
                return [_PARTS_BY_FOLD[head]] + rest
    return None


# Names the plain pattern misses: `Arbete och välfärdsnämnden` (two nouns, no hyphen, the first written with a
# capital) and `Nämnden för arbete och välfärd`.
_AND_AUTHORITY_RE = re.compile(r"(?<![\w-])([a-z]{4,}\s+(?:och|samt)\s+[a-z]{3,}namnd(?:en)?)(s)?(?![\w-])")
_FOR_AUTHORITY_RE = re.compile(r"(n(?<![\w-].)amnden\s+for\s+([a-z]{4,})(?:\s+(?:och|samt)\s+([a-z]{4,}))?)(?![\w-])")
_NOT_A_NAME_WORD = re.compile(
    r"^(?:kommun\w*|stad\w*|region\w*|forvaltning\w*|forening\w*|parter\w*|\w*namnd\w*|\w*styrelse\w*|"
    r"komplettering|beslut|yttrande|kannedom|handlaggning|godkannande|information|beredning|atgard|att|den|det|"
    r"ny|nytt|vidare|fortsatt)$"
)


# Every name holds `nämnd` or `styrelse` within a few words of its start (scan.near's anchor).
_AUTHORITY_WORD = re.compile(r"namnd|styre[il]sen")
_NAMND = re.compile("namnd")


def _authority_matches(text: str, folded: str) -> list[re.Match]:
    """Give the matches of every form of nämnd name, in text order."""
    found = list(near(_AUTHORITY_RE, folded, _AUTHORITY_WORD, 150))
    for m in near(_AND_AUTHORITY_RE, folded, _NAMND, 120):
        first = m[1].split()[0]
        if text[m.start(1)].isupper() and not _NOT_A_NAME_WORD.match(first):
            found = [f for f in found if not (f.start(1) < m.end(1) and m.start(1) < f.end(1))] + [m]
    for m in _FOR_AUTHORITY_RE.finditer(folded):
        if not any(w and _NOT_A_NAME_WORD.match(w) for w in (m[2], m[3])):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def find_authority(text: str) -> tuple[int, int, str] | None:
    """Give (start, end, name) of the nämnd/styrelse the document is addressed to or binds.

    >>> find_authority("Handläggare\\nTill\\nSocialnämnden\\n2025-03-17\\nKommunstyrelsen antog")[2]
    'Socialnämnden'
    >>> find_authority("Förslag till social- och omsorgsnamndens beslut")[2]
    'Social- och omsorgsnämnden'
    >>> find_authority("Till\\nSpånga-Tensta stadsdelsnämnd\\n")[2], find_authority("Till Stadsdelsnämnden Västra Hisingen\\n")[2]
    ('Spånga-Tensta stadsdelsnämnd', 'Stadsdelsnämnden Västra Hisingen')
    >>> find_authority("Tekniska nämnden i Halmstads kommun")[2]
    'Tekniska nämnden'
    """
    folded = fold_text(text)
    scores: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for m in _authority_matches(text, folded):
        name = restore_authority_name(text[m.start(1):m.end(1)])
        if fold(name) in ("namnden", "namnd", "styrelsen"):
            continue
        start, end = m.start(1), m.end(1)
        if fold(name) == "stadsdelsnamnden" and (district := _DISTRICT_AFTER.match(text, m.end())):
            name, end = f"{name} {district[1]}", district.end(1)
        elif fold(name) == "socialnamnden" and (area := _SOCIAL_AREA_AFTER.match(text, m.end())):
            name, end = f"{name} {area[1]}", area.end(1)  # Göteborg's four: `Socialnämnden Centrum`
        elif fold(name) == "stadsdelsnamnd" and (district := _DISTRICT_BEFORE.search(text, max(0, m.start() - 40), m.start())):
            name, start = f"{district[1]} {name.lower()}", district.start(1)
        points = 1
        before = folded[max(0, m.start() - 60):m.start()]
        for pattern, bonus in _AUTHORITY_BONUS:
            if pattern.search(before):
                points += bonus
        line_start = folded.rfind("\n", 0, m.start()) + 1
        line_end = folded.find("\n", m.end())
        line_end = len(folded) if line_end < 0 else line_end
        if m.start() < _TOP and not folded[line_start:m.start()].strip(" #*") and not folded[m.end():line_end].strip(" ,.*"):
            points += 4  # a letterhead line that is just the nämnd
        if re.match(r"\s+(?:beslutar|beslut|foreslas|godkanner|har beslutat)\b", folded[m.end():m.end() + 20]):
            points += 2
        scores[name] += points
        first.setdefault(name, (start, end))
    if not scores:
        return None
    name = max(scores, key=lambda n: (scores[n], -first[n][0]))
    return first[name][0], first[name][1], name


# ----------------------------------------------------------------------------------------- extract

def extract(doc: Document) -> list[Fact]:
    """Give at most one each of `doc_type`, `municipality` and `authority`."""
    facts = []
    doc_type = find_doc_type(doc.text)
    if doc_type:
        facts.append(doc.fact("doc_type", doc_type[2], doc_type[0], doc_type[1]))
    municipality = find_municipality(doc.text)
    if municipality:
        facts.append(doc.fact("municipality", municipality[2], municipality[0], municipality[1]))
    authority = find_authority(doc.text)
    if authority:
        facts.append(doc.fact("authority", authority[2], authority[0], authority[1]))
    return facts
