"""Linking, step 1: documents grouped into families (see linker.py). Pure.

A family is the documents of one municipality tied by a shared case number (diarienummer) or a shared
civil-society party (org number, or a name with its aliases, tolerant of OCR and renaming), merged
strongest tie first; a nämnd that differs, or org numbers that differ, keep families apart. Pairs are
found by keys (link_keys), never by comparing every document of a place with every other.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from iopcli import partnership as dates
from iopcli.extractors.casenumbers import case_key  # one key for every written form of a diarienummer
from iopcli.names import (
    PUBLIC_BODY_WORDS,
    Org,
    authority_key,
    municipality_key,
    org_match,
    same_authority,
    same_municipality,
)
from iopcli.text import fold

DOC_TYPE_ORDER = {"tjansteskrivelse": 0, "protokoll": 1, "overenskommelse": 2}
FAR_FUTURE = "9999-12-31"


# --- documents ------------------------------------------------------------------------------------

@dataclass
class Doc:
    """A record with the keys linking needs worked out once."""

    record: dict
    index: int
    municipality: str
    authority: str
    cases: set[str]
    civil: list[Org]
    start: date | None
    end: date | None
    date: date | None
    keys: tuple[frozenset[str], ...] | None = None  # link_keys, worked out when first asked for
    parties: list[tuple[dict, Org]] = field(default_factory=list)  # every party with its Org

    @functools.cached_property  # asked for in every sort of linking
    def source(self) -> str:
        return self.record.get("source") or self.record.get("path") or ""

    @functools.cached_property  # asked for in every sort and comparison of linking
    def sort_key(self) -> tuple:
        """Order-independent identity: file name, then content hash."""
        return (self.source, self.record.get("sha256") or "", self.record.get("path") or "")

    @property
    def doc_type(self) -> str:
        return self.record.get("doc_type") or "other"

    @property
    def time(self) -> str:
        """When the document stands in time: its date, else its period; undated last."""
        return _iso(self.date or self.start or self.end) or FAR_FUTURE

    def chronology(self) -> tuple:
        return (self.time, DOC_TYPE_ORDER.get(self.doc_type, 3), self.sort_key)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _is_civil(party: dict, municipality: str) -> bool:
    """True for a civil-society party; without a sector, a name that is no kommun, stad or region.

    >>> _is_civil({"name": "Stadsmissionen"}, "linkoping"), _is_civil({"name": "Linköpings kommun"}, "linkoping")
    (True, False)
    """
    sector = party.get("sector")
    if sector:
        return sector == "civil"
    words = re.findall(r"[a-z]+", fold(party.get("name") or ""))
    return not any(w in PUBLIC_BODY_WORDS for w in words) and municipality_key(party.get("name")) != municipality


def _doc(record: dict, index: int) -> Doc:
    period = record.get("period") or {}
    municipality = municipality_key(record.get("municipality"))
    parties = [(p, Org.of(p)) for p in record.get("parties") or [] if isinstance(p, dict)]
    return Doc(
        record=record, index=index, municipality=municipality,
        authority=authority_key(record.get("authority")),
        cases={case_key(c) for c in record.get("case_numbers") or [] if c},
        civil=[org for p, org in parties if _is_civil(p, municipality)],
        start=dates.as_date(period.get("start")), end=dates.as_date(period.get("end")),
        date=dates.as_date(record.get("document_date")), parties=parties,
    )


def _places(*docs: Doc) -> frozenset[str]:
    if len(docs) == 1 or (len(docs) == 2 and docs[0].municipality == docs[1].municipality):
        return _place_words(docs[0].municipality)
    return frozenset().union(*(_place_words(d.municipality) for d in docs))


@functools.lru_cache(maxsize=4096)
def _place_words(municipality: str) -> frozenset[str]:
    """Give the words of a municipality key that name the place (`region-ostergotland`: ostergotland)."""
    return frozenset(w for w in re.split(r"-", municipality) if w and w != "region")


def pair_score(a: Doc, b: Doc) -> int:
    """Give how strongly two documents belong to one family; 0 when they must stay apart.

    100 for a shared case number, unless both name civil parties and none of them match (a
    document may cite another case, such as the kommun's IOP guidelines); else the party match
    (30-50), a little more when the periods agree, a little less when a municipality is unknown.
    """
    if not same_municipality(a.municipality, b.municipality):
        return 0
    places = _places(a, b)
    if len(a.civil) == 1 == len(b.civil):  # (most documents name one organisation: no generator)
        party = org_match(a.civil[0], b.civil[0], places)
    else:
        party = max((org_match(x, y, places) for x in a.civil for y in b.civil), default=0)
    if a.cases & b.cases and (party or not (a.civil and b.civil)):
        return 100
    if not party or not same_authority(a.authority, b.authority):
        return 0
    if a.start and a.start == b.start and a.end == b.end:
        party += 10
    elif a.end and a.end == b.end:
        party += 5
    if not (a.municipality and b.municipality):
        party -= 10
    return max(party, 1)


# --- families -------------------------------------------------------------------------------------

class _Families:
    """Union-find over documents that refuses merges a nämnd or an org number forbids."""

    def __init__(self, docs: list[Doc]):
        self.parent = list(range(len(docs)))
        self.docs = docs
        self.authorities = [{d.authority} - {""} for d in docs]
        self.orgs = [{o.org_number for o in d.civil if o.org_number} for d in docs]
        self.municipalities = [{d.municipality} - {""} for d in docs]
        self.named = [bool(d.civil) for d in docs]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def merge(self, i: int, j: int, by_case: bool) -> None:
        a, b = self.find(i), self.find(j)
        if a == b or not self._compatible(a, b, by_case):
            return
        if any(not same_municipality(x, y) for x in self.municipalities[a] for y in self.municipalities[b]):
            return
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.authorities[a] |= self.authorities[b]
        self.orgs[a] |= self.orgs[b]
        self.municipalities[a] |= self.municipalities[b]
        self.named[a] = self.named[a] or self.named[b]

    def _compatible(self, a: int, b: int, by_case: bool) -> bool:
        # Two nämnder are two partnerships, even when one document cites the other's case number
        # (record.md: a cited case number alone never merges). Only a document that names no civil
        # party (a protocol's bare decision) joins on its case number a nämnd written differently.
        named_both = self.named[a] and self.named[b]
        if (not by_case or named_both) and any(
                not same_authority(x, y) for x in self.authorities[a] for y in self.authorities[b]):
            return False
        # Two families that each know their civil parties' org numbers, none shared, are two.
        return not (self.orgs[a] and self.orgs[b] and not self.orgs[a] & self.orgs[b])


def families(docs: list[Doc]) -> list[list[Doc]]:
    """Give the documents grouped by municipality, nämnd and civil parties (strongest ties first)."""
    # Pairs are merged strongest first, then in the order of their documents' sort keys, each
    # key given as its rank among them (so the sort compares numbers, not tuples of file names).
    rank = {key: n for n, key in enumerate(sorted({d.sort_key for d in docs}))}
    pairs = []
    for bucket in _municipality_buckets(docs):
        for a, b in candidate_pairs(bucket):
            score = pair_score(a, b)
            if score:
                ra, rb = rank[a.sort_key], rank[b.sort_key]
                first, second = (a, b) if ra <= rb else (b, a)
                pairs.append((-score, min(ra, rb), max(ra, rb), first.index, second.index, score))
    union = _Families(docs)
    for *_, i, j, score in sorted(set(pairs)):
        union.merge(i, j, by_case=score >= 100)
    groups: dict[int, list[Doc]] = {}
    for doc in docs:
        groups.setdefault(union.find(doc.index), []).append(doc)
    return sorted((sorted(g, key=lambda d: d.sort_key) for g in groups.values()), key=lambda g: g[0].sort_key)


def _municipality_buckets(docs: list[Doc]) -> list[list[Doc]]:
    """Give groups of documents worth comparing: one per place, with the places an OCR slip away
    (Linköping, Linkdping), and with the documents whose municipality is unknown that share a
    linking key with one of them (see link_keys): never every document with every other."""
    by_place: dict[str, list[Doc]] = {}
    for doc in docs:
        by_place.setdefault(doc.municipality, []).append(doc)
    unknown = by_place.pop("", [])
    unknown_by_key: dict[str, list[Doc]] = {}
    for doc in unknown:
        for key in _all_keys(doc):
            unknown_by_key.setdefault(key, []).append(doc)
    places = sorted(by_place)
    buckets = []
    for place in places:
        members = [d for other in places if same_municipality(place, other) for d in by_place[other]]
        joining = {d.index: d for m in members for key in _all_keys(m) for d in unknown_by_key.get(key, ())} \
            if unknown_by_key else {}  # (every member's keys, looked up for nothing, was a tenth of linking)
        buckets.append(members + sorted(joining.values(), key=lambda d: d.index))
    if unknown:
        buckets.append(unknown)
    return buckets


def _all_keys(doc: Doc) -> frozenset[str]:
    """Give every key of a document in one namespace, to find documents it may tie to at all
    (an acronym start and a lookup meet here as any two keys do)."""
    keys, starts, lookups = link_keys(doc)
    return keys | {f"start:{s.split(':', 1)[1]}" for s in starts} | {f"start:{s}" for s in lookups}


def candidate_pairs(bucket: list[Doc]) -> list[tuple[Doc, Doc]]:
    """Give the pairs of a bucket that may tie, each once, in bucket order.

    pair_score is 0 for any other pair: it needs a shared case number, a shared org number or a
    name match, and a name matches another only when each of its words is a word of the other
    (within an OCR slip), or an acronym or a declared abbreviation of it (see covers). So each
    name looks up just its rarest word here, among every word of the other documents (link_keys):
    a common word (`idrottsförening`, `jour`) ties two documents only when a name is made of
    such words alone. Case and org numbers are looked up as they are.
    """
    by_key: dict[str, list[int]] = {}
    by_start: dict[str, list[int]] = {}
    for position, doc in enumerate(bucket):
        keys, starts, _ = link_keys(doc)
        for key in keys:
            by_key.setdefault(key, []).append(position)
        for start in starts:
            by_start.setdefault(start, []).append(position)
    pairs = set()
    for key, positions in by_key.items():
        if key.startswith(("case:", "org:")):
            for n, i in enumerate(positions):
                for j in positions[n + 1:]:
                    pairs.add((i, j))
    looked_up: dict[tuple[str, str], set[int]] = {}  # the documents of one partnership look up one word
    for position, doc in enumerate(bucket):
        for word, numbered in _rarest_words(doc, by_key):
            # A party with an org number looks only among the parties without one.
            kind = "loose:" if numbered else "word:"
            found = looked_up.get((kind, word))
            if found is None:
                found = {other for key in _deletion_keys(kind, word) for other in by_key.get(key, ())}
                if 3 <= len(word) <= 8:  # an acronym of the other's words (`brovi`)
                    found.update(other for k in range(2, len(word) + 1) for other in by_start.get(f"{kind}{word[:k]}", ()))
                looked_up[kind, word] = found
            pairs.update((min(position, other), max(position, other)) for other in found if other != position)
    return [(bucket[i], bucket[j]) for i, j in sorted(pairs) if bucket[i].index != bucket[j].index]


def _rarest_words(doc: Doc, by_key: dict[str, list[int]]) -> set[tuple[str, bool]]:
    """Give, for each name of the document's civil parties, its word found in fewest documents of
    the bucket (a place word only when the name has no other), and whether the party has an org
    number."""
    places = _places(doc)
    rarest = set()
    for org in doc.civil:
        for words in org.names:
            candidates = [w for w in words if w not in places] or list(words)
            if candidates:
                word = min(candidates, key=lambda w: (len(by_key.get(f"word:{w}", ())), w))
                rarest.add((word, org.org_number is not None))
    return rarest


def link_keys(doc: Doc) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Give the keys under which a document can be tied to another, the starts an acronym of its
    names would have, and the starts it looks up (its words that may be acronyms): any two
    documents that pair_score ties share a key, or one looks up a start of the other.

    Keys: case numbers and org numbers as they are; every word of a party's name that is not the
    document's place, with each of its one-letter deletions (two words an edit apart share one;
    words of ten letters or more, which may be two edits apart, with their two-letter deletions
    too); the abbreviations a name declares; and for each two name words in a row, the start of
    the first with the initial of the second (`brov` of `brottsofferjour vittnesstöd`), which an
    acronym (`brovi`) starts with.
    """
    if doc.keys is None:
        places = _places(doc)
        keys, starts, lookups = {f"case:{c}" for c in doc.cases}, set(), set()
        for org in doc.civil:
            if org.org_number:
                keys.add(f"org:{org.org_number}")
            # An organisation without an org number is filed twice: names are all that can tie it
            # to one with a number (two numbered ones are tied by the number alone, see org_match).
            kinds = ("word:",) if org.org_number else ("word:", "loose:")
            keys.update(f"{kind}{a}" for a in org.abbreviations for kind in kinds)
            for words in org.names:
                for word in words:
                    if word not in places:
                        keys |= _word_keys(word, kinds)
                for first, second in zip(words, words[1:]):
                    starts |= _start_keys(first, second[0], kinds)
                lookups.update(word[:k] for word in words if 3 <= len(word) <= 8 and word not in places
                               for k in range(2, len(word) + 1))
        doc.keys = (frozenset(keys), frozenset(starts), frozenset(lookups))
    return doc.keys


@functools.lru_cache(maxsize=65536)  # party names recur over a catalogue: their keys are made once
def _word_keys(word: str, kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f"{kind}{variant}" for variant in _deletions(word) for kind in kinds)


@functools.lru_cache(maxsize=65536)
def _start_keys(first: str, initial: str, kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f"{kind}{first[:k]}{initial}" for k in range(1, min(len(first), 7) + 1) for kind in kinds)


@functools.lru_cache(maxsize=65536)
def _deletion_keys(kind: str, word: str) -> tuple[str, ...]:
    """Give the keys of a word's deletions (_deletions) under a kind: `word:jor`, `word:jou` …"""
    return tuple(kind + variant for variant in _deletions(word))


@functools.lru_cache(maxsize=65536)
def _deletions(word: str) -> frozenset[str]:
    """Give a word and the words left when one letter is taken out (two, for words of ten or more).

    >>> sorted(_deletions("jour"))
    ['jor', 'jou', 'jour', 'jur', 'our']
    """
    found = {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
    if len(word) >= 10:
        found |= {shorter[:i] + shorter[i + 1:] for shorter in list(found - {word}) for i in range(len(shorter))}
    return frozenset(found)
