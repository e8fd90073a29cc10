"""Parties: the public party (kommun, stad or region) and every civil-society party.

The civil parties are the organisations the document makes parties: `mellan X och Y` (one side
the kommun or a nämnd), `partnerskap (IOP) med X och Y`, `ska tecknas med X`, `Idéburen sektor: X`,
and organisations listed with their organisationsnummer (`- A (organisationsnummer 802490-7720),`).
Organisations only mentioned (the police, a university, a kommun unit, a partner of a partner) are
not parties. An abbreviation in parentheses is an alias: `Brottsofferjour och vittnesstöd (Brovi)
Linköping` is also `Brovi Linköping`. OCR-damaged words of a name are restored only to known
organisation words and place names (`vitthesstod` -> `vittnesstöd`, `Linkdping` -> `Linköping`).

The first digit of an organisationsnummer tells the legal form: 2 is a public body (but 252… a
registered trossamfund, civil), 8 an ideell förening or stiftelse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from iopcli.extractors import sv
from iopcli.extractors.doctype import find_municipalities, find_municipality, place_name
from iopcli.extractors.orgnumbers import locate as locate_org_numbers
from iopcli.extractors.scan import near, word_start
from iopcli.model import Document, Fact
from iopcli.text import fold as fast_fold, folded as fold_text
from iopcli.text import edit_distance, fold, fuzzy_pattern

_KEY_DROP = {"i", "foreningen", "forening", "stiftelsen", "stiftelse", "ideell", "ideella", "ef", "the", "and"}


def party_key(name: str) -> str:
    """Give a key that is the same for the written forms of one organisation's name.

    Folded, without parenthesised parts, without `i`/`föreningen`/`ideell`, definite endings and
    a genitive s dropped: `Brottsofferjouren i Linköping` and `Brottsofferjour Linköping` match.

    >>> party_key("Brottsofferjouren i Linköping") == party_key("Brottsofferjour Linköpings")
    True
    >>> party_key("Brottsofferjour och vittnesstöd (Brovi) Linköping")
    'brottsofferjour och vittnesstod linkoping'
    >>> party_key("Föreningen Kvinnojouren Ellinor")
    'kvinnojour ellinor'
    """
    folded = fold(re.sub(r"\([^)]*\)", " ", name))
    words = [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", folded) if w not in _KEY_DROP]
    return " ".join(_key_word(w) for w in words)


def _key_word(word: str) -> str:
    if len(word) > 6 and word.endswith(("en", "et")):
        return word[:-2]
    if len(word) > 5 and word.endswith("s") and not word.endswith(("ss", "as", "us")):
        return word[:-1]
    return word


# ----------------------------------------------------------------------------- reading a name

_CONNECTORS = ("i", "för", "mot", "av", "på", "och", "&", "till", "med", "vid")
_TOKEN_RE = re.compile(r"\([^()\n]{1,60}\)|[\w][\w'’.\-]*[\w]|[\w]|&|-\s")
# Words that start a label or a new field, never part of a name.
_LABEL_WORD = re.compile(
    r"^(?:org\b|org\.|orgnr|organisationsn|telefon|tel\b|adress|datum|dnr|diarie|e-post|epost|box\b|postadress|"
    r"kontakt|underskrift|firmatecknare|bankgiro|plusgiro|iop\b)"
)
# Lower-case words that go on a place in a name: `Brottsofferjouren Jämtlands län`.
_NAME_TAIL_WORDS = frozenset(("lan", "lans", "stift"))
_SHARED_ENDING = re.compile(r"-[ \t]+(?:och|samt|eller)[ \t]+[a-zåäö][\w-]*")
_STOP_PUNCT = re.compile(r"[,.;:!?\"”»]")
_NAMED_LEGAL_FORM = re.compile(r"(?i)(?:ekonomisk|ek\.|ideell)[ \t]*(?:\n[ \t]*)?(?:f[öo]rening|f[öo]r\.)(?!\w)")


class Vocabulary(dict):
    """Folded word -> its spelling, with the words grouped by first letter for the OCR look-up."""

    def __init__(self, words: dict[str, str]):
        super().__init__(words)
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        for folded_known, known in self.items():
            self.by_first.setdefault(folded_known[:1], []).append((folded_known, known))


def _vocabulary_match(word: str, vocabulary: Vocabulary) -> str | None:
    """Give the vocabulary spelling of a word that differs only by OCR damage, or None."""
    folded = fold(word)
    if folded in vocabulary:
        return vocabulary[folded]
    for folded_known, known in vocabulary.by_first.get(folded[:1], ()):
        if abs(len(folded_known) - len(folded)) > 1:
            continue
        if folded == folded_known + "s":
            continue  # a genitive (`Röda Korsets Vadstenakrets`) is the word itself, not OCR damage
        if re.fullmatch(fuzzy_pattern(known), folded):
            return known
        if len(folded) >= 7 and edit_distance(folded, folded_known, 1) <= 1:
            return known
    return None


def read_name(text: str, pos: int, vocabulary: Vocabulary) -> tuple[int, int] | None:
    """Give (start, end) of the organisation name that starts at pos, or None.

    A name is capitalised words, parenthesised aliases, known lower-case organisation words
    (`vittnesstöd`) and connectors (`i`, `för`, `och`) between them; it may break over one line.

    >>> text = "med Kvinnojouren Ellinor och Tjejjouren Beata för perioden 2025"
    >>> s, e = read_name(text, 4, Vocabulary({})); text[s:e]
    'Kvinnojouren Ellinor och Tjejjouren Beata'
    """
    m = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:[-•*][ \t]+)?").match(text, pos)
    pos = m.end()
    start = pos
    end = None
    pending_connector = False
    while True:
        gap = re.compile(r"[ \t]*(?:\n[ \t]*)?").match(text, pos)
        if end is not None and "\n" in gap.group(0) and text[gap.end():gap.end() + 1] in ("-", "•", "*", ""):
            break
        token = _TOKEN_RE.match(text, gap.end())
        if not token:
            break
        word = token.group(0)
        if end is not None and "\n" in gap.group(0) and not (
            pending_connector or text[end - 1] == ")" or word.islower() or word in _CONNECTORS
        ):
            break  # a name goes on over a line break only mid-phrase
        if end is None and gap.end() != start:
            start = gap.end()
        if word.startswith("("):
            inner = word[1:-1]
            if end is None or re.search(r"\d|organisations|org\.?\s*nr", inner, re.I) or len(inner.split()) > 5:
                break
            end, pos = token.end(), token.end()
            continue
        if word in _CONNECTORS or word.lower() in _CONNECTORS:
            if end is None or pending_connector or word[:1].isupper():
                break
            pending_connector = True
            pos = token.end()
            continue
        if end is not None and not pending_connector:
            legal = _NAMED_LEGAL_FORM.match(text, token.start())
            if legal:
                end = legal.end()  # the legal form ends the name
                break
        capital = word[:1].isupper() or word[:1].isdigit() and end is not None
        known = word.islower() and (_vocabulary_match(word, vocabulary) is not None or fold(word) in _NAME_TAIL_WORDS) \
            and fold(word) not in ("och", "i", "for", "mot")
        if not (capital or (known and end is not None)):
            break
        if word.isdigit() or re.fullmatch(r"\d[\d\-]*", word) or _LABEL_WORD.match(fold(word)):
            break
        pending_connector = False
        end = token.end()
        pos = token.end()
        shared_ending = _SHARED_ENDING.match(text, pos)
        if shared_ending:  # `Kvinno- och tjejjour`: the first word shares the ending of the next
            end = pos = shared_ending.end()
        if _STOP_PUNCT.match(text, pos):
            break
    if end is None:
        return None
    return start, end


# -------------------------------------------------------------------------------- candidates

@dataclass
class Candidate:
    name: str
    start: int
    end: int
    priority: int  # 0 listed with an org number, 1 a party label, 2 `mellan`, 3 `med`
    org_number: str | None = None
    aliases: list[str] = field(default_factory=list)


_PUBLIC_PHRASE = (
    r"(?:(?:[a-z]+-?\s+(?:och|samt)\s+)?[a-z]*(?:namnden|styrelsen|forvaltningen)|kommunen|staden|regionen"
    r"|den offentliga sektorn|[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:kommun|stad)|region\s+[a-z]+(?:\s+lan)?)\b"
)
_PARTNERSHIP_CONTEXT = re.compile(
    r"\b(?:iop|partnerskap\w*|overenskommelse\w*|avtal\w*|samarbete\w*|samverkan\w*|kontrakt\w*)\W*$"
    r"|\b(?:iop|partnerskap\w*|overenskommelse\w*|avtal\w*|samarbete\w*)\b[^.]*$"
)
_MELLAN_RE = re.compile(word_start("mellan") + r"\s+")
_MED_RE = re.compile(
    r"\b(?:tecknas|tecknar|upprattas|ingas|ingar|inga|iop|partnerskap(?:et)?|overenskommelse(?:n)?|avtal(?:et)?)"
    r"(?:\s*\(iop\))?\s+med\s*:?\s*"
)
_MED = re.compile("med")  # scan.near's anchor for _MED_RE, and where its first words can start:
_MED_START = re.compile(r"[aioptu](?<!\w.)")
_LABEL_RE = re.compile(
    r"(?m)^[ \t]*(?:ideburen|ideell|civil)\s+(?:sektor|part|organisation|forening|aktor)\s*:[ \t]*"
)
_ORG_LABEL_TAIL = re.compile(
    r"[\s,(:\-–]*(?:med\s+)?(?:org(?:anisations)?[ .\-]*(?:nr|nummer|no)\.?|organisationsnumret)?\s*[:.]?\s*$", re.I
)


# `Väntjänsten i Vadstena, ideell förening, organisationsnummer …`: the legal form is not the name,
# except where an ekonomisk förening carries it in its registered name, written right after it
# (`Sociala Företag i Småland ekonomisk förening`); set off by a comma it is a description again.
_LEGAL_FORM_TAIL = re.compile(
    r"(?:[\s,(\-–]*(?:en\s+)?(?:ideell\s+forening|ideell\s+organisation|ideburen\s+organisation|"
    r"stiftelse|registrerat\s+trossamfund|trossamfund|aktiebolag)\)?|[\s]*[,(\-–][\s,(\-–]*(?:en\s+)?ekonomisk\s+forening\)?)?"
    r"[\s,(\-–]*$"
)


def _wrapped_name_start(text: str, line_start: int, vocabulary: Vocabulary) -> int:
    """Give where a name that starts a line really starts: on the line before, when it wrapped there.

    PDF text breaks prose lines anywhere: `… partnerskapet med Brottsofferjouren` / `Stockholm-Gotland
    (organisationsnummer …)`. The name goes back over the capitalised (or known) words that end the
    previous line, when something else stands before them there, so a heading line (`Parter`) is
    never taken for the start of a name.

    >>> t = "godkänner partnerskapet med Brottsofferjouren\\nStockholm-Gotland (802490-7720)"
    >>> t[_wrapped_name_start(t, t.index("Stockholm"), Vocabulary({})):t.index(" (")]
    'Brottsofferjouren\\nStockholm-Gotland'
    >>> t = "Parter\\nVäntjänsten i Vadstena (802467-9139)"
    >>> _wrapped_name_start(t, 7, Vocabulary({}))
    7
    """
    if line_start == 0 or text[line_start - 1] != "\n":
        return line_start
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    previous = text[previous_start:line_start - 1]
    if not previous.strip() or previous.rstrip()[-1:] in ".:;!?)":
        return line_start
    if re.search(r"\b\d{3}\s?\d{2}\s+\S+\s*$|,\s*\S+\s*$", previous):
        return line_start  # an address line (`Box 41, 221 00 Lund`) or a list item ends there, not a name
    words = list(re.finditer(r"[^\s,;:()]+", previous))
    start = None
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group(0)
        capital = word[:1].isupper() and not _LABEL_WORD.match(fold(word)) and not word.isupper()
        known = word.islower() and _vocabulary_match(word, vocabulary) is not None
        connector = word in _CONNECTORS and start is not None
        if not (capital or known or connector):
            break
        if capital or known:
            start = index
    if start is None or start == 0:
        return line_start  # nothing before the words: a heading or a line of its own
    # a connector may not begin the name
    while start < len(words) and words[start].group(0) in _CONNECTORS:
        start += 1
    if words[start - 1].group(0)[:1].isupper() and not previous[words[start - 1].end():words[start].start()].strip():
        return line_start  # a label or a capitals word just before: not prose around a name
    return previous_start + words[start].start()


def _split_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Give the names in a run such as `Kvinnojouren Ellinor och Tjejjouren Beata`.

    A run is split at `och`/`,` before a capital when the left part has two words or more, or the
    right part starts with an organisation word: `Brottsofferjour och Vittnesstöd` stays whole.
    """
    pieces = []
    cut = start
    for m in re.finditer(r"\s*(?:,|\s(?:och|samt|&))\s+(?=[A-ZÅÄÖ])", text[start:end]):
        left = text[cut:start + m.start()]
        right = text[start + m.end():end]
        right_first = fold(right.split()[0]) if right.split() else ""
        left_words = [w for w in re.sub(r"\([^)]*\)", " ", left).split()]
        if len(left_words) >= 2 or any(word in right_first for word in ("jour", "forening", "forbund", "stiftelse", "mission", "kyrka")):
            pieces.append((cut, start + m.start()))
            cut = start + m.end()
    pieces.append((cut, end))
    return pieces


def _name_ending_at(text: str, start: int, end: int, vocabulary: Vocabulary) -> tuple[int, int] | None:
    """Give the longest name in text[start:end] that runs right up to end: the name before a number."""
    for word in re.finditer(r"(?<![\w-])[A-ZÅÄÖ0-9]", text[start:end]):
        span = read_name(text, start + word.start(), vocabulary)
        if span and span[1] == end:
            return span
    return _spelled_by_acronym(text, start, end)


_ACRONYM_AT_END = re.compile(r"\(([A-ZÅÄÖ]{2,8})\)\s*$")


def _spelled_by_acronym(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Give the span of a name whose acronym closes it, its words lower-case or not: the last words
    before `(TRIS)` whose initials spell it (`Tjejers rätt i samhället (TRIS)`), or None.

    >>> t = "med föreningen Tjejers\\nrätt i samhället (TRIS)"
    >>> s, e = _spelled_by_acronym(t, 0, len(t)); t[s:e]
    'Tjejers\\nrätt i samhället (TRIS)'
    >>> _spelled_by_acronym("med föreningen Tjejer i stan (TRIS)", 0, 35) is None
    True
    """
    acronym = _ACRONYM_AT_END.search(text, start, end)
    if not acronym:
        return None
    words = list(re.finditer(r"[^\W\d_][\w-]*", text[start:acronym.start()]))[-len(acronym[1]):]
    if len(words) < len(acronym[1]) or not words[0].group()[0].isupper():
        return None
    if "".join(w.group()[0] for w in words).upper() != acronym[1].upper():
        return None
    if re.search(r"[.,;:!?]", text[start + words[0].start():acronym.start()]):
        return None
    return start + words[0].start(), acronym.end(1) + 1


def _public_at(folded: str, pos: int) -> re.Match | None:
    return re.compile(_PUBLIC_PHRASE).match(folded, pos)


def _candidates(text: str, vocabulary: Vocabulary) -> list[Candidate]:
    folded = fold_text(text)
    found: list[Candidate] = []

    def add(start: int, end: int, priority: int, org: str | None = None) -> None:
        for s, e in _split_names(text, start, end):
            name = re.sub(r"\s+", " ", text[s:e]).strip(" -–")
            if name:
                found.append(Candidate(name, s, e, priority, org))

    # Listed with an organisationsnummer: the name stands before the number (same or previous line).
    for number in locate_org_numbers(text):
        if public_number(number.number):
            continue
        line_start = text.rfind("\n", 0, number.start) + 1
        before = text[line_start:number.start]
        before = before[: _ORG_LABEL_TAIL.search(fast_fold(before)).start()]
        if not before.strip():
            previous_end = line_start - 1
            previous_start = text.rfind("\n", 0, max(0, previous_end)) + 1
            line_start, before = previous_start, text[previous_start:max(previous_start, previous_end)]
            before = before[: _ORG_LABEL_TAIL.search(fast_fold(before)).start()]
        with_form = before.rstrip()
        before = before[: _LEGAL_FORM_TAIL.search(fast_fold(before)).start()]
        if before.lstrip()[:1].islower() and line_start:
            # `… med Sociala Företag i Småland ekonomisk` / `förening, org.nr …`: the name wrapped.
            line_start = text.rfind("\n", 0, line_start - 1) + 1
            before = text[line_start:number.start]
            before = before[: _ORG_LABEL_TAIL.search(fast_fold(before)).start()]
            before = before[: _LEGAL_FORM_TAIL.search(fast_fold(before)).start()]
        span = _name_ending_at(text, line_start, line_start + len(before.rstrip()), vocabulary)
        if not span and with_form != before.rstrip() and not with_form.endswith(")"):
            # `… med Fritidsbanken Umeå ideell förening,` / `orgnr …`: a legal form written on, without a
            # comma, that the name reads through is part of its registered name.
            span = _name_ending_at(text, line_start, line_start + len(with_form), vocabulary)
        if span and not text[line_start:span[0]].strip():
            span = (_wrapped_name_start(text, line_start, vocabulary), span[1])
        if span:
            add(span[0], span[1], 0, number.number)
    # `Idéburen sektor: X`
    for m in _LABEL_RE.finditer(folded):
        span = read_name(text, m.end(), vocabulary)
        if span:
            add(*span, 1)
    # `mellan <public> och X`, `mellan X och <public>`
    for m in _MELLAN_RE.finditer(folded):
        if not _PARTNERSHIP_CONTEXT.search(folded[max(0, m.start() - 120):m.start()]):
            continue  # `dialog mellan A och B` is not the partnership
        public = _public_at(folded, m.end())
        if public:
            och = re.compile(r"\s+och\s+").match(folded, public.end())
            if och:
                span = read_name(text, och.end(), vocabulary)
                if span:
                    add(*span, 2)
            continue
        span = read_name(text, m.end(), vocabulary)
        if not span:
            continue
        # The run may swallow `och Linköpings`: cut where the public side begins.
        cut = re.compile(r"\s+och\s+(?=" + _PUBLIC_PHRASE + ")").search(folded, span[0], span[1] + 60)
        if cut and cut.start() <= span[1]:
            add(span[0], cut.start(), 2)
    # `partnerskap (IOP) med X och Y`, `ska tecknas med X`
    for m in near(_MED_RE, folded, _MED, 60, _MED_START):
        span = read_name(text, m.end(), vocabulary)
        if span and not _public_at(folded, span[0]):
            add(*span, 3)
    return found


# ------------------------------------------------------------------------------------ cleaning

def correct_name(name: str, vocabulary: Vocabulary) -> str:
    """Give a name with OCR-damaged words restored from the vocabulary; other words kept.

    >>> vocab = _vocabulary(["Linköping"])
    >>> correct_name("Brottsofferjour och vitthesstod (Brovi) Linkdping", vocab)
    'Brottsofferjour och vittnesstöd (Brovi) Linköping'
    """
    def fix(m: re.Match) -> str:
        word = m.group(0)
        known = _vocabulary_match(word, vocabulary)
        return _restore_case(word, known) if known and not word.isupper() else word
    return re.sub(r"[^\W\d_][\w]*", fix, name)


def _restore_case(word: str, known: str) -> str:
    if word[:1].isupper():
        return known[:1].upper() + known[1:]
    return known.lower()


def _vocabulary(places: list[str]) -> Vocabulary:
    words = {fold(w): w for w in sv.ORG_NAME_WORDS if len(w) > 3}
    for place in places:
        for word in place.split():
            words[fold(word)] = word
    return Vocabulary(words)


def _aliases(name: str) -> list[str]:
    """Give the other names a name with a parenthesised part stands for.

    >>> _aliases("Brottsofferjour och vittnesstöd (Brovi) Linköping")
    ['Brovi Linköping', 'Brottsofferjour och vittnesstöd Linköping', 'Brovi']
    """
    m = re.search(r"^(.*?)\s*\(([^()]+)\)\s*(.*)$", name)
    if not m:
        return []
    head, inner, tail = m[1].strip(), m[2].strip(), m[3].strip()
    aliases = [" ".join(p for p in (inner, tail) if p), " ".join(p for p in (head, tail) if p)]
    if len(inner.split()) == 1:
        aliases.append(inner)
    return [a for a in dict.fromkeys(aliases) if a and a != name]


_GENERIC_WORDS = frozenset(fold(w) for w in (*sv.ORG_NAME_WORDS, *sv.CIVIL_ORG_WORDS))
_NOT_PARTY_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(fold(word)) for word in sv.NOT_PARTIES) + r")\b"
    r"|\b(?:kommun|kommunen|stad|staden|region|regionen|[a-z]*forvaltningen|[a-z]*namnden)$"
)


def _is_generic(name: str) -> bool:
    """True for a bare common noun (`Brottsofferjouren`, `Brottsofferjourerna`), not a name."""
    words = fold(name).split()
    return len(words) == 1 and (words[0].endswith(("erna", "orna", "arna")) or words[0] in _GENERIC_WORDS)


def _not_a_party(name: str) -> bool:
    return bool(_NOT_PARTY_RE.search(fold(name)))


# ------------------------------------------------------------------------------------- extract

def find_parties(text: str) -> list[tuple[int, int, dict]]:
    """Give (start, end, value) for each party: civil parties first, then the public party.

    >>> [v["name"] for _, _, v in find_parties(
    ...     "Avtal mellan Linköpings kommun och Kvinnojouren Ellinor och Tjejjouren Beata.")]
    ['Kvinnojouren Ellinor', 'Tjejjouren Beata', 'Linköpings kommun']
    """
    municipality = find_municipality(text)
    places = [place_name(name.rsplit(" ", 1)[0]) for _, _, name in find_municipalities(text) if not name.startswith("Region")]
    vocabulary = _vocabulary(places)
    units = _kommun_units(text)
    candidates = [c for c in _candidates(text, vocabulary) if not _not_a_party(c.name) and fold(c.name) not in units]
    for candidate in candidates:
        candidate.name = correct_name(candidate.name, vocabulary)
        candidate.aliases = _aliases(candidate.name)
    specific = [c for c in candidates if not _is_generic(c.name)]
    if specific:
        candidates = specific
    else:
        candidates = [c for c in candidates if not fold(c.name).endswith(("erna", "orna", "arna"))]
    # Each group keeps its keys and org numbers as it grows: a long text has many mentions of few parties.
    groups: list[list[Candidate]] = []
    group_keys: list[set[str]] = []
    group_numbers: list[set[str]] = []
    key_cache: dict[str, str] = {}

    def key(name: str) -> str:
        if name not in key_cache:
            key_cache[name] = party_key(name)
        return key_cache[name]

    # (the groups that share a key or the number are found by index, the first of them that fits wins)
    groups_by_key: dict[str, set[int]] = {}
    groups_by_number: dict[str, set[int]] = {}
    for candidate in sorted(candidates, key=lambda c: (c.priority, c.start)):
        keys = {key(candidate.name)} | {key(a) for a in candidate.aliases}
        sharing = set(groups_by_number.get(candidate.org_number, ())) if candidate.org_number else set()
        for k in keys:
            sharing |= groups_by_key.get(k, set())
        for index in sorted(sharing):
            numbers = group_numbers[index]
            if not (candidate.org_number and numbers - {candidate.org_number}):
                break
        else:
            index = len(groups)
            groups.append([])
            group_keys.append(set())
            group_numbers.append(set())
        groups[index].append(candidate)
        group_keys[index] |= keys
        for k in keys:
            groups_by_key.setdefault(k, set()).add(index)
        if candidate.org_number:
            group_numbers[index].add(candidate.org_number)
            groups_by_number.setdefault(candidate.org_number, set()).add(index)
    groups = _merge_cut_names(groups)
    result = []
    for group in sorted(groups, key=lambda g: min(c.start for c in g)):
        head = group[0]
        org_number = next((c.org_number for c in group if c.org_number), None)
        aliases = []
        for c in group:
            for alias in [c.name] + c.aliases:
                if alias != head.name and alias not in aliases:
                    aliases.append(alias)
        sector = "public" if org_number and public_number(org_number) else "civil"
        result.append((head.start, head.end, {"name": head.name, "sector": sector, "org_number": org_number,
                                              "aliases": aliases}))
    if municipality:
        result.append((municipality[0], municipality[1], {"name": municipality[2], "sector": "public",
                                                          "org_number": _public_org_number(text),
                                                          "aliases": []}))
    return result


def _merge_cut_names(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """Give the groups with a name cut short merged into the one full name it begins.

    A name that wraps in prose (`med Röda Korsets` / `Vadstenakrets om …`) is read only up to the
    line break; when its words begin the name of exactly one other party, it is that party.
    Fuller names are looked up by their first letters and their last word, never all pairs: a long
    text has thousands of names.
    """
    words_of = {id(c): fold(c.name).split() for group in groups for c in group}

    def begins(short: list[str], full: list[str]) -> bool:
        # whole words, the last perhaps cut inside (`Brottsofferj` / `ouren`: a word split at a line end)
        return len(full) >= len(short) and full[:len(short) - 1] == short[:-1] and (
            full[len(short) - 1] == short[-1] and len(full) > len(short)
            or len(short[-1]) >= 6 and full[len(short) - 1].startswith(short[-1]) and full[len(short) - 1] != short[-1])

    def ends(short: list[str], full: list[str]) -> bool:
        # `LP-föreningen` for `Finspångs Ekumeniska LP-förening`: the name's own last word, definite
        return len(short) == 1 and len(full) > 1 and "-" in short[0] and _key_word(short[0]) == _key_word(full[-1])

    # Looked up by: the first word and the start of the second (a cut name of two words or more), the
    # first word whole or its first six letters (a cut name of one word), the last word (`ends`).
    by_two: dict[tuple[str, str], set[int]] = {}
    by_first: dict[str, set[int]] = {}
    by_tail: dict[str, set[int]] = {}
    for index, group in enumerate(groups):
        for c in group:
            w = words_of[id(c)]
            if len(w) > 1:
                by_two.setdefault((w[0], w[1][:2]), set()).add(index)
                by_first.setdefault(w[0], set()).add(index)
                by_tail.setdefault(_key_word(w[-1]), set()).add(index)
            if w:
                by_first.setdefault(w[0][:6], set()).add(index)
    owner = list(range(len(groups)))  # a merged group's candidates now live in its owner's group

    def alive(index: int) -> int:
        while owner[index] != index:
            index = owner[index]
        return index

    for index, group in enumerate(groups):
        if owner[index] != index or any(c.org_number for c in group):
            continue
        cut = [words_of[id(c)] for c in group]
        near = set()
        for short in cut:
            if len(short) > 1:
                near |= by_two.get((short[0], short[1][:2]), set())
            elif short:
                near |= by_first.get(short[0], set()) | by_first.get(short[0][:6], set())
                near |= by_tail.get(_key_word(short[0]), set())
        if len(near) > 64:
            continue  # dozens of names begin alike (a register, not a partnership): no one fuller name
        fuller = {alive(other) for other in near} - {index}
        fuller = [other for other in sorted(fuller) if any(
            begins(short, words_of[id(c)]) or ends(short, words_of[id(c)]) for short in cut for c in groups[other])]
        if len(fuller) == 1:
            groups[fuller[0]].extend(group)
            owner[index] = fuller[0]
    return [group for index, group in enumerate(groups) if owner[index] == index]


def _kommun_units(text: str) -> set[str]:
    """Give the folded names written as units of a kommun: `Linköpings kommun, Leanlink`."""
    folded = fold_text(text)
    units = set()
    for start, end, _ in find_municipalities(text):
        m = re.compile(r",[ \t]*([a-z][\w-]*(?:[ \t]+[a-z][\w-]*)?)[ \t]*(?:\n|$)").match(folded, end)
        if m:
            units.add(m[1])
            units.add(m[1].split()[0])
    return units


def public_number(org_number: str) -> bool:
    """True for the organisationsnummer of a public body: first digit 2, but not a registered
    trossamfund (252…, such as a Svenska kyrkan parish), which is a civil party.

    >>> public_number("212000-1546"), public_number("232100-0016"), public_number("252003-4717")
    (True, True, False)
    """
    return org_number.startswith("2") and not org_number.startswith("25")


def _public_org_number(text: str) -> str | None:
    """Give the organisationsnummer of a public body (first digit 2) the document states, if one."""
    numbers = {m.number for m in locate_org_numbers(text) if public_number(m.number)}
    return numbers.pop() if len(numbers) == 1 else None


def extract(doc: Document) -> list[Fact]:
    """Give a `party` fact for each party to the partnership the document is about."""
    return [doc.fact("party", value, start, end) for start, end, value in find_parties(doc.text)]
