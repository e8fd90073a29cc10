"""Whether a document concerns an IOP (idéburet offentligt partnerskap), and the words that decided.

A diarium holds everything: building permits, procurements, grants, minutes. Only documents about
an IOP become partnerships. One fact per document:

    iop  {"is": True | False | None, "kind": "iop" | "procurement" | "grant" | "building" | "lease" |
          "sponsorship" | "other" | None, "reason": "…"}

- True: the document names the form (`idéburet offentligt partnerskap`, `IOP`,
  `partnerskapsöverenskommelse`) as what it is about (in its head, or more than once), or a protocol
  has a § about one.
- False: it speaks the language of another regime (LOU: `upphandling`, `anbud`, `leverantör`;
  grants: `föreningsbidrag`, `verksamhetsbidrag`; `bygglov`, `detaljplan`; leases; sponsorship) and
  names an IOP only in passing, or only to set it aside (`har övervägt idéburet offentligt partnerskap
  men bedömer att föreningsbidrag är rätt form`).
- None: neither, or an IOP named once in passing (an e-mail that names nothing but "avtalet"): such a
  document joins a partnership that one of its documents shows to be an IOP, and forms none alone.

Evidence is the phrase that decided: the IOP mention, or the first word of the other regime.
"""
from __future__ import annotations

import re

from iopcli.extractors.scan import word_start
from iopcli.model import Document, Fact
from iopcli.text import folded as fold_text

_IOP_RE = re.compile(
    word_start(r"idebur(?:et|na|en|a)?\s+offentlig[at]?\s+partnerskap\w*", r"iop\b", r"partnerskapsoverenskommelse\w*")
)
# A mention that sets the form aside or compares with it is not what the document is.
_SET_ASIDE_RE = re.compile(
    r"\b(?:overvag\w*|i\s*stallet\s+for|jamfor\w*|snarare\s+an|inte|ej|alternativ\w*|i\s+stallet|tidigare\s+haft)\b"
)
_REGIMES = (
    ("procurement", "procurement under LOU",
     re.compile(word_start(r"lou\b") + r"|lagen\s+om\s+offentlig\s+upphandling|" + word_start(
         r"upphandl\w*", r"leverantor\w*", r"anbud\w*", r"tilldelningsbeslut\w*", r"ramavtal\w*", r"avrop\w*",
         r"forfragningsunderlag\w*"))),
    ("grant", "a grant",
     re.compile(word_start(r"foreningsbidrag\w*", r"verksamhetsbidrag\w*", r"aktivitetsstod\w*", r"bidragsregl\w*",
                           r"projektbidrag\w*", r"lokalbidrag\w*", r"startbidrag\w*", r"anlaggningsbidrag\w*",
                           r"kulturstod\w*", r"hyresbidrag\w*"))),
    ("building", "a planning or building matter",
     re.compile(word_start(r"bygglov\w*", r"detaljplan\w*", r"strandskydd\w*", r"marklov\w*", r"rivningslov\w*",
                           r"forhandsbesked\w*", r"plan-\s+och\s+bygglag\w*", r"byggnadsnamnd\w*"))),
    ("lease", "a lease",
     re.compile(word_start(r"hyresavtal\w*", r"lokalhyresavtal\w*", r"arrendeavtal\w*", r"hyresgast\w*", r"hyresvard\w*"))),
    ("sponsorship", "sponsorship",
     re.compile(word_start(r"sponsr\w*", r"sponsor\w*", r"motprestation\w*"))),
)
# Substrings one of which a regime's words always contain (each pattern's words begin with one).
_STEMS = {
    "procurement": ("lou", "upphandl", "leverantor", "anbud", "tilldelningsbeslut", "ramavtal", "avrop",
                    "forfragningsunderlag"),
    "grant": ("bidrag", "aktivitetsstod", "kulturstod"),
    "building": ("bygg", "detaljplan", "strandskydd", "lov", "forhandsbesked"),
    "lease": ("hyres", "arrendeavtal"),
    "sponsorship": ("sponsr", "sponsor", "motprestation"),
}
# A § heading in a protocol: `§ 112 Idéburet offentligt partnerskap med …`.
_PARAGRAPH_HEAD_RE = re.compile(r"(?m)^[ \t#*]*§[ \t]*\d+[^\n]*$")
_SENTENCE_RE = re.compile(r"[^.!?\n]*(?:[.!?]|\n|$)")
HEAD_CHARS = 600  # the title and header: a mention there is what the document is


def decide(text: str) -> tuple[int, int, dict]:
    """Give (start, end, value) of the decision for a whole text (see the module's docstring).

    >>> decide("Överenskommelse om idéburet offentligt partnerskap med Stadsmissionen")[2]["is"]
    True
    >>> decide("Beslut om bygglov för carport")[2]["kind"]
    'building'
    """
    folded = fold_text(text)
    for head in _PARAGRAPH_HEAD_RE.finditer(folded) if "§" in folded else ():
        mention = _IOP_RE.search(folded, head.start(), head.end())
        if mention:
            return mention.start(), mention.end(), {
                "is": True, "kind": "iop", "reason": "a § of the protocol decides an idéburet offentligt partnerskap"}
    kept, set_aside = [], []
    for m in _IOP_RE.finditer(folded):
        sentence = _sentence_around(folded, m.start(), m.end())
        (set_aside if _SET_ASIDE_RE.search(sentence) else kept).append(m)
    weight = sum(2 if _in_title(folded, m.start()) else 1 for m in kept)
    regimes = []
    for kind, label, pattern in _REGIMES:
        if not any(stem in folded for stem in _STEMS[kind]):
            continue  # (a plain substring test first: most documents speak no other regime at all)
        found = list(pattern.finditer(folded))
        if found:
            regimes.append((len(found), kind, label, found[0]))
    regimes.sort(key=lambda r: -r[0])
    other = regimes[0] if regimes else None
    if weight >= 2 and (other is None or weight * 3 >= other[0]):
        m = kept[0]
        return m.start(), m.end(), {"is": True, "kind": "iop", "reason": "names idéburet offentligt partnerskap"}
    if other:
        count, kind, label, m = other
        more = f" and {count - 1} more such word{'s' if count > 2 else ''}" if count > 1 else ""
        also = "; an IOP is named only in passing or set aside" if kept or set_aside else ""
        return m.start(), m.end(), {"is": False, "kind": kind, "reason": f"{label}: '{text[m.start():m.end()]}'{more}{also}"}
    if kept or set_aside:  # once in the body (`strategin nämner idéburet offentligt partnerskap som ett verktyg`)
        m = (kept or set_aside)[0]
        return m.start(), m.end(), {"is": None, "kind": None, "reason": "names an IOP only in passing"}
    return 0, 0, {"is": None, "kind": None, "reason": "names neither an IOP nor another regime"}


def first_paragraph(text: str) -> int:
    """Give where a protocol's first § item starts (its head ends there), or len(text)."""
    m = _PARAGRAPH_HEAD_RE.search(text)
    return m.start() if m else len(text)


def iop_sections(text: str) -> list[tuple[int, int]] | None:
    """Give (start, end) of the §§ about an IOP when a protocol has others too, else None.

    The protocol's facts are read from its head and those §§ only: the other items of the meeting
    (a budget, a building permit, their case numbers and sums) are not the partnership's.

    >>> t = "Protokoll\\n§ 76 Budget\\nDnr SON 2025-0088\\n§ 77 Idéburet offentligt partnerskap med Brovi\\nDnr SON 2024-1523\\n§ 78 Val"
    >>> [t[s:e].split("\\n")[0] for s, e in iop_sections(t)]
    ['§ 77 Idéburet offentligt partnerskap med Brovi']
    """
    folded = fold_text(text)
    heads = list(_PARAGRAPH_HEAD_RE.finditer(folded))
    if len(heads) < 2:
        return None
    bounds = [(h.start(), heads[i + 1].start() if i + 1 < len(heads) else len(text)) for i, h in enumerate(heads)]
    about = [(start, end) for (start, end), head in zip(bounds, heads) if _IOP_RE.search(folded, head.start(), head.end())]
    return about if about and len(about) < len(bounds) else None


def _in_title(folded: str, at: int) -> bool:
    """True for a mention in the head's short lines (a title, a subject line), not in its prose."""
    start = folded.rfind("\n", 0, at) + 1
    end = folded.find("\n", at)
    return at < HEAD_CHARS and (end if end >= 0 else len(folded)) - start <= 120


def _sentence_around(folded: str, start: int, end: int) -> str:
    left = max(folded.rfind(".", 0, start), folded.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (folded.find(".", end), folded.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(folded)
    return folded[left:right]


def extract(doc: Document) -> list[Fact]:
    """Give the one `iop` fact of the document."""
    start, end, value = decide(doc.text)
    return [doc.fact("iop", value, start, end)]
