"""The bundled samples through the commands users run: partnerships, deadlines, check, diff, history,
and a golden export."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).parent / "golden" / "samples-export.json"
DIFF = SAMPLES / "diff"
V1_PDF, V2_PDF = DIFF / "vadstena-ks-2024-187-iop-vantjansten-v1.pdf", DIFF / "vadstena-ks-2024-187-iop-vantjansten-v2.pdf"
V1_DOCX, V2_DOCX = DIFF / "vadstena-ks-2024-187-iop-vantjansten-v1.docx", DIFF / "vadstena-ks-2024-187-iop-vantjansten-v2.docx"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    """The samples (without OCR, so the test does not depend on Tesseract) in one catalogue."""
    db = tmp_path_factory.mktemp("catalogue") / "samples.db"
    old = os.environ.get("IOP_DB")
    os.environ["IOP_DB"] = str(db)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = invoke("ingest", "--quiet", "--ocr", "never", "samples")
        assert result.exit_code == 0, result.output
        yield db
    finally:
        os.chdir(cwd)
        if old is None:
            os.environ.pop("IOP_DB", None)
        else:
            os.environ["IOP_DB"] = old


def comparable(records: list[dict]) -> list[dict]:
    """Give the records with paths relative to the repository (the catalogue keeps absolute ones)."""
    return sorted(({**r, "path": str(Path(r["path"]).relative_to(ROOT))} for r in records), key=lambda r: r["source"])


def test_export_matches_the_golden_file(catalogue):
    records = comparable(json.loads(invoke("export", "--format", "json").output))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert records == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_samples_form_the_seed_partnerships(catalogue):
    partnerships = json.loads(invoke("partnerships", "--json", "--today", "2025-06-01").output)
    by_party = {frozenset(p["name"] for p in x["parties"] if p["sector"] == "civil"): x for x in partnerships}
    brovi = by_party[frozenset({"Brottsofferjouren i Linköping"})]
    assert brovi["period"]["start"] == "2023-01-01" and brovi["period"]["end"] == "2025-12-31"
    assert brovi["notice_deadline"] == "2025-06-30"
    stockholm = by_party[frozenset({"Brottsofferjouren Stockholm-Gotland", "Brottsofferjouren Södra Stockholm",
                                     "Brottsofferjouren Västerort"})]
    assert stockholm["period"]["extension"]["max_end"] == "2027-12-31"
    assert by_party[frozenset({"Kvinnojouren Ellinor", "Tjejjouren Beata"})]["period"]["end"] == "2030-12-31"
    assert len(partnerships) == 4  # the three of the seeds and the Vadstena agreement of samples/diff


def test_show_son_2024_1523_gives_partnership_one_with_its_documents(catalogue):
    [partnership] = json.loads(invoke("show", "SON", "2024-1523", "--json").output)
    sources = [d["source"] for d in partnership["documents"]]
    assert "linkoping-son-2024-1523-utvardering-brovi.pdf" in sources
    assert "linkoping-son-2019-536-iop-brottsofferjouren.docx" in sources
    assert "linkoping-iop-brottsofferjouren-forslag-ocr.txt" in sources


def test_expiring_before_2026_lists_partnerships_one_and_two_not_three(catalogue):
    rows = json.loads(invoke("expiring", "--before", "2026-01-01", "--today", "2025-06-01", "--json").output)
    civil = [{p["name"] for p in r["parties"] if p["sector"] == "civil"} for r in rows]
    assert {"Brottsofferjouren i Linköping"} in civil
    assert any("Brottsofferjouren Västerort" in names for names in civil)
    assert not any("Kvinnojouren Ellinor" in names for names in civil)
    automatic = next(r for r in rows if "Brottsofferjouren Västerort" in {p["name"] for p in r["parties"]})
    assert automatic["renews_automatically"] and automatic["notice_deadline"] == "2025-09-30"


def test_deadlines_as_icalendar_parse_back(catalogue):
    from icalendar import Calendar

    text = invoke("deadlines", "--after", "2025-01-01", "--before", "2026-01-01", "--ics").output
    calendar = Calendar.from_ical(text)
    events = [e for e in calendar.walk("VEVENT")]
    dates = {e.decoded("DTSTART").isoformat() for e in events}
    assert {"2025-03-31", "2025-06-30", "2025-09-30"} <= dates
    again = Calendar.from_ical(invoke("deadlines", "--after", "2025-01-01", "--before", "2026-01-01", "--ics").output)
    assert sorted(str(e["UID"]) for e in events) == sorted(str(e["UID"]) for e in again.walk("VEVENT"))


def test_check_flags_the_stated_duration_and_exits_1(catalogue):
    result = invoke("check", "--json")
    assert result.exit_code == 1
    warnings = json.loads(result.output)
    assert any("fem år" in w["warning"] or "60" in w["warning"] or "5 år" in w["warning"] for w in warnings)


def test_diff_of_two_versions_reports_exactly_the_planned_field_changes(catalogue):
    result = invoke("diff", str(V1_PDF), str(V2_PDF), "--json")
    assert result.exit_code == 1
    changes = json.loads(result.output)["changes"]
    assert sorted(c["field"] for c in changes) == ["amounts", "period.end", "recurring"]
    end = next(c for c in changes if c["field"] == "period.end")
    assert (end["before"], end["after"]) == ("2026-12-31", "2027-12-31")
    amount = next(c for c in changes if c["field"] == "amounts")
    assert (amount["before"]["sek"], amount["after"]["sek"]) == (350000, 385000)
    assert amount["before_evidence"]["page"] >= 1 and "350" in amount["before_evidence"]["text"]


def test_diff_gives_the_same_field_changes_for_pdf_and_docx(catalogue):
    pdf = json.loads(invoke("diff", str(V1_PDF), str(V2_PDF), "--json", "--fields-only").output)["changes"]
    docx = json.loads(invoke("diff", str(V1_DOCX), str(V2_DOCX), "--json", "--fields-only").output)["changes"]
    strip = lambda cs: [(c["field"], c["change"], json.dumps(_values(c["before"])), json.dumps(_values(c["after"]))) for c in cs]  # noqa: E731
    assert strip(pdf) == strip(docx)


def _values(value):
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in ("evidence", "source")}
    return value


def test_same_document_in_two_formats_has_no_field_changes(catalogue):
    result = invoke("diff", str(V1_PDF), str(V1_DOCX), "--fields-only", "--json")
    assert json.loads(result.output)["changes"] == []
    assert result.exit_code == 0


def test_diff_of_unknown_document_exits_2(catalogue):
    result = invoke("diff", "finns-inte.pdf", str(V1_PDF))
    assert result.exit_code == 2
    assert "finns-inte.pdf" in result.stderr


def test_reingest_of_a_modified_file_keeps_history_and_diffs_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DB", str(tmp_path / "history.db"))
    target = tmp_path / "avtal.docx"
    shutil.copy(V1_DOCX, target)
    assert invoke("ingest", "-q", str(target)).exit_code == 0
    shutil.copy(V2_DOCX, target)
    updated = invoke("ingest", str(target))
    assert "1 updated" in updated.output
    assert "period.end 2026-12-31 → 2027-12-31" in updated.output
    versions = json.loads(invoke("history", str(target), "--json").output)
    assert [v["version"] for v in versions] == [1, 2]
    result = invoke("diff", f"{target}@1", f"{target}@2", "--json")
    assert result.exit_code == 1
    assert "period.end" in [c["field"] for c in json.loads(result.output)["changes"]]
    same = invoke("diff", f"{target}@2", f"{target}@2")
    assert same.exit_code == 0


def test_diff_text_reports_the_reworded_moved_and_changed_sections_only(catalogue):
    result = json.loads(invoke("diff", str(V1_PDF), str(V2_PDF), "--json", "--text-only").output)
    assert result["changes"] == []
    sections = {(t["section"], t["change"]) for t in result["text"]}
    # The reworded paragraph, the moved section, and the three sections whose numbers changed.
    assert sections == {("Bakgrund och syfte", "changed"), ("Ändringar i överenskommelsen", "moved"),
                        ("Samverkan och uppföljning", "changed"), ("Ekonomi", "changed"), ("Period", "changed")}
    economy = next(t for t in result["text"] if t["section"] == "Ekonomi")
    replaced = [(before, after) for tag, before, after in economy["words"] if tag == "replace"]
    assert replaced == [(["350"], ["385"])]


def test_diff_view_on_a_terminal_shows_fields_then_text(catalogue):
    result = invoke("diff", str(V1_PDF), str(V2_PDF))
    assert result.exit_code == 1
    assert result.output.index("period.end") < result.output.index("§ Ekonomi")
    assert "A p. 2" in result.output and "B p. 2" in result.output


def test_an_ingest_that_finds_nothing_new_leaves_the_partnerships_alone(tmp_path, monkeypatch):
    from iopcli import ingest as pipeline
    from iopcli.catalogue import Catalogue

    docs = tmp_path / "docs"
    shutil.copytree(SAMPLES, docs)
    calls = []
    real = pipeline.relink
    monkeypatch.setattr(pipeline, "relink", lambda catalogue, **kw: (calls.append(1), real(catalogue, **kw)))
    with Catalogue(tmp_path / "iop.db") as catalogue:
        pipeline.ingest(catalogue, [docs], jobs=0)
        assert calls == [1]
        pipeline.ingest(catalogue, [docs], jobs=0)
        assert calls == [1]  # nothing changed: not linked again
        (docs / "README").unlink(missing_ok=True)
        moved = next(docs.glob("*.md"))
        moved.rename(docs / "flyttad.md")
        pipeline.ingest(catalogue, [docs], jobs=0)
        assert calls == [1, 1]  # a move changes the sources: linked again


def test_a_run_killed_between_writing_and_linking_is_linked_by_the_next(tmp_path, monkeypatch):
    from iopcli import ingest as pipeline
    from iopcli.catalogue import Catalogue

    docs = tmp_path / "docs"
    shutil.copytree(SAMPLES, docs)
    with Catalogue(tmp_path / "iop.db") as catalogue:
        monkeypatch.setattr(pipeline, "relink", lambda catalogue, **kw: None)  # killed before it linked
        pipeline.ingest(catalogue, [docs], jobs=0)
        monkeypatch.undo()
        assert catalogue.links_stale()
        pipeline.ingest(catalogue, [docs], jobs=0)
        assert not catalogue.links_stale()
        assert catalogue.db.execute("select count(*) from partnerships").fetchone()[0] > 0
