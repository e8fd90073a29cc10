"""The HTML report of `iop report`: one self-contained file with a timeline of the partnerships, their
money, the deadlines of the next twelve months, and a section per partnership with the quoted
evidence of every fact. Pure: partnership dicts (record.md) in, an HTML string out.

For Swedish readers: labels in Swedish, ISO dates, amounts as `1 250 000 kr` with no-break spaces.
Self-contained: inline CSS and SVG (iopcli.charts), no script, no font or image to fetch, no URL,
so it opens from a USB stick and prints on A4. Every text from a document passes html.escape.

Money (record.md, amount roles): kommunens bidrag is the public_contribution; a partnership that
states none shows its total instead, marked. A yearly amount counts in each calendar year of the
agreed period in proportion to the months it covers there; a sum for the whole period is spread
over its months the same way (so the years add up to it exactly). Automatic renewals and options
are left out: they are money only if no one gives notice or the option is taken, and the timeline
shows them. An open-ended agreement counts up to the end of the report's window.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from html import escape
from itertools import groupby

from dateutil.relativedelta import relativedelta

from iopcli import charts
from iopcli.charts import Marker, Piece, Row, Segment
from iopcli.extractors.dates import period_end
from iopcli.partnership import annotate, as_date, check_partnership, deadlines, period_months, terms

STATUS = {"active": "aktiv", "expiring": "löper ut", "ended": "avslutad", "draft": "förslag"}
PLURAL = {"active": "aktiva", "ended": "avslutade"}
EVENT_KINDS = {"duty": "åtagande", "notice": "uppsägning", "option": "förlängningsbeslut", "recurring": "återkommande"}
DOC_TYPES = {"tjansteskrivelse": "tjänsteskrivelse", "overenskommelse": "överenskommelse",
             "protokoll": "protokoll", "other": "annat"}
ROLES = {"total": "totalt", "public_contribution": "kommunens bidrag", "civil_contribution": "civilsamhällets insats",
         "cost_to_date": "utbetalt hittills", "other": "övrigt"}
PER = {"year": "per år", "total": "för hela perioden"}
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
NAMED_COLOURS = 7     # the municipalities that pay most get colours m0..m6; the rest share m7
WINDOW_YEARS = 10     # the default window reaches at most this far from today
QUOTE_CHARS = 300     # longer evidence is cut (the file names the page to read on)
MONEY_NOTE = ("Belopp räknas för den avtalade perioden inom tidsfönstret, per kalenderår efter antal månader; "
              "automatiska förlängningar och optioner räknas inte.")
DEADLINES_NOTE = ("sista dagar för uppsägning, beslut om förlängning, rapporter och andra daterade åtaganden "
                  "(samma som <code>iop deadlines</code>).")
FOOTER = ("<footer>Skapad av iop (idéburet offentligt partnerskap) ur katalogens dokument. Citaten är "
          "dokumentens egen text, med fil och sida.</footer>")


def kr(sek: float | None) -> str:
    """Give an amount as Swedes write it, in whole kronor, with no-break spaces.

    >>> kr(1250000), kr(None)
    ('1\\xa0250\\xa0000\\xa0kr', '–')
    """
    return "–" if sek is None else f"{charts.grouped(round(sek))}\u00a0kr"


def sv_key(text: str | None) -> str:
    """Give a sort key that puts å, ä, ö after z, in that order, as Swedish does.

    >>> sorted(["Örebro", "Älvsbyn", "Åre", "Alingsås"], key=sv_key)
    ['Alingsås', 'Åre', 'Älvsbyn', 'Örebro']
    """
    return (text or "").casefold().translate(_SWEDISH_ORDER)


_SWEDISH_ORDER = str.maketrans({"å": "z~1", "ä": "z~2", "ö": "z~3"})


# --- what the report shows ----------------------------------------------------------------------

def span(partnership: dict) -> tuple[date | None, date | None]:
    """Give the first day and the latest possible last day (renewals, options) or None if open.

    >>> span({"period": {"start": "2025-04-01", "end": "2025-12-31",
    ...                  "extension": {"kind": "option", "step_months": 24}}})
    (datetime.date(2025, 4, 1), datetime.date(2027, 12, 31))
    >>> span({"period": {"start": "2025-01-01", "end": None}})
    (datetime.date(2025, 1, 1), None)
    """
    period = partnership.get("period") or {}
    end = as_date(period.get("end"))
    extension = period.get("extension") or {}
    if end and extension.get("kind") in ("automatic", "option"):
        if extension.get("max_end"):
            return as_date(period.get("start")), max(end, as_date(extension["max_end"]) or end)
        if extension.get("kind") == "automatic":
            return as_date(period.get("start")), None
        return as_date(period.get("start")), period_end(end + timedelta(days=1), int(extension.get("step_months") or 12))
    return as_date(period.get("start")), end


def window(partnerships: list[dict], today: date, first: date | None = None,
           last: date | None = None) -> tuple[date, date]:
    """Give the report's window: whole years from the earliest start to the latest end, and the year
    ahead of today, within ten years of today; `first` and `last` when given."""
    spans = [span(p) for p in partnerships]
    starts, ends = [s for s, _ in spans if s], [e for _, e in spans if e]
    low, high = today - relativedelta(years=WINDOW_YEARS), today + relativedelta(years=WINDOW_YEARS)
    default_first = date(max(min([*starts, today]), low).year, 1, 1)
    default_last = date(min(max([*ends, today + relativedelta(months=12)]), high).year, 12, 31)
    return first or default_first, last or default_last


def in_window(partnership: dict, first: date, last: date) -> bool:
    """True when the partnership may run some day from first to last (an undated one always)."""
    start, end = span(partnership)
    return (start is None or start <= last) and (end is None or end >= first)


def segments(partnership: dict, last: date) -> list[Segment]:
    """Give the timeline's stretches: the agreed term, automatic renewals, an option to extend."""
    period = partnership.get("period") or {}
    start, end = as_date(period.get("start")), as_date(period.get("end"))
    if start and end and end < start:
        return []  # dates that cannot both be right: drawn as unknown
    if end is None:
        if start is None:
            return []
        return [Segment(start, max(start, last), "open", f"Avtalad period {start} – tills vidare")]
    found = terms(period, until=last)
    first_start = found[0][0] or date.min
    stretches = [Segment(first_start, end, "term", f"Avtalad period {found[0][0] or 'okänd start'} – {end}")]
    stretches += [Segment(s, e, "renewal", f"Automatisk förlängning {s} – {e}") for s, e in found[1:]]
    _, latest = span(partnership)
    if (period.get("extension") or {}).get("kind") == "option" and latest and latest > end:
        stretches.append(Segment(end + timedelta(days=1), latest, "option",
                                 f"Möjlig förlängning (option) {end + timedelta(days=1)} – {latest}"))
    return stretches


def event_text(event: dict) -> str:
    """Give a deadline's text in Swedish: iop's own notice and option texts are said again in
    Swedish, a duty is quoted as its document has it.

    >>> event_text({"kind": "notice", "what": "Last day to give notice (uppsägning) before the end 2025-12-31"})
    'Sista dag att säga upp avtalet före slutet 2025-12-31'
    """
    day = re.search(r"\d{4}-\d{2}-\d{2}", event.get("what") or "")
    if event["kind"] == "notice" and day:
        before = "förlängningen efter" if "renewal" in event["what"] else "slutet"
        return f"Sista dag att säga upp avtalet före {before} {day[0]}"
    if event["kind"] == "option" and day:
        return f"Beslut om att använda möjligheten till förlängning efter {day[0]}"
    return event.get("what") or ""


def label(partnership: dict) -> str:
    """Give the civil parties' names (the first and how many more), else the partnership id."""
    names = [p["name"] for p in partnership.get("parties") or [] if p.get("sector") != "public" and p.get("name")]
    if not names:
        return partnership.get("id") or "?"
    return names[0] + (f" m.fl. ({len(names)})" if len(names) > 1 else "")


def timeline_row(partnership: dict, first: date, last: date, today: date) -> Row:
    """Give one partnership's timeline row: bars and its notice and option days in the window."""
    pid = partnership.get("id") or ""
    stretches = segments(partnership, last) or [Segment(first, last, "unknown", "Perioden är okänd")]
    events = deadlines([partnership], after=first, before=last + timedelta(days=1), today=today)
    markers = tuple(Marker(as_date(e["date"]), e["kind"], f"{e['date']}: {event_text(e)}")
                    for e in events if e["kind"] in ("notice", "option"))
    status = partnership.get("status") or "active"
    return Row(pid, label(partnership), f"#p-{pid}", status, STATUS.get(status, status), tuple(stretches), markers)


def amount_basis(amounts: list[dict], role: str) -> tuple[int, str] | None:
    """Give (kronor, per) of a role: the yearly amounts added up, else a sum for the whole period.

    >>> amount_basis([{"sek": 1000000, "per": "year", "role": "public_contribution"},
    ...               {"sek": 3000000, "per": "total", "role": "public_contribution"}], "public_contribution")
    (1000000, 'year')
    >>> amount_basis([{"sek": 900, "per": None, "role": "total"}], "total") is None
    True
    """
    for per in ("year", "total"):
        values = [a["sek"] for a in amounts or [] if a.get("role") == role and a.get("per") == per
                  and isinstance(a.get("sek"), (int, float))]
        if values:
            return int(sum(values)), per
    return None


def months_by_year(start: date, end: date) -> dict[int, int]:
    """Give the whole months a period covers in each calendar year.

    >>> months_by_year(date(2025, 4, 1), date(2027, 3, 31))
    {2025: 9, 2026: 12, 2027: 3}
    """
    return {year: period_months(max(start, date(year, 1, 1)), min(end, date(year, 12, 31)))
            for year in range(start.year, end.year + 1)}


def spread(sek: int, per: str, months: dict[int, int]) -> dict[int, int]:
    """Give an amount per calendar year: a yearly amount pro rata by months, a period sum over its
    months; rounded so that the years add up to the rounded whole.

    >>> spread(472200, "year", {2023: 12, 2024: 12, 2025: 12})
    {2023: 472200, 2024: 472200, 2025: 472200}
    >>> spread(100000, "year", {2025: 9, 2026: 12, 2027: 3})
    {2025: 75000, 2026: 100000, 2027: 25000}
    >>> spread(1000, "total", {2025: 5, 2026: 12, 2027: 7})
    {2025: 208, 2026: 500, 2027: 292}
    """
    whole = sum(months.values())
    if not whole:
        return {}
    found, counted, done = {}, 0, 0
    for year, covered in months.items():
        counted += covered
        upto = round(sek * counted / 12) if per == "year" else round(sek * counted / whole)
        found[year] = upto - done
        done = upto
    return found


def money(partnership: dict, first: date, last: date) -> dict:
    """Give a partnership's money per calendar year of the window: public (kommunens bidrag, with the
    role it came from) and civil; `placed` False when amounts exist but no period to place them in."""
    amounts = partnership.get("amounts") or []
    period = partnership.get("period") or {}
    start, end = as_date(period.get("start")), as_date(period.get("end")) or last
    role = next((r for r in ("public_contribution", "total") if amount_basis(amounts, r)), None)  # kommunens bidrag
    found = {"role": role, "public": {}, "civil": {}, "placed": True}
    if not start or end < start:
        found["placed"] = not (role or amount_basis(amounts, "civil_contribution"))
        return found
    months = months_by_year(start, end)
    for key, wanted in (("public", role), ("civil", "civil_contribution")):
        basis = amount_basis(amounts, wanted) if wanted else None
        if basis:
            found[key] = {y: v for y, v in spread(*basis, months).items() if first.year <= y <= last.year and v}
    return found


# --- the page -----------------------------------------------------------------------------------

def report_html(partnerships: list[dict], today: date, first: date | None = None, last: date | None = None,
                selection: str | None = None) -> str:
    """Give the whole report as one HTML page, as of `today`, for the window first..last.

    Partnerships that cannot run in the window are left out (the page says how many).
    """
    annotated = [annotate(p, today) for p in partnerships]
    first, last = window(annotated, today, first, last)
    shown = sorted((p for p in annotated if in_window(p, first, last)),
                   key=lambda p: (sv_key(p.get("municipality")), sv_key(p.get("authority")),
                                  (p.get("period") or {}).get("start") or "", p.get("id") or ""))
    left_out = len(annotated) - len(shown)
    horizon = today + relativedelta(months=12)
    ahead = deadlines(shown, after=today, before=horizon, today=today)
    monies = {p.get("id"): money(p, first, last) for p in shown}
    body = [charts.DEFS, _header(shown, today, first, last, selection, left_out),
            _timeline_section(shown, first, last, today),
            _money_section(shown, monies),
            _deadlines_section(ahead, today, horizon),
            '<section id="partnerskap"><h2>Partnerskapen</h2>',
            *(_partnership_section(p, monies[p.get("id")]) for p in shown), "</section>",
            FOOTER]
    title = f"IOP-rapport {today}" + (f" – {selection}" if selection else "")
    return (f'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}{charts.STYLE}</style></head><body>{''.join(body)}</body></html>\n")


def _header(shown: list[dict], today: date, first: date, last: date, selection: str | None, left_out: int) -> str:
    counts = defaultdict(int)
    for p in shown:
        counts[p.get("status")] += 1
    statuses = ", ".join(f"{counts[k]} {PLURAL.get(k, v) if counts[k] > 1 else v}" for k, v in STATUS.items() if counts[k])
    places = len({p.get("municipality") for p in shown})
    where = "1 kommun eller region" if places == 1 else f"{places} kommuner och regioner"
    facts = [f"Läge per {today}", f"{len(shown)} partnerskap i {where} ({statuses or 'inga'})",
             f"tidsfönster {first} – {last}"]
    if selection:
        facts.append(f"urval: {selection}")
    if left_out:
        facts.append(f"{left_out} partnerskap utanför tidsfönstret visas inte")
    nav = "".join(f'<a href="#{k}">{v}</a>' for k, v in (
        ("tidslinje", "Tidslinje"), ("pengar", "Pengar"), ("frister", "Kommande frister"), ("partnerskap", "Partnerskapen")))
    return (f"<header><h1>Idéburna offentliga partnerskap</h1><p class=\"lead\">{escape(' · '.join(facts))}</p>"
            f"<nav>{nav}</nav></header>")


def _timeline_section(shown: list[dict], first: date, last: date, today: date) -> str:
    legend = "".join(f"<li>{charts.swatch(css, shape)} {text}</li>" for css, shape, text in (
        ("seg term st-active", "rect", "aktiv"), ("seg term st-expiring", "rect", "löper ut (inom 6 mån.)"),
        ("seg term st-ended", "rect", "avslutad"), ("seg term st-draft", "rect", "förslag"),
        ("seg renewal", "rect", "automatisk förlängning"), ("seg option", "rect", "möjlig förlängning (option)"),
        ("", "notice", "sista dag för uppsägning"), ("", "option", "beslut om förlängning")))
    parts = ['<section id="tidslinje"><h2>Tidslinje</h2>',
             f'<ul class="legend">{legend}<li><span class="today-key"></span> idag {today}</li></ul>']
    for municipality, group in _grouped(shown, "municipality"):
        rows = [(authority or "Nämnd okänd", [timeline_row(p, first, last, today) for p in members])
                for authority, members in _grouped(group, "authority")]
        parts.append(f'<div class="municipality"><h3>{escape(municipality or "Kommun okänd")}</h3>'
                     f'{charts.timeline(rows, first, last, today, f"Tidslinje för {municipality}")}</div>')
    return "".join(parts) + "</section>"


def _grouped(partnerships: list[dict], key: str) -> list[tuple[str, list[dict]]]:
    """Give the runs of partnerships (sorted by key) that share the key's value."""
    return [(value, list(run)) for value, run in groupby(partnerships, key=lambda p: p.get(key) or "")]


def _money_section(shown: list[dict], monies: dict) -> str:
    paying = [p for p in shown if monies[p.get("id")]["public"] or monies[p.get("id")]["civil"]]
    if not paying:
        return '<section id="pengar"><h2>Pengar</h2><p>Inga belopp i rapportens urval.</p></section>'
    paid: dict[str, int] = defaultdict(int)
    for p in paying:
        paid[p.get("municipality") or ""] += sum(monies[p.get("id")]["public"].values())
    places = sorted(paid, key=lambda m: (-paid[m], sv_key(m)))
    rank = {m: number for number, m in enumerate(places)}
    colour = {m: f"m{min(number, NAMED_COLOURS)}" for m, number in rank.items()}
    paying = sorted(paying, key=lambda p: rank[p.get("municipality") or ""])
    public, civil = defaultdict(list), defaultdict(list)
    for p in paying:
        found, pid, place = monies[p.get("id")], p.get("id") or "", p.get("municipality") or ""
        who = f"{label(p)} ({place or 'kommun okänd'})"
        for year, value in found["public"].items():
            public[year].append(Piece(pid, value, colour[place], f"{year}: {who}: {kr(value)}"))
        for year, value in found["civil"].items():
            civil[year].append(Piece(pid, value, "civil", f"{year}: {who}, civilsamhällets insats: {kr(value)}"))
    years = list(range(min([*public, *civil]), max([*public, *civil]) + 1))
    chart = charts.stacked_bars(years, [public, civil], "Kommunens bidrag per år och kommun, och civilsamhällets insats")
    legend = "".join(f'<li>{charts.swatch(colour[m])} {escape(m or "Kommun okänd")}</li>' for m in places[:NAMED_COLOURS])
    if len(places) > NAMED_COLOURS:
        legend += f'<li>{charts.swatch(f"m{NAMED_COLOURS}")} övriga {len(places) - NAMED_COLOURS} kommuner och regioner</li>'
    legend += f'<li>{charts.swatch("civil")} civilsamhällets insats (där den anges)</li>'
    notes = [MONEY_NOTE]
    fallback = [p.get("id") for p in paying if monies[p.get("id")]["role"] == "total"]
    unplaced = [p.get("id") for p in shown if not monies[p.get("id")]["placed"]]
    if fallback:
        notes.append("Totalbelopp visas där kommunens bidrag inte anges för sig: " + ", ".join(fallback) + ".")
    if unplaced:
        notes.append("Belopp utan period, inte med i summorna: " + ", ".join(unplaced) + ".")
    return ('<section id="pengar"><h2>Pengar</h2><div class="money-grid"><figure>' + chart
            + f'<figcaption><ul class="legend">{legend}</ul></figcaption></figure>'
            + f'<div class="totals">{_totals_tables(paying, monies, years)}</div></div>'
            + "".join(f'<p class="note">{escape(n)}</p>' for n in notes) + "</section>")


def _totals_tables(paying: list[dict], monies: dict, years: list[int]) -> str:
    """Give the sums per municipality and per year; both end in the same grand totals."""
    by_place: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for p in paying:
        found, totals = monies[p.get("id")], by_place[p.get("municipality") or ""]
        totals[0] += sum(found["public"].values())
        totals[1] += sum(found["civil"].values())
        totals[2] += 1
        for number, key in enumerate(("public", "civil")):
            for year, value in found[key].items():
                by_year[year][number] += value
    grand = [sum(t[0] for t in by_place.values()), sum(t[1] for t in by_place.values())]
    head = '<th class="num">Kommunens bidrag</th><th class="num">Civilsamhällets insats</th>'
    places = "".join(f'<tr><th scope="row">{escape(m or "Kommun okänd")}</th><td class="num">{n}</td>'
                     f"{_kr_cell(public)}{_kr_cell(civil)}</tr>"
                     for m, (public, civil, n) in sorted(by_place.items(), key=lambda item: sv_key(item[0])))
    per_year = "".join(f'<tr><th scope="row">{y}</th>{_kr_cell(by_year[y][0])}{_kr_cell(by_year[y][1])}</tr>' for y in years)
    return (f'<table class="by-municipality"><caption>Summa per kommun</caption><thead><tr><th>Kommun</th>'
            f'<th class="num">Partnerskap</th>{head}</tr></thead><tbody>{places}</tbody>'
            f'<tfoot><tr class="total"><th scope="row">Summa</th><td class="num">{len(paying)}</td>'
            f"{_kr_cell(grand[0])}{_kr_cell(grand[1])}</tr></tfoot></table>"
            f'<table class="by-year"><caption>Summa per år</caption><thead><tr><th>År</th>{head}</tr></thead>'
            f'<tbody>{per_year}</tbody><tfoot><tr class="total"><th scope="row">Summa</th>'
            f"{_kr_cell(grand[0])}{_kr_cell(grand[1])}</tr></tfoot></table>")


def _kr_cell(sek: int) -> str:
    return f'<td class="num" data-sek="{sek}">{kr(sek)}</td>'


def _deadlines_section(events: list[dict], today: date, horizon: date) -> str:
    until = horizon - timedelta(days=1)
    parts = [f'<section id="frister"><h2>Kommande frister</h2><p class="note">Från {today} till {until}: {DEADLINES_NOTE}</p>']
    if not events:
        parts.append("<p>Inga frister de kommande tolv månaderna.</p>")
    by_month: dict[str, list[dict]] = {}
    for event in events:
        by_month.setdefault(event["date"][:7], []).append(event)
    for month, rows in by_month.items():
        year, number = month.split("-")
        cells = "".join(
            f'<tr{charts.attrs(data_id=e["partnership_id"], data_date=e["date"], data_kind=e["kind"])}>'
            f'<td class="date">{e["date"]}</td><td>{EVENT_KINDS.get(e["kind"], escape(e["kind"]))}</td>'
            f'<td class="what">{escape(event_text(e))}</td><td><a href="#p-{escape(e["partnership_id"])}">{escape(e["partnership_id"])}</a></td>'
            f'<td>{escape(e.get("municipality") or "")}</td></tr>' for e in rows)
        parts.append(f'<h3>{MONTHS[int(number) - 1]} {year}</h3><table class="deadlines"><thead><tr><th>Datum</th>'
                     f'<th>Typ</th><th>Vad</th><th>Partnerskap</th><th>Kommun</th></tr></thead><tbody>{cells}</tbody></table>')
    return "".join(parts) + "</section>"


# --- one partnership ----------------------------------------------------------------------------

def quote(evidence: dict | None) -> str:
    """Give the text a fact was read from, quoted, with its file and page.

    >>> quote({"source": "avtal.pdf", "page": 2, "text": "385 000  kr"})
    '<span class="ev"><q>385 000 kr</q> <cite>avtal.pdf, s. 2</cite></span>'
    """
    if not evidence or not evidence.get("text"):
        return ""
    text = charts.clip(" ".join(str(evidence["text"]).split()), QUOTE_CHARS)
    where = f"{evidence.get('source') or '?'}, s. {evidence.get('page') or '?'}"
    if evidence.get("note"):
        where += f" ({evidence['note']})"
    return f'<span class="ev"><q>{escape(text)}</q> <cite>{escape(where)}</cite></span>'


def _extension_text(extension: dict) -> str:
    kind = extension.get("kind")
    parts = [f"förlängs automatiskt {extension.get('step_months') or '?'} månader i taget" if kind == "automatic"
             else f"möjlighet till förlängning med {extension.get('step_months') or '?'} månader"]
    if extension.get("max_end"):
        parts.append(f"längst till {extension['max_end']}")
    notice_by = re.fullmatch(r"(\d\d)-(\d\d)", extension.get("notice_by") or "")
    if notice_by and 1 <= int(notice_by[1]) <= 12:
        parts.append(f"uppsägning senast {int(notice_by[2])} {MONTHS[int(notice_by[1]) - 1]} varje år")
    return ", ".join(parts)


def _facts(partnership: dict) -> str:
    period = partnership.get("period") or {}
    evidence = partnership.get("evidence") or {}
    renewal = partnership.get("renewal") or {}
    notice = (f"{period['notice_months']} månader" if period.get("notice_months")
              else f"{period['notice_weeks']} veckor" if period.get("notice_weeks") else "anges inte")
    period_text = f"{period.get('start') or 'okänd start'} – {period.get('end') or 'tills vidare'}"
    rows = [("Kommun", partnership.get("municipality") or "okänd", "municipality"),
            ("Nämnd", partnership.get("authority") or "okänd", "authority"),
            ("Diarienummer", ", ".join(partnership.get("case_numbers") or []) or "–", None),
            ("Period", period_text, "period.start"),
            ("Uppsägningstid", notice, "period.notice_months")]
    if evidence.get("period.end") and evidence.get("period.end") != evidence.get("period.start"):
        rows.insert(4, ("Slutdatum", period.get("end") or "tills vidare", "period.end"))
    if partnership.get("notice_deadline"):
        rows.append(("Sista dag för uppsägning", partnership["notice_deadline"], None))
    if period.get("extension"):
        rows.append(("Förlängning", _extension_text(period["extension"]), "period.extension"))
    if renewal.get("decision_due"):
        rows.append(("Beslut om förlängning senast", renewal["decision_due"], None))
    if partnership.get("predecessor"):
        rows.append(("Föregångare", partnership["predecessor"], None))
    return '<dl class="facts">' + "".join(
        f"<dt>{name}</dt><dd>{escape(str(value))}{' ' + quote(evidence.get(key)) if key else ''}</dd>"
        for name, value, key in rows) + "</dl>"


def _keep_groups(text: str) -> str:
    """Give text with no-break spaces inside numbers written in groups of three, as kr() writes them.

    >>> _keep_groups("350 000 vs 385 000 kr")
    '350\xa0000 vs 385\xa0000\xa0kr'
    """
    return re.sub(r"(?<=\d) (?=\d{3}\b|kr\b)", "\u00a0", text)


def _table(caption: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Give a small table; cells are HTML already (escaped by the caller)."""
    if not rows:
        return ""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _partnership_section(partnership: dict, found: dict) -> str:
    pid = partnership.get("id") or ""
    status = partnership.get("status") or "active"
    parties = [(escape(p.get("name") or "?"), "offentlig" if p.get("sector") == "public" else "idéburen",
                escape(p.get("org_number") or "–") + (" (kontrollsiffran stämmer inte)" if p.get("org_number_valid") is False else ""),
                escape(", ".join(p.get("aliases") or [])),
                quote(p.get("evidence")) or f'<cite>{escape(", ".join(p.get("sources") or []) or "–")}</cite>')
               for p in partnership.get("parties") or []]
    amounts = [(kr(a.get("sek")), PER.get(a.get("per"), "del av år" if a.get("per") is None else escape(str(a["per"]))),
                ROLES.get(a.get("role"), escape(str(a.get("role")))), quote(a.get("evidence")))
               for a in partnership.get("amounts") or []]
    duties = [(escape(d.get("date") or ""), escape(d.get("what") or ""), escape(d.get("party") or ""), quote(d.get("evidence")))
              for d in partnership.get("deadlines") or []]
    duties += [(f"{r.get('times_per_year') or '?'} gånger per år" + (f" ({escape(r['day'])})" if r.get("day") else ""),
                escape(r.get("what") or ""), escape(r.get("party") or ""), quote(r.get("evidence")))
               for r in partnership.get("recurring") or []]
    governing = partnership.get("governing")
    documents = [(str(n), escape(d.get("document_date") or "–"), DOC_TYPES.get(d.get("doc_type"), escape(str(d.get("doc_type")))),
                  escape(", ".join(d.get("case_numbers") or [])),
                  escape(d.get("source") or "") + (" <em>(styrande)</em>" if d.get("source") == governing else ""))
                 for n, d in enumerate(partnership.get("documents") or [], 1)]
    years = sorted(set(found["public"]) | set(found["civil"]))
    per_year = [(str(y), kr(found["public"].get(y)), kr(found["civil"].get(y))) for y in years]
    role_note = " (totalbelopp: kommunens bidrag anges inte för sig)" if found["role"] == "total" else ""
    warnings = list(dict.fromkeys([*(partnership.get("warnings") or []), *check_partnership(partnership)]))
    warning_list = ("<h4>Varningar (iop check)</h4><ul class=\"warnings\">"
                    + "".join(f"<li>{escape(_keep_groups(w))}</li>" for w in warnings) + "</ul>") if warnings else ""
    return (f'<article class="partnership" id="p-{escape(pid)}"><h3><span class="pid">{escape(pid)}</span> '
            f'<span class="badge st-{escape(status)}">{STATUS.get(status, escape(status))}</span></h3>'
            f"<p class=\"who\">{escape(label(partnership))}</p>{_facts(partnership)}"
            + _table("Parter", ("Namn", "Sektor", "Org.nr", "Även kallad", "Källa"), parties)
            + _table("Pengar", ("Belopp", "Per", "Roll", "Källa"), amounts)
            + _table(f"Pengar per år i rapporten{role_note}", ("År", "Kommunens bidrag", "Civilsamhällets insats"), per_year)
            + _table("Åtaganden", ("När", "Vad", "Vem", "Källa"), duties)
            + _table("Dokument", ("", "Datum", "Typ", "Diarienummer", "Fil"), documents)
            + warning_list + "</article>")


CSS = """
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:#111;
max-width:1100px;margin:0 auto;padding:16px 20px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid #333;margin:28px 0 8px}
h3{font-size:15px;margin:16px 0 4px}h4{font-size:13px;margin:10px 0 4px}
nav a{margin-right:14px}.lead{margin:0 0 6px}.note{color:#444;font-size:12px}
table{border-collapse:collapse;margin:6px 0 10px;font-size:12.5px}caption{text-align:left;font-weight:600;padding:2px 0}
th,td{border-bottom:1px solid #ccc;padding:3px 8px 3px 0;text-align:left;vertical-align:top}
.num{text-align:right;white-space:nowrap}td.date{white-space:nowrap}tr.total th,tr.total td{font-weight:700;border-top:2px solid #333}
.legend{list-style:none;padding:0;margin:4px 0 8px;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
.legend li{display:flex;align-items:center;gap:5px}
.today-key{display:inline-block;width:0;height:13px;border-left:2px dashed #c62828}
table.deadlines{width:100%;table-layout:fixed}.deadlines td{overflow-wrap:anywhere}.deadlines th:nth-child(1){width:6.5em}
.deadlines th:nth-child(2){width:9em}.deadlines th:nth-child(4){width:28%}.deadlines th:nth-child(5){width:15%}
.money-grid{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:flex-start}.money-grid figure{flex:1 1 440px;max-width:760px;margin:0}
.totals{flex:1 1 380px}.totals th{white-space:nowrap}
.partnership{border-top:1px solid #999;padding-top:4px;margin-top:14px}.pid{font-family:ui-monospace,monospace}
.badge{font-size:11px;font-weight:600;border:1px solid #333;border-radius:3px;padding:0 5px;color:#111;background:#fff}
.badge.st-active{background:#1b5e20;color:#fff}.badge.st-expiring{background:#f2a900}.badge.st-ended{background:#ddd}
.badge.st-draft{border-style:dashed}.who{margin:0;color:#333}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0;font-size:13px}.facts dt{font-weight:600}
.facts dd{margin:0}.ev{color:#333;font-size:12px;margin-left:6px}.ev q{font-style:italic}
.ev cite{font-style:normal;color:#555}.warnings li{color:#8a4b00}footer{margin-top:30px;font-size:11px;color:#555}
@page{size:A4;margin:14mm 12mm}
@media print{body{font-size:10pt;max-width:none;padding:0}nav{display:none}a{color:inherit;text-decoration:none}
#partnerskap{break-before:page}.municipality,.money-grid,table,dl{break-inside:avoid}h2,h3,h4,.note{break-after:avoid}}
"""
