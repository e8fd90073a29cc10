"""`iop report`: the HTML parsed back with the stdlib, checked against the catalogue it came from.

The samples' report (as of 2025-06-01) must have a bar and a section for every partnership, a row for
every deadline of the next 12 months, money totals that add up to the amounts in the catalogue,
Swedish amounts, quoted evidence with file and page, and nothing to fetch. Made-up partnerships
check the money rules, the timeline's stretches, escaping and the size of a large report.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from typer.testing import CliRunner

from iopcli import charts
from iopcli.catalogue import Catalogue
from iopcli.cli import app
from iopcli.partnership import annotate, check_partnership, deadlines, period_months
from iopcli.report import money, report_html, segments, timeline_row

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2025, 6, 1)
SWEDISH_KRONOR = re.compile(r"^\d{1,3}(\u00a0\d{3})*\u00a0kr$")


# --- a small DOM from html.parser ---------------------------------------------------------------

class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, css: str | None = None, **attrs) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and (css is None or css in (n.attrs.get("class") or "").split())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, *args, **kwargs) -> Node:
        found = self.find_all(*args, **kwargs)
        assert found, (args, kwargs)
        return found[0]

    def inside(self, tag: str) -> bool:
        node = self.parent
        while node is not None:
            if node.tag == tag:
                return True
            node = node.parent
        return False


class Page(HTMLParser):
    """Parse a page into Nodes; void elements and `<x/>` close themselves."""
    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {}, None)
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"</{tag}> closes nothing"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def texts_outside(node: Node, skip: tuple[str, ...]) -> list[str]:
    """Give the text pieces of a node that are not inside one of the `skip` tags."""
    found = []
    for child in node.children:
        if isinstance(child, str):
            found.append(child)
        elif child.tag not in skip:
            found += texts_outside(child, skip)
    return found


def sek(cell: Node) -> int:
    return int(cell.attrs["data-sek"])


# --- the samples' report ------------------------------------------------------------------------

def iop(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iopcli", *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The samples ingested once, their report as of TODAY, and the catalogue's partnerships."""
    work = tmp_path_factory.mktemp("report")
    db = work / "iop.db"
    ingested = iop("ingest", str(ROOT / "samples"), "--quiet", "--db", str(db), cwd=work)
    assert ingested.returncode == 0, ingested.stderr
    written = iop("report", "--db", str(db), "-o", "rapport.html", "--today", TODAY.isoformat(), cwd=work)
    assert written.returncode == 0, written.stderr
    assert "Wrote a report of 4 partnerships to rapport.html" in written.stderr
    with Catalogue(db, create=False) as catalogue:
        partnerships = [annotate(p, TODAY) for p in catalogue.partnerships()]
    html = (work / "rapport.html").read_text(encoding="utf-8")
    return {"html": html, "page": Page(html).root, "partnerships": partnerships, "db": db, "work": work}


def test_every_partnership_has_a_bar_and_a_section(samples):
    page, partnerships = samples["page"], samples["partnerships"]
    assert len(partnerships) == 4
    bars = page.find("section", id="tidslinje").find_all("g", css="bar")
    assert sorted(b.attrs["data-id"] for b in bars) == sorted(p["id"] for p in partnerships)
    for partnership in partnerships:
        bar = page.find("g", css="bar", data_id=partnership["id"])
        assert bar.find_all("rect", css="seg"), partnership["id"]
        assert bar.find("a").attrs["href"] == f"#p-{partnership['id']}"
        assert page.find("article", id=f"p-{partnership['id']}")
        status = {"active": "aktiv", "expiring": "löper ut", "ended": "avslutad", "draft": "förslag"}[partnership["status"]]
        assert bar.find("text", css="status").text() == status  # status reads in black and white too


def test_timeline_draws_renewals_options_and_notice_days(samples):
    page = samples["page"]
    stockholm = page.find("g", css="bar", data_id="stockholm-brottsofferjouren-2025")
    assert len(stockholm.find_all("rect", css="renewal")) == 2  # 2026 and 2027, up to max_end
    assert [m.attrs["data-date"] for m in stockholm.find_all("path", css="mk-notice")] == ["2025-09-30", "2026-09-30"]
    kvinnojouren = page.find("g", css="bar", data_id="linkoping-kvinnojouren-2025")
    assert kvinnojouren.find("rect", css="option")
    assert [m.attrs["data-date"] for m in kvinnojouren.find_all("path", css="mk-option")] == ["2030-12-31"]
    assert len(page.find_all("line", css="today")) == 3  # one per municipality's chart


def test_every_deadline_in_the_next_12_months_has_a_row(samples):
    expected = deadlines(samples["partnerships"], after=TODAY, before=TODAY + relativedelta(months=12), today=TODAY)
    assert expected, "the samples have deadlines in that window"
    rows = samples["page"].find("section", id="frister").find_all("tr")
    found = [(r.attrs["data-id"], r.attrs["data-date"], r.attrs["data-kind"]) for r in rows if "data-id" in r.attrs]
    assert found == [(e["partnership_id"], e["date"], e["kind"]) for e in expected]
    months = [h.text() for h in samples["page"].find("section", id="frister").find_all("h3")]
    assert months == ["juni 2025", "september 2025", "mars 2026"]


def test_money_totals_add_up_to_the_catalogue(samples):
    page = samples["page"].find("section", id="pengar")
    # From the catalogue: each yearly public contribution over the months of its agreed period.
    public = civil = 0
    for partnership in samples["partnerships"]:
        period = partnership["period"]
        months = period_months(date.fromisoformat(period["start"]), date.fromisoformat(period["end"]))
        for amount in partnership["amounts"]:
            if amount["per"] == "year" and amount["role"] == "public_contribution":
                public += amount["sek"] * months // 12
            if amount["per"] == "year" and amount["role"] == "civil_contribution":
                civil += amount["sek"] * months // 12
    assert (public, civil) == (472_200 * 3 + 385_000 * 3, 341_314 * 3)
    for table in ("by-municipality", "by-year"):
        body, foot = page.find("table", css=table).find("tbody"), page.find("table", css=table).find("tfoot")
        total_public, total_civil = [sek(c) for c in foot.find_all("td") if "data-sek" in c.attrs]
        assert (total_public, total_civil) == (public, civil)
        rows = [[sek(c) for c in row.find_all("td") if "data-sek" in c.attrs] for row in body.find_all("tr")]
        assert sum(r[0] for r in rows) == public and sum(r[1] for r in rows) == civil
    pieces = page.find("svg", css="money").find_all("rect")
    assert sum(int(r.attrs["data-sek"]) for r in pieces if "civil" not in r.attrs["class"]) == public
    assert sum(int(r.attrs["data-sek"]) for r in page.find("svg", css="money").find_all("rect", css="civil")) == civil
    assert page.find("tfoot").find_all("td")[1].text() == "2\u00a0571\u00a0600\u00a0kr"


def test_amounts_are_written_the_swedish_way(samples):
    page = samples["page"]
    cells = page.find_all("td", css="num")
    assert all(SWEDISH_KRONOR.match(c.text()) for c in cells if "data-sek" in c.attrs)
    # Outside the quotes (the documents' own text), every amount is `1 250 000 kr` with no-break spaces.
    for piece in texts_outside(page, skip=("q", "cite", "style")):
        for amount in re.findall(r"\d[\d ,.\u00a0]*\d\s?kr\b|\d\s?kr\b", piece):
            assert SWEDISH_KRONOR.match(amount), amount


def test_evidence_is_quoted_with_file_and_page(samples):
    page = samples["page"]
    checked = 0
    for partnership in samples["partnerships"]:
        article = page.find("article", id=f"p-{partnership['id']}")
        quotes = {(q.text(), cite.text()) for span in article.find_all("span", css="ev")
                  for q, cite in [(span.find("q"), span.find("cite"))]}
        evidence = [*partnership["evidence"].values(),
                    *(item["evidence"] for key in ("amounts", "deadlines", "recurring") for item in partnership[key])]
        for e in evidence:
            assert (" ".join(e["text"].split()), f"{e['source']}, s. {e['page']}") in quotes, e
            checked += 1
    assert checked > 20


def test_warnings_of_iop_check_are_shown(samples):
    page = samples["page"]
    for partnership in samples["partnerships"]:
        shown = [li.text().replace("\u00a0", " ") for li in page.find("article", id=f"p-{partnership['id']}").find_all("li")]
        for warning in [*partnership["warnings"], *check_partnership(partnership)]:
            assert warning in shown


def test_the_page_names_nothing_to_fetch(samples):
    html = samples["html"]
    assert "http://" not in html and "https://" not in html and "//" not in re.sub(r"<q>.*?</q>", "", html)
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b|@import|\bsrc=", html, re.IGNORECASE)
    assert set(re.findall(r"url\(([^)]*)\)", html)) <= {"#pat-dots", "#pat-hatch"}
    assert all(a.attrs["href"].startswith("#") for a in samples["page"].find_all("a"))


def test_swedish_labels(samples):
    page = samples["page"]
    assert page.find("html").attrs["lang"] == "sv"
    assert [h.text() for h in page.find_all("h2")] == ["Tidslinje", "Pengar", "Kommande frister", "Partnerskapen"]
    assert "Last day" not in samples["html"]  # iop's own English deadline texts are said in Swedish


def test_municipality_and_window_narrow_the_report(samples):
    written = iop("report", "--db", str(samples["db"]), "-o", "lkp.html", "--municipality", "linköping",
                  "--from", "2024-01-01", "--to", "2026-12-31", "--today", "2025-06-01", cwd=samples["work"])
    assert written.returncode == 0, written.stderr
    page = Page((samples["work"] / "lkp.html").read_text(encoding="utf-8")).root
    assert sorted(b.attrs["data-id"] for b in page.find_all("g", css="bar")) == [
        "linkoping-brottsofferjouren-2023", "linkoping-kvinnojouren-2025"]
    assert "tidsfönster 2024-01-01 – 2026-12-31" in page.find("p", css="lead").text()
    assert [r.find("th").text() for r in page.find("table", css="by-year").find("tbody").find_all("tr")] == ["2024", "2025"]


def test_help_has_an_example():
    result = CliRunner().invoke(app, ["report", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "iop report" in result.output


def test_bad_options_and_unwritable_files_are_errors_naming_them(samples):
    db, work = str(samples["db"]), samples["work"]
    backwards = iop("report", "--db", db, "--from", "2026-01-01", "--to", "2025-01-01", cwd=work)
    assert backwards.returncode == 2 and "--from" in backwards.stderr
    nowhere = iop("report", "--db", db, "-o", str(work / "no" / "such" / "r.html"), cwd=work)
    assert nowhere.returncode == 1 and "r.html: cannot write there" in nowhere.stderr
    nobody = iop("report", "--db", db, "--municipality", "Gävle", cwd=work)
    assert nobody.returncode == 1 and "Gävle" in nobody.stderr


# --- made-up partnerships -----------------------------------------------------------------------

def made_up(pid: str, start: str | None, end: str | None, amounts=(), extension=None, **more) -> dict:
    return {"id": pid, "municipality": more.pop("municipality", "Vadstena kommun"), "authority": "Kommunstyrelsen",
            "parties": [{"name": f"Föreningen {pid}", "sector": "civil", "org_number": "802467-9139"}],
            "period": {"start": start, "end": end, "notice_months": 3, "extension": extension},
            "amounts": list(amounts), "deadlines": [], "recurring": [],
            "documents": [{"source": f"{pid}.txt", "doc_type": "overenskommelse"}], "warnings": [], **more}


def yearly(sek: int, role: str = "public_contribution", per: str = "year") -> dict:
    return {"sek": sek, "per": per, "role": role}


WINDOW = (date(2020, 1, 1), date(2030, 12, 31))


@pytest.mark.parametrize("partnership, public, civil", [
    pytest.param(made_up("a", "2025-04-01", "2026-12-31", [yearly(120_000), yearly(40_000, "civil_contribution")]),
                 {2025: 90_000, 2026: 120_000}, {2025: 30_000, 2026: 40_000}, id="part-year-pro-rata"),
    pytest.param(made_up("b", "2025-01-01", "2027-12-31", [yearly(900_000, per="total")]),
                 {2025: 300_000, 2026: 300_000, 2027: 300_000}, {}, id="period-sum-spread"),
    pytest.param(made_up("c", "2025-01-01", "2025-12-31", [yearly(500_000, "total"), yearly(1, "other")]),
                 {2025: 500_000}, {}, id="falls-back-to-total"),
    pytest.param(made_up("d", "2025-01-01", "2025-12-31", [yearly(500_000, "total"), yearly(300_000)]),
                 {2025: 300_000}, {}, id="public-before-total"),
    pytest.param(made_up("e", "2029-01-01", None, [yearly(10_000)]),
                 {2029: 10_000, 2030: 10_000}, {}, id="open-ended-to-window-end"),
    pytest.param(made_up("f", "2025-01-01", "2025-12-31", [yearly(10_000)],
                         {"kind": "automatic", "step_months": 12, "max_end": "2027-12-31"}),
                 {2025: 10_000}, {}, id="renewals-not-counted"),
])
def test_money_per_year(partnership, public, civil):
    found = money(partnership, *WINDOW)
    assert (found["public"], found["civil"]) == (public, civil)


def test_money_marks_the_total_fallback_and_unplaced_amounts():
    fallback = made_up("c", "2025-01-01", "2025-12-31", [yearly(500_000, "total")])
    unplaced = made_up("u", None, None, [yearly(5_000)])
    html = report_html([fallback, unplaced], TODAY, *WINDOW)
    assert money(fallback, *WINDOW)["role"] == "total" and money(unplaced, *WINDOW)["placed"] is False
    assert "Totalbelopp visas där kommunens bidrag inte anges för sig: c." in html
    assert "Belopp utan period, inte med i summorna: u." in html
    assert Page(html).root.find("g", css="bar", data_id="u").find("rect", css="unknown")


def test_a_partnership_without_usable_dates_still_has_a_bar():
    backwards = made_up("b", "2026-01-01", "2025-12-31")
    row = timeline_row(annotate(backwards, TODAY), *WINDOW, TODAY)
    assert [s.kind for s in row.segments] == ["unknown"]


def test_segments_of_an_automatic_renewal_and_an_option():
    automatic = made_up("a", "2025-04-01", "2025-12-31",
                        extension={"kind": "automatic", "step_months": 12, "max_end": "2027-12-31", "notice_by": "09-30"})
    assert [(s.start.isoformat(), s.end.isoformat(), s.kind) for s in segments(automatic, WINDOW[1])] == [
        ("2025-04-01", "2025-12-31", "term"), ("2026-01-01", "2026-12-31", "renewal"),
        ("2027-01-01", "2027-12-31", "renewal")]
    option = made_up("o", "2025-01-01", "2026-12-31", extension={"kind": "option", "step_months": 24})
    assert [(s.start.isoformat(), s.end.isoformat(), s.kind) for s in segments(option, WINDOW[1])][-1] == (
        "2027-01-01", "2028-12-31", "option")
    row = timeline_row(annotate(automatic, TODAY), *WINDOW, TODAY)
    assert [(m.day.isoformat(), m.kind) for m in row.markers] == [("2025-09-30", "notice"), ("2026-09-30", "notice")]


def test_document_text_is_escaped():
    hostile = made_up("x", "2025-01-01", "2025-12-31", [{**yearly(1000), "evidence": {
        "source": "a<b>.txt", "page": 1, "text": "<script>alert(1)</script> 1 000 kr"}}],
        municipality="<img src=x onerror=alert(1)> kommun",
        deadlines=[{"date": "2025-09-01", "what": "Rapport </table><h1>&amp;", "party": None}])
    html = report_html([hostile], TODAY)
    assert "<script" not in html and "<img" not in html and "</table><h1>" not in html
    page = Page(html).root
    quoted = page.find("span", css="ev")
    assert quoted.find("q").text() == "<script>alert(1)</script> 1 000 kr"
    assert quoted.find("cite").text() == "a<b>.txt, s. 1"
    assert page.find("section", id="frister").find("td", css="what").text() == "Rapport </table><h1>&amp;"


def test_charts_are_plain_svg():
    bars = charts.stacked_bars([2025, 2026], [{2025: [charts.Piece("a", 300, "m0", "a")],
                                               2026: [charts.Piece("a", 100, "m0", "a"), charts.Piece("b", 50, "m1", "b")]}],
                               "test")
    page = Page(bars).root
    assert [(r.attrs["data-year"], r.attrs["data-sek"]) for r in page.find_all("rect")] == [
        ("2025", "300"), ("2026", "100"), ("2026", "50")]
    heights = [float(r.attrs["height"]) for r in page.find_all("rect")]
    assert heights[0] == pytest.approx(3 * heights[1]) and heights[1] == pytest.approx(2 * heights[2])
    assert page.find("svg").attrs["viewbox"] == "0 0 640 300"


def test_a_report_of_500_partnerships_is_small_and_quick():
    many = []
    for n in range(500):
        start = date(2021 + n % 6, 1 + n % 12, 1)
        many.append(made_up(f"p{n:03d}", start.isoformat(), (start + relativedelta(years=1 + n % 4, days=-1)).isoformat(),
                            [yearly(10_000 * (1 + n % 40)), yearly(5_000, "civil_contribution")],
                            {"kind": "automatic", "step_months": 12, "max_end": None, "notice_by": "09-30"} if n % 7 == 0 else None,
                            municipality=f"Kommun {n % 60}",
                            recurring=[{"what": "Verksamhetsberättelse", "times_per_year": 1, "day": "03-31",
                                        "evidence": {"source": "x.txt", "page": 2, "text": "senast den 31 mars varje år"}}]))
    started = time.perf_counter()
    html = report_html(many, TODAY)
    seconds = time.perf_counter() - started
    assert len(html.encode("utf-8")) < 5_000_000 and seconds < 2, (len(html), seconds)
    assert html.count('<g class="bar"') == 500
