"""Who and where a document speaks of, as keys to compare: kommuner and regioner, nämnder, and
organisations by org number, name words and abbreviations. Pure functions, for the linker.

Every comparison tolerates what documents do to names: genitive forms (`Linköpings kommun`),
definite endings (`jouren`, `jour`), OCR slips of a letter or two (`Linkdping`), and an
organisation's short name or acronym (`Brovi`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from iopcli.text import edit_distance, fold

# Words that carry no identity in an organisation's name: function words and legal forms.
NAME_STOP_WORDS = frozenset((
    "i", "och", "for", "av", "pa", "samt", "med", "till", "the", "of", "and",
    "ideell", "ideella", "forening", "foreningen", "ekonomisk", "ekonomiska", "ek", "org", "nr",
    "stiftelse", "stiftelsen", "ab", "hb", "kb", "riksforbund", "lokalforening", "lokalavdelning",
))
# Words that describe a party without naming it (`Idéburen sektor:`, `Parterna`): never a name alone.
GENERIC_NAME_WORDS = frozenset(("ideburen", "ideburna", "ideburet", "sektor", "sektorn", "part", "parter", "parten",
                                "parterna", "organisation", "organisationen", "kommun", "kommunen", "namnden"))
# Words that name a public body rather than a place: dropped from a municipality's key.
PUBLIC_BODY_WORDS = ("kommun", "kommune", "stad", "staden", "region", "regionen", "landsting", "landstinget")
# Nämnder that decide for every other one: their documents may belong to any nämnd's partnership.
OVERALL_AUTHORITY_WORDS = ("kommunstyrelse", "kommunfullmaktige", "regionstyrelse", "regionfullmaktige",
                           "fullmaktige", "stadsledningskontor")
# Municipality names ending in s in the nominative, which keep it in `Västerås stad`.
_KEEPS_S = re.compile(r"(?:as|os|fors|nas|s{2})$")


@functools.lru_cache(maxsize=65536)  # the linker keys the public party of every document it merges
def municipality_key(name: str | None) -> str:
    """Give a folded key for a kommun or region: the place, `region-` kept apart.

    >>> municipality_key("Linköpings kommun"), municipality_key("Linkdpings kommun"), municipality_key("Stockholms stad")
    ('linkoping', 'linkdping', 'stockholm')
    >>> municipality_key("Västerås stad"), municipality_key("Region Östergötland"), municipality_key(None)
    ('vasteras', 'region-ostergotland', '')
    """
    if not name:
        return ""
    words = re.findall(r"[a-z0-9]+", fold(name))
    region = any(w.startswith(("region", "landsting")) for w in words)
    place = [w for w in words if w not in PUBLIC_BODY_WORDS]
    if place and len(place[-1]) > 4 and place[-1].endswith("s") and not _KEEPS_S.search(place[-1]):
        place[-1] = place[-1][:-1]  # genitive before kommun/stad: Linköpings kommun
    key = "-".join(place)
    return f"region-{key}" if region else key


@functools.lru_cache(maxsize=65536)
def same_municipality(a: str, b: str) -> bool:
    """True when two municipality keys name one place, allowing an OCR slip; an unknown one fits.

    >>> same_municipality("linkoping", "linkdping"), same_municipality("linkoping", "lidkoping"), same_municipality("", "umea")
    (True, False, True)
    >>> same_municipality("uppsala", "region-uppsala")
    False
    """
    if not a or not b or a == b:
        return True
    if a.startswith("region-") != b.startswith("region-"):
        return False
    if len(a) < 6:
        return False
    return edit_distance(a, b, 1) <= 1 and _ocr_like(a, b)


def _ocr_like(a: str, b: str) -> bool:
    """True when the one letter two equally long keys differ in is one OCR confuses (o/d/e, n/h, l/i)."""
    if len(a) != len(b):
        return True
    pairs = {frozenset(p) for p in ("od", "oe", "de", "nh", "li", "rn", "il", "ao", "ae", "ce", "co")}
    diffs = [frozenset((x, y)) for x, y in zip(a, b) if x != y]
    return all(d in pairs for d in diffs)


def authority_key(name: str | None) -> str:
    """Give a folded key for a nämnd: letters only.

    >>> authority_key("Social- och omsorgsnämnden"), authority_key("Kultur- och fritidsnämnden")
    ('socialochomsorgsnamnden', 'kulturochfritidsnamnden')
    """
    return re.sub(r"[^a-z]", "", fold(name or ""))


@functools.lru_cache(maxsize=65536)  # the linker asks for the same few nämnder of a place a million times
def same_authority(a: str, b: str) -> bool:
    """True unless two nämnder are known and differ; kommunstyrelse and fullmäktige fit any.

    >>> same_authority("socialnamnden", "socialnamhden"), same_authority("socialnamnden", "kulturnamnden")
    (True, False)
    >>> same_authority("kommunstyrelsen", "socialnamnden"), same_authority("", "socialnamnden")
    (True, True)
    """
    if not a or not b or a == b:
        return True
    if any(a.startswith(w) or b.startswith(w) for w in OVERALL_AUTHORITY_WORDS):
        return True
    return edit_distance(a, b, 2) <= 2 and len(a) >= 10


@functools.lru_cache(maxsize=65536)  # the linker asks for every name of every party it compares
def name_tokens(name: str) -> tuple[str, ...]:
    """Give the identifying words of an organisation's name: folded, stemmed, no legal forms.

    >>> name_tokens("Brottsofferjouren i Linköping"), name_tokens("Brottsofferjour och vittnesstöd (Brovi) Linköping")
    (('brottsofferjour', 'linkoping'), ('brottsofferjour', 'vittnesstod', 'linkoping'))
    >>> name_tokens("brovi-linkoping@telia.com"), name_tokens("Stiftelsen Allmänna Barnhuset")
    (('brovi', 'linkoping'), ('allmanna', 'barnhus'))
    """
    text = fold(name)
    if "@" in text:
        text = re.sub(r"[._-]+", " ", text.split("@", 1)[0])
    text = re.sub(r"\([^)]*\)", " ", text)
    return tuple(stem(w) for w in re.findall(r"[a-z0-9]+", text) if w not in NAME_STOP_WORDS)


def stem(word: str) -> str:
    """Give a word without its definite ending, so `jouren` and `jour` are one word."""
    for ending in ("arna", "erna", "orna", "en", "et"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def abbreviations(name: str) -> set[str]:
    """Give the abbreviations a name declares in parentheses, or an e-mail address's first word.

    >>> sorted(abbreviations("Brottsofferjour och vittnesstöd (Brovi) Linköping"))
    ['brovi']
    >>> sorted(abbreviations("brovi-linkoping@telia.com")), abbreviations("Röda Korset")
    (['brovi'], set())
    """
    return set(_abbreviations(name))


@functools.lru_cache(maxsize=65536)
def _abbreviations(name: str) -> frozenset[str]:
    folded = fold(name)
    found = {w for inner in re.findall(r"\(([^)]*)\)", folded) for w in re.findall(r"[a-z0-9]+", inner)
             if w not in NAME_STOP_WORDS}
    if "@" in folded:
        local = re.findall(r"[a-z0-9]+", folded.split("@", 1)[0])
        found.update(local[:1])
    return frozenset(found)


def token_match(a: str, b: str) -> bool:
    """True when two name words are one word, allowing OCR slips in longer words.

    >>> token_match("linkdping", "linkoping"), token_match("vitthesstod", "vittnesstod"), token_match("ellinor", "eleonor")
    (True, True, False)
    """
    if a == b:
        return True
    shortest = min(len(a), len(b))
    limit = 2 if shortest >= 10 else 1 if shortest >= 5 else 0
    return limit > 0 and edit_distance(a, b, limit) <= limit


@functools.lru_cache(maxsize=65536)
def _acronym_of(token: str, words: tuple[str, ...]) -> bool:
    """True when a short word is built of the starts of two or more consecutive words (`Brovi`).

    >>> _acronym_of("brovi", ("brottsofferjour", "vittnesstod", "linkoping")), _acronym_of("bl", ("brottsofferjour", "linkoping"))
    (True, False)
    """
    if not 3 <= len(token) <= 8:
        return False

    def build(rest: str, index: int, used: int) -> bool:
        if not rest:
            return used >= 2
        if index >= len(words):
            return False
        word = words[index]
        return any(word.startswith(rest[:n]) and build(rest[n:], index + 1, used + 1)
                   for n in range(min(len(rest), len(word)), 0, -1))

    return any(build(token, start, 0) for start in range(len(words)))


@dataclass
class Org:
    """One organisation as documents name it: its org number, its names' words, its abbreviations."""

    org_number: str | None
    names: list[tuple[str, ...]] = field(default_factory=list)
    abbreviations: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, party: dict) -> "Org":
        names = [n for n in (party.get("name"), *(party.get("aliases") or [])) if n]
        org = cls(_digits(party.get("org_number")))
        for name in names:
            tokens = name_tokens(name)
            if tokens and tokens not in org.names:
                org.names.append(tokens)
            org.abbreviations |= _abbreviations(name)
        return org


@functools.lru_cache(maxsize=65536)
def _digits(org_number: str | None) -> str | None:
    digits = re.sub(r"\D", "", org_number or "")
    return digits if len(digits) == 10 else None


def org_match(a: Org, b: Org, places: frozenset[str] = frozenset()) -> int:
    """Give how surely two parties are one organisation: 50 org number, 40 same name, 30 close name, 0 not.

    Words that only name the place (`Linköping`) do not make a match on their own.

    >>> brovi = Org.of({"name": "Brottsofferjour och vittnesstöd (Brovi) Linköping"})
    >>> org_match(brovi, Org.of({"name": "Brottsofferjouren i Linköping"}), frozenset({"linkoping"}))
    30
    >>> org_match(brovi, Org.of({"name": "Brovi Linköping"})), org_match(brovi, Org.of({"name": "Brottsofferjour och vitthesstod (Brovi) Linkdping"}))
    (30, 30)
    >>> org_match(Org.of({"name": "Kvinnojouren Ellinor"}), Org.of({"name": "Tjejjouren Beata"}))
    0
    >>> org_match(Org.of({"name": "Jouren A", "org_number": "802490-7720"}), Org.of({"name": "Jouren A", "org_number": "802476-1044"}))
    0
    """
    if a.org_number and b.org_number:
        return 50 if a.org_number == b.org_number else 0
    return _name_match(tuple(a.names), frozenset(a.abbreviations), tuple(b.names), frozenset(b.abbreviations), places)


@functools.lru_cache(maxsize=65536)
def _name_match(a_names: tuple, a_abbreviations: frozenset, b_names: tuple, b_abbreviations: frozenset,
                places: frozenset[str]) -> int:
    """org_match's name part, kept per pair of spellings: one party is named the same few ways in
    many documents, and linking compares every pair of them."""
    best = 0
    for x in a_names:
        for y in b_names:
            if x == y and set(x) - places:
                return 40
            if covers(x, y, b_abbreviations, places) or covers(y, x, a_abbreviations, places):
                best = 30
    return best


def covers(small: tuple[str, ...], large: tuple[str, ...], large_abbreviations: set[str],
            places: frozenset[str]) -> bool:
    """True when every word of the shorter name is in the longer one (or is its abbreviation)."""
    if not small or len(small) > len(large):
        return False
    distinctive = False
    for token in small:
        if token in large_abbreviations or _acronym_of(token, large):
            distinctive = True
            continue
        matched = next((w for w in large if token_match(token, w)), None)
        if matched is None:
            return False
        if not any(token_match(token, p) for p in places) and len(token) >= 3:
            distinctive = True
    return distinctive
