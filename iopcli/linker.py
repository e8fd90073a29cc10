"""Group document records into partnerships (shared/spec/record.md). Pure: dicts in, dicts out.

A partnership is one agreement between a kommun/region (one nämnd) and civil-society parties over one
run of periods: the proposal (tjänsteskrivelse), the agreement (överenskommelse), protocols,
extensions and evaluations. Linking runs in two steps:

1. families (families.py): documents of the same municipality tied by a shared case number (diarienummer) or a
   shared civil-society party (org number, or a name with its aliases, tolerant of OCR and renaming),
   merged strongest tie first; a nämnd that differs, or org numbers that differ, keep families apart.
2. partnerships: within a family, documents whose periods overlap or follow on without a gap are one
   partnership (a revision or an extension); a later, separate period is a new partnership that names
   its predecessor. Documents without a start (an evaluation, an extension decision) join the
   partnership whose end, case number or running time they refer to.

Ids are `municipality-party-startyear` and depend only on the documents, never on their order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from iopcli import partnership as dates
from iopcli.extractors.casenumbers import case_key  # one key for every written form of a diarienummer
from iopcli.extractors.orgnumbers import luhn_ok
from iopcli.families import Doc, _doc, _is_civil, _places, families
from iopcli.names import (
    GENERIC_NAME_WORDS,
    NAME_STOP_WORDS,
    Org,
    authority_key,
    municipality_key,
    name_tokens,
    org_match,
    same_municipality,
    stem,
    token_match,
)
from iopcli.text import fold


# --- partnerships within a family -----------------------------------------------------------------

@dataclass
class _Run:
    docs: list[Doc]
    start: date | None
    end: date | None

    def cases(self) -> set[str]:
        return {c for d in self.docs for c in d.cases}

    def takes(self, doc: Doc) -> bool:
        """True when a document with a start revises or extends this run rather than starting anew."""
        if self.end is None or doc.start is None:
            return True
        if doc.start <= self.end:
            return not (doc.end and self.start and doc.end < self.start)
        if doc.start == self.end + timedelta(days=1):
            # Following on without a gap is an extension, unless it was decided after the old one ended.
            return not (doc.date and doc.date > self.end)
        return False


def split_runs(family: list[Doc]) -> list[_Run]:
    """Give the family's partnerships: runs of overlapping or following periods, oldest first."""
    anchored = sorted((d for d in family if d.start),
                      key=lambda d: (d.start, d.end or date.max, d.date or date.max, d.sort_key))
    runs: list[_Run] = []
    for doc in anchored:
        run = next((r for r in reversed(runs) if r.takes(doc)), None)
        if run is None:
            runs.append(_Run([doc], doc.start, doc.end))
        else:
            run.docs.append(doc)
            if run.end and doc.end:
                run.end = max(run.end, doc.end)
            elif doc.end is None and doc.doc_type == "overenskommelse":
                run.end = None  # an agreement without an end runs until notice is given
    loose = sorted((d for d in family if not d.start), key=lambda d: d.chronology())
    if not runs:
        return [_Run(loose, None, None)] if loose else []
    for doc in loose:
        _place(doc, runs).docs.append(doc)
    return runs


def _place(doc: Doc, runs: list[_Run]) -> _Run:
    """Give the run a document without a start refers to: case number, end, or when it was written."""
    by_case = [r for r in runs if doc.cases & r.cases()]
    if by_case:
        return by_case[-1]
    if doc.end:
        same_end = [r for r in runs if r.end == doc.end or any(d.end == doc.end for d in r.docs)]
        if same_end:
            return same_end[-1]
        containing = [r for r in runs if (r.start is None or r.start <= doc.end) and (r.end is None or doc.end <= r.end)]
        if containing:
            return containing[-1]
    if doc.date:
        running = [r for r in runs if (r.start is None or r.start <= doc.date) and (r.end is None or doc.date <= r.end)]
        if running:
            return running[-1]
        started = [r for r in runs if r.start and r.start <= doc.date]
        if started:
            return started[-1]
        return runs[0]
    if doc.end:
        ended_before = [r for r in runs if r.end and r.end <= doc.end]
        if ended_before:
            return ended_before[-1]
    return runs[-1]


# --- the partnership record -----------------------------------------------------------------------

def governing_document(docs: list[Doc]) -> tuple[Doc, Doc]:
    """Give (governing, base): the base agreement, and the later decision changing it (or the base)."""
    agreements = [d for d in docs if d.doc_type == "overenskommelse"]
    if agreements:
        # The latest agreement; of one day's (the text and its scanned signature page) the fullest.
        base = max(agreements, key=lambda d: (d.time, _completeness(d), not d.record.get("ocr"), d.sort_key))
    else:
        base = max(docs, key=lambda d: (bool(d.start), bool(d.end), _completeness(d),
                                        d.doc_type == "protokoll", d.time, d.sort_key))
    changes = [d for d in docs if d is not base and _changes(d, base)]
    latest = max(changes, key=lambda d: (d.time, _completeness(d), not d.record.get("ocr"), d.sort_key)) if changes else base
    return latest, base


def _completeness(doc: Doc) -> int:
    """Give how many of the terms a document states: period, notice, money, duties."""
    period = doc.record.get("period") or {}
    return (bool(doc.start) + bool(doc.end) + bool(period.get("notice_months") or period.get("notice_weeks"))
            + bool(_terms_amounts(doc.record)) + bool(doc.record.get("deadlines")) + bool(doc.record.get("recurring")))


def _terms_amounts(record: dict) -> list[dict]:
    """Give the amounts that are terms of the agreement: totals and contributions, not costs so far."""
    return [a for a in record.get("amounts") or [] if isinstance(a, dict) and a.get("role") in _COMPARED_ROLES]


def _changes(doc: Doc, base: Doc) -> bool:
    """True when a later document changes the base's terms: a later end, or (decided) other terms."""
    if not doc.date or (base.date and doc.date <= base.date) or (not base.date and base.start and doc.date < base.start):
        return False
    if doc.end and base.end and doc.end > base.end:
        return True
    if doc.doc_type in ("protokoll", "overenskommelse"):
        return bool(_period_differences(doc.record, base.record) or _amount_differences(doc.record, base.record))
    return False


def _period_differences(a: dict, b: dict) -> list[str]:
    pa, pb = a.get("period") or {}, b.get("period") or {}
    found = []
    for key, label in (("start", "period start"), ("end", "period end"), ("notice_months", "notice period (months)")):
        if pa.get(key) is not None and pb.get(key) is not None and pa[key] != pb[key]:
            found.append(f"{label}: {pa[key]} vs {pb[key]}")
    return found


_COMPARED_ROLES = ("total", "public_contribution", "civil_contribution")


def _amount_differences(a: dict, b: dict) -> list[str]:
    def table(record: dict) -> dict:
        found: dict = {}
        for amount in record.get("amounts") or []:
            if amount.get("role") in _COMPARED_ROLES:
                found.setdefault((amount["role"], amount.get("per")), set()).add(amount.get("sek"))
        return found

    ta, tb = table(a), table(b)
    found = []
    for key in sorted(set(ta) & set(tb), key=str):
        if ta[key] != tb[key]:
            role, per = key
            found.append(f"{role.replace('_', ' ')}{f' per {per}' if per else ''}: "
                         f"{_kr_list(ta[key])} vs {_kr_list(tb[key])} kr")
    return found


def _kr_list(values: set) -> str:
    return " / ".join(f"{v:,}".replace(",", " ") for v in sorted(v for v in values if v is not None))


def _disagreements(docs: list[Doc], governing: Doc, base: Doc) -> list[str]:
    """Give a warning for each document that disagrees with the governing one on period or amounts.

    When a later decision changed the agreement, what was written before it is superseded, not wrong.
    """
    changed_on = governing.date if governing is not base else None
    disagreeing: dict[str, list[str]] = {}  # one warning per difference, naming every document with it
    for doc in sorted(docs, key=lambda d: d.chronology()):
        if doc is governing or (changed_on and (not doc.date or doc.date < changed_on)):
            continue
        if doc.end and governing.start and doc.end < governing.start:
            continue  # an earlier term of a renewed agreement
        for difference in _period_differences(doc.record, governing.record) + _amount_differences(doc.record, governing.record):
            disagreeing.setdefault(difference, []).append(doc.source)
    return [f"{', '.join(sources)} and {governing.source} disagree on {difference}"
            for difference, sources in disagreeing.items()]


def _merge_parties(docs: list[Doc], governing: Doc) -> list[dict]:
    """Give the union of the documents' parties: one entry per organisation, best spelling as name.

    Mentions in different documents are merged strongest tie first; two parties of one document
    are never one, nor are two org numbers.
    """
    ordered = [governing] + sorted((d for d in docs if d is not governing),
                                   key=lambda d: (bool(d.record.get("ocr")), _neg(d.time), d.sort_key))
    mentions = []  # (doc position, doc, party, sector, Org)
    for position, doc in enumerate(ordered):
        for party, org in doc.parties:
            if not party.get("name"):
                continue
            sector = party.get("sector") or ("civil" if _is_civil(party, doc.municipality) else "public")
            mentions.append((position, doc, party, sector, org))
    places = _places(*docs)
    pairs = []
    for i, (pos_a, doc_a, party_a, sector_a, org_a) in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            pos_b, _, party_b, sector_b, org_b = mentions[j]
            if sector_a != sector_b:
                continue
            if pos_a == pos_b:
                # One document naming one organisation twice (`Stockholm-Gotland`, `Brottsofferjouren
                # Stockholm-Gotland`) is an extraction slip; otherwise two parties of a document are two.
                if sector_a == "civil" and duplicate_mention(org_a, org_b, places):
                    pairs.append((-60, i, j))
                continue
            if sector_a == "public":
                same_number = org_a.org_number and org_a.org_number == org_b.org_number
                score = 50 if same_number else 40 if same_municipality(
                    municipality_key(party_a["name"]), municipality_key(party_b["name"])) else 0
            else:
                score = org_match(org_a, org_b, places)
            if score:
                pairs.append((-score, i, j))
    group = list(range(len(mentions)))
    members = {i: {i} for i in range(len(mentions))}

    def find(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for _, i, j in sorted(pairs):
        a, b = find(i), find(j)
        if a == b:
            continue
        positions_a = {mentions[k][0] for k in members[a]}
        positions_b = {mentions[k][0] for k in members[b]}
        numbers_a = {mentions[k][4].org_number for k in members[a]} - {None}
        numbers_b = {mentions[k][4].org_number for k in members[b]} - {None}
        same_document = mentions[i][0] == mentions[j][0]
        if (positions_a & positions_b and not same_document) or (numbers_a and numbers_b and numbers_a != numbers_b):
            continue
        a, b = min(a, b), max(a, b)
        group[b] = a
        members[a] |= members.pop(b)
    parties = []
    for root in sorted(members):  # the order mentions come in: the governing document's first
        entry = {"sector": mentions[root][3], "names": [], "numbers": [], "sources": []}
        for k in sorted(members[root]):
            _, doc, party, _, _ = mentions[k]
            ocr = bool(doc.record.get("ocr"))
            for name in (party.get("name"), *(party.get("aliases") or [])):
                if name:
                    entry["names"].append((name, ocr, doc is governing, doc.source))
            if party.get("org_number"):
                entry["numbers"].append((party["org_number"], party.get("org_number_valid")))
            if doc.source not in entry["sources"]:
                entry["sources"].append(doc.source)
        parties.append(_party_record(entry, places))
    return parties


_NEG_DIGITS = str.maketrans("0123456789", "9876543210")


def _neg(iso_day: str) -> str:
    """Turn an ISO date into a key that sorts the latest first."""
    return iso_day.translate(_NEG_DIGITS)


def _party_record(entry: dict, places: frozenset[str] = frozenset()) -> dict:
    """Give one party: the best-spelled name, the other names as aliases, the org number.

    Best spelled: not just a place, from a text not read by OCR, named by the most documents, then
    as the governing document writes it.
    """
    names = entry["names"]  # (name, ocr, from governing, source), in mention order
    documents: dict[str, set[str]] = {}
    for name, _, _, source in names:
        documents.setdefault(fold(name), set()).add(source)
    clean = {name for name, ocr, _, _ in names if not ocr}
    governing = {name for name, _, gov, _ in names if gov}
    order = {name: n for n, (name, *_) in reversed(list(enumerate(names)))}

    def rank(name: str) -> tuple:
        return (_uninformative(name, places), name not in clean, -len(documents[fold(name)]),
                name not in governing, order[name])

    main = min(order, key=rank)
    kept, kept_folded = [main], {fold(main)}
    for name, ocr, _, _ in names:
        if fold(name) in kept_folded:
            continue
        if ocr and any(_ocr_variant(name, c) for c in clean):
            continue  # OCR damage of a name a clean text spells right
        if _uninformative(name, places) and name_tokens(name):
            continue  # `Idéburen` read as a name
        kept.append(name)
        kept_folded.add(fold(name))
    # A name that is another one with words run on (`… Linköping Förslag`) is an extraction slip.
    aliases = [n for n in kept[1:] if not any(_runs_on(n, other, places) for other in kept if other != n)]
    numbers = [n for n, valid in entry["numbers"] if valid is not False] or [n for n, _ in entry["numbers"]]
    number = numbers[0] if numbers else None
    valid = next((v for n, v in entry["numbers"] if n == number), None)
    return {"name": main, "sector": entry["sector"], "org_number": number, "aliases": aliases,
            "org_number_valid": valid if valid is not None else (luhn_ok(number) if number else None),
            "sources": entry["sources"]}


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_NAME_WORDS)


def _uninformative(name: str, places: frozenset[str]) -> bool:
    """True when a name holds nothing but a place and words like `idéburen` or `part`.

    >>> _uninformative("Idéburen", frozenset()), _uninformative("Stockholm", frozenset({"stockholm"}))
    (True, True)
    >>> _uninformative("Brovi", frozenset()), _uninformative("Stadsmissionen", frozenset({"linkoping"}))
    (False, False)
    """
    return not set(name_tokens(name)) - places - _GENERIC_STEMS


def _runs_on(name: str, shorter: str, places: frozenset[str] = frozenset()) -> bool:
    """True when a name is a shorter name with words run on after it that are not a place.

    >>> _runs_on("Brovi Linköping Förslag", "Brovi Linköping"), _runs_on("Brovi Linköping", "Brovi", frozenset({"linkoping"}))
    (True, False)
    >>> _runs_on("Brottsofferjouren Södra Stockholm", "Brottsofferjouren Stockholm")
    False
    """
    long_tokens, short_tokens = name_tokens(name), name_tokens(shorter)
    if not short_tokens or len(long_tokens) <= len(short_tokens) or long_tokens[:len(short_tokens)] != short_tokens:
        return False
    return any(not any(token_match(extra, p) for p in places) for extra in long_tokens[len(short_tokens):])


def duplicate_mention(a: Org, b: Org, places: frozenset[str] = frozenset()) -> bool:
    """True when two parties one document lists are one organisation: the same name, or one name
    with words run on before or after it (`Stockholm-Gotland` / `Brottsofferjouren Stockholm-Gotland`).

    >>> duplicate_mention(Org.of({"name": "Stockholm-Gotland"}), Org.of({"name": "Brottsofferjouren Stockholm-Gotland"}), frozenset({"stockholm"}))
    True
    >>> duplicate_mention(Org.of({"name": "Stockholm"}), Org.of({"name": "Brottsofferjouren Södra Stockholm"}), frozenset({"stockholm"}))
    False
    >>> duplicate_mention(Org.of({"name": "Brottsofferjouren Stockholm"}), Org.of({"name": "Brottsofferjouren Södra Stockholm"}))
    False
    """
    if a.org_number and b.org_number:
        return a.org_number == b.org_number
    for x in a.names:
        for y in b.names:
            short, long = sorted((x, y), key=len)
            if not short or not set(short) - places:
                continue
            if long[:len(short)] == short or long[-len(short):] == short:
                return True
    return False


def _ocr_variant(name: str, clean: str) -> bool:
    """True when a name read by OCR is a clean name with a few letters wrong."""
    a, b = name_tokens(name), name_tokens(clean)
    return len(a) == len(b) and all(token_match(x, y) for x, y in zip(a, b)) and a != b or fold(name) == fold(clean)


def slug(text: str) -> str:
    """Give a readable ASCII id part.

    >>> slug("Brottsofferjouren"), slug("region-östergötland"), slug("Röda Korset")
    ('brottsofferjouren', 'region-ostergotland', 'roda-korset')
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def party_slug(name: str, places: frozenset[str]) -> str:
    """Give the id part for a civil party: its first word that is not a place or a legal form.

    >>> party_slug("Brottsofferjouren i Linköping", frozenset({"linkoping"}))
    'brottsofferjouren'
    >>> party_slug("Linköpings Stadsmission", frozenset({"linkoping"})), party_slug("Röda Korset", frozenset())
    ('stadsmission', 'roda-korset')
    """
    words = [w for w in re.findall(r"[a-z0-9]+", fold(re.sub(r"\([^)]*\)", " ", name))) if w not in NAME_STOP_WORDS]
    words = [w for w in words if not any(token_match(w.rstrip("s"), p) or w == p for p in places)] or words
    if not words:
        return "iop"
    return words[0] if len(words[0]) >= 5 or len(words) == 1 else f"{words[0]}-{words[1]}"


def _fill_period(governing: Doc, others: list[Doc]) -> tuple[dict, dict]:
    """Give the governing period with missing fields filled from the other documents, newest first."""
    period = dict(governing.record.get("period") or {})
    sources = {key: governing.source for key, value in period.items() if value is not None}
    for doc in others:
        for key, value in (doc.record.get("period") or {}).items():
            if period.get(key) is None and value is not None:
                period[key] = value
                sources[key] = doc.source
    for key in ("start", "end", "notice_months", "extension"):
        period.setdefault(key, None)
    return period, sources


def _evidence(doc_by_source: dict[str, Doc], sources: dict[str, str], field_map: dict[str, str]) -> dict:
    found = {}
    for field_name, record_key in field_map.items():
        source = sources.get(field_name)
        doc = doc_by_source.get(source) if source else None
        found_ev = ((doc.record.get("evidence") or {}).get(record_key) if doc else None)
        if isinstance(found_ev, dict):
            found[field_name] = {**found_ev, "source": source}
        elif source:
            found[field_name] = {"source": source}
    return found


def _with_source(items: list[dict], source: str) -> list[dict]:
    return [{**item, "source": item.get("source") or source} for item in items]


def build(run: _Run, family_places: frozenset[str]) -> dict:
    """Give the partnership record (without id, predecessor, status) of one run of documents."""
    docs = sorted(run.docs, key=lambda d: d.chronology())
    governing, base = governing_document(docs)
    others = sorted((d for d in docs if d is not governing), key=lambda d: (_neg(d.time), d.sort_key))
    period, period_sources = _fill_period(governing, others)
    record: dict = {"id": None}
    sources: dict[str, str] = {}
    for key in ("municipality", "authority"):
        holder = next((d for d in [governing, *sorted(others, key=lambda d: bool(d.record.get("ocr")))]
                       if d.record.get(key)), None)
        record[key] = holder.record.get(key) if holder else None
        if holder:
            sources[key] = holder.source
    record["parties"] = _merge_parties(docs, governing)
    record["period"] = period
    record["notice_deadline"] = None
    record["status"] = None
    seen_cases, cases = set(), []
    for doc in docs:
        for case in doc.record.get("case_numbers") or []:
            if case_key(case) not in seen_cases:
                seen_cases.add(case_key(case))
                cases.append(case)
    record["case_numbers"] = cases
    for key in ("amounts", "deadlines", "recurring"):
        # Amounts come from a document that states the agreement's money, before one with costs so far.
        candidates = [governing, *others]
        if key == "amounts":
            candidates = [d for d in candidates if _terms_amounts(d.record)] + candidates
        holder = next((d for d in candidates if d.record.get(key)), None)
        record[key] = _with_source(holder.record.get(key) or [], holder.source) if holder else []
        if holder:
            sources[key] = holder.source
    record["documents"] = [
        {"source": d.source, "doc_type": d.doc_type, "document_date": d.record.get("document_date"),
         "case_numbers": list(d.record.get("case_numbers") or []), "sha256": d.record.get("sha256"),
         "path": d.record.get("path"), "governing": d is governing}
        for d in docs
    ]
    record["governing"] = governing.source
    record["predecessor"] = None
    doc_by_source = {d.source: d for d in docs}
    sources.update({f"period.{k}": v for k, v in period_sources.items()})
    record["evidence"] = _evidence(doc_by_source, sources, {
        "municipality": "municipality", "authority": "authority", "period.start": "period", "period.end": "period",
        "period.notice_months": "notice", "period.extension": "extension"})
    record["sources"] = sources
    warnings = _disagreements(docs, governing, base)
    for doc in docs:
        warning = dates.stated_duration_warning(doc.record.get("period") or {}, doc.source)
        if warning:
            warnings.append(warning)
        warnings.extend(dates.contribution_warnings(doc.record.get("amounts") or [], doc.source))
        warnings.extend(dates.scan_warnings(doc.record))
    record["warnings"] = warnings
    record["_start_year"] = _start_year(docs)
    record["_places"] = family_places
    return record


def _start_year(docs: list[Doc]) -> str:
    starts = [d.start for d in docs if d.start]
    if starts:
        return str(min(starts).year)
    dated = [d.date for d in docs if d.date] or [d.end for d in docs if d.end]
    return str(min(dated).year) if dated else "undated"


def _base_id(record: dict) -> str:
    municipality = municipality_key(record.get("municipality")) or "okand"
    civil = next((p for p in record["parties"] if p["sector"] == "civil"), None)
    party = party_slug(civil["name"], record["_places"]) if civil else slug(record.get("authority") or "") or "iop"
    return f"{slug(municipality)}-{party}-{record['_start_year']}"


def not_excluded(record: dict) -> bool:
    """True unless the record says the document is not about an IOP."""
    return (record.get("iop") or {}).get("is") is not False


def _is_iop(record: dict) -> bool:
    """True when the record shows the document is about an IOP (a record from before `iop` was read counts)."""
    return "iop" not in record or record["iop"].get("is") is True


def link(records: list[dict], today: date | None = None) -> list[dict]:
    """Give the partnerships the document records form (record.md), sorted by id.

    Each partnership also has predecessor (an id or None), governing (the source of the document its
    terms come from), evidence and sources per field, and warnings from partnership.check_partnership
    and from documents that disagree. With `today`, status and the notice deadline of the current term.
    """
    # A document that is not about an IOP (a building permit, a procurement, a grant) stays catalogued
    # but forms no partnership; one that may be (`is` None) is kept.
    kept = [r for r in records if isinstance(r, dict) and not_excluded(r)]
    docs = [_doc(r, i) for i, r in enumerate(kept)]
    built: list[tuple[dict, list[dict]]] = []
    for family in families(docs):
        if not any(_is_iop(kept[d.index]) for d in family):
            continue  # no document of it is shown to be about an IOP (a remissvar, a delegationsbeslut)
        places = _places(*family)
        run_records = [build(run, places) for run in split_runs(family)]
        built.append((run_records[0], run_records))
    all_records = [r for _, runs in built for r in runs]
    _attach_related(all_records, [r for r in records if isinstance(r, dict) and not not_excluded(r)])
    _assign_ids(all_records)
    for _, runs in built:
        for previous, current in zip(runs, runs[1:]):
            current["predecessor"] = previous["id"]
    result = []
    for record in all_records:
        record.pop("_start_year", None)
        record.pop("_places", None)
        annotated = dates.annotate(record, today)
        warnings = list(record["warnings"])
        warnings += [w for w in dates.check_partnership(annotated) if w not in warnings]
        annotated["warnings"] = warnings
        result.append(annotated)
    return sorted(result, key=lambda p: p["id"])


def _attach_related(partnerships: list[dict], excluded: list[dict]) -> None:
    """List a document that is not an IOP (a grant, a procurement) under the partnership whose case
    number it names, as related: it shows where the agreement went, and lends none of its terms.

    Only a partnership of the document's own municipality, when the document names one: kommuner
    number their cases alike (`ÄN 2025-82` in Göteborg and in Uppsala are two cases)."""
    by_case: dict[str, list[dict]] = {}
    for partnership in partnerships:
        for d in partnership["documents"]:
            for case in d["case_numbers"]:
                owners = by_case.setdefault(case_key(case), [])
                if partnership not in owners:
                    owners.append(partnership)
    for record in excluded:
        place = municipality_key(record.get("municipality"))
        named = {case_key(c) for c in record.get("case_numbers") or [] if c}
        partnership = next((p for c in sorted(named) for p in by_case.get(c, ())
                            if same_municipality(place, municipality_key(p.get("municipality")))), None)
        if partnership:
            partnership["documents"].append({
                "source": record.get("source"), "doc_type": record.get("doc_type"),
                "document_date": record.get("document_date"), "case_numbers": list(record.get("case_numbers") or []),
                "sha256": record.get("sha256"), "path": record.get("path"), "governing": False,
                "related": (record.get("iop") or {}).get("reason") or "not an IOP"})


def _assign_ids(records: list[dict]) -> None:
    """Give each partnership its readable id; collisions get -2, -3 in an order the documents fix."""
    by_id: dict[str, list[dict]] = {}
    for record in records:
        by_id.setdefault(_base_id(record), []).append(record)
    for base, group in by_id.items():
        group.sort(key=lambda r: (authority_key(r.get("authority")), sorted(d["source"] for d in r["documents"])))
        for n, record in enumerate(group, 1):
            record["id"] = base if n == 1 else f"{base}-{n}"
