"""A diarium holds everything: documents that are not about an IOP stay catalogued but form no
partnership (ingest says how many; `partnerships --all` shows them with why; `--all-iop` overrides)."""
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from iopcli.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
BYGGLOV = ("Kalmar kommun\nMiljö- och byggnadsnämnden\nBeslut om bygglov\nDnr MBN 2024-112\n"
           "Nämnden beviljar bygglov för nybyggnad av carport på fastigheten Kalmar Tornet 3.\n")
RAMAVTAL = ("Gävle kommun\nTilldelningsbeslut\nUpphandling av städtjänster enligt LOU. Anbud har lämnats av fyra "
            "leverantörer. Ramavtal tecknas med Städbolaget Norr AB, org.nr 556123-4567, för perioden "
            "2024-01-01–2025-12-31 med option att förlänga ett år. Uppsägningstid tre månader.\n")


REMISSVAR = ("Eslövs kommun\nKommunstyrelsen\nRemissvar: Regionplan för Skåne\nDnr KS 2024/311\n"
             "Kommunen ställer sig bakom planens inriktning för kollektivtrafik och bostäder.\n")


def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "diarium"
    docs.mkdir()
    for sample in (ROOT / "samples").glob("*.md"):
        shutil.copy(sample, docs / sample.name)
    (docs / "bygglov.md").write_text(BYGGLOV, encoding="utf-8")
    (docs / "ramavtal.md").write_text(RAMAVTAL, encoding="utf-8")
    (docs / "remissvar.md").write_text(REMISSVAR, encoding="utf-8")
    return docs


def partnership_sources(db: Path) -> set[str]:
    result = runner.invoke(app, ["partnerships", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return {d["source"] for p in json.loads(result.output) for d in p["documents"]}


def test_documents_that_are_not_iops_are_catalogued_but_form_no_partnership(tmp_path):
    docs, db = folder(tmp_path), tmp_path / "c.db"
    result = runner.invoke(app, ["ingest", str(docs), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "2 document(s) in the catalogue are not about an IOP" in result.output
    assert not partnership_sources(db) & {"bygglov.md", "ramavtal.md", "remissvar.md"}  # (one that names
    # no IOP forms no partnership alone, though it is not counted as left out)
    listed = runner.invoke(app, ["partnerships", "--all", "--db", str(db), "--json"])
    left_out = {d["source"]: d["kind"] for d in json.loads(listed.output)["not_iop"]}
    assert left_out == {"bygglov.md": "building", "ramavtal.md": "procurement"}
    # still catalogued and searchable
    found = runner.invoke(app, ["search", "carport", "--db", str(db), "--json"])
    assert "bygglov.md" in found.output


def test_all_iop_takes_every_document_as_an_iop(tmp_path):
    docs, db = folder(tmp_path), tmp_path / "c.db"
    result = runner.invoke(app, ["ingest", str(docs), "--db", str(db), "-q", "--all-iop"])
    assert result.exit_code == 0, result.output
    assert "not about an IOP" not in result.output
    assert {"bygglov.md", "ramavtal.md"} <= partnership_sources(db)


def test_a_grant_that_names_an_iops_case_number_is_listed_as_related_and_lends_no_terms(tmp_path):
    docs, db = folder(tmp_path), tmp_path / "c.db"
    grant = ("Linköpings kommun\nSocial- och omsorgsnämnden\nBeslut om föreningsbidrag\nDnr SON 2025/40\n"
             "Kvinnojouren Ellinor har tidigare haft IOP (SON 2024-1431). Nämnden beviljar föreningsbidrag "
             "om 20 000 kronor för 2026 enligt kommunens bidragsregler för föreningsbidrag.\n")
    (docs / "bidrag.md").write_text(grant, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(docs), "--db", str(db), "-q"]).exit_code == 0
    found = json.loads(runner.invoke(app, ["partnerships", "--db", str(db), "--json"]).output)
    holder = next(p for p in found if any(d["source"] == "bidrag.md" for d in p["documents"]))
    related = next(d for d in holder["documents"] if d["source"] == "bidrag.md")
    assert related["related"].startswith("a grant")
    assert 20000 not in [a["sek"] for a in holder.get("amounts") or []]
