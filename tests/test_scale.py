"""Issue 11 (scale): answers come through indexes, not by reading every partnership.

The speed itself is measured by bench/scale.py; these tests pin the behaviour that makes it: which
rows a command reads.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopcli.catalogue import Catalogue
from iopcli.cli import app

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture()
def catalogue_of_samples(db):
    assert runner.invoke(app, ["ingest", "--quiet", "--ocr", "never", str(SAMPLES)]).exit_code == 0
    return db


@pytest.mark.parametrize("query", [["SON", "2024-1523"], ["822004-0417"], ["Brottsofferjouren"], ["jouren"],
                                   ["linkoping-son-2019-536-iop-brottsofferjouren.docx"]])
def test_show_reads_only_the_partnerships_its_query_leads_to(catalogue_of_samples, monkeypatch, query):
    def every_partnership(self):
        raise AssertionError("show read every partnership")

    monkeypatch.setattr(Catalogue, "partnerships", every_partnership)
    result = runner.invoke(app, ["show", *query, "--json"])
    assert result.exit_code == 0, result.output
    assert any(p["id"].startswith("linkoping-") for p in json.loads(result.stdout))


def test_a_name_with_a_typo_is_still_found_by_looking_at_every_partnership(catalogue_of_samples):
    result = runner.invoke(app, ["show", "Brottsoferjouren", "--json"])
    assert result.exit_code == 0
    assert {p["id"] for p in json.loads(result.stdout)} == {
        p["id"] for p in json.loads(runner.invoke(app, ["show", "Brottsofferjouren", "--json"]).stdout)}


def test_the_keys_follow_the_partnerships_after_every_link(catalogue_of_samples):
    with Catalogue(catalogue_of_samples) as catalogue:
        ids = {row[0] for row in catalogue.db.execute("select id from partnerships")}
        keyed = {row[0] for row in catalogue.db.execute("select distinct partnership_id from partnership_keys")}
        assert ids == keyed and ids
        catalogue.replace_partnerships([])
        assert catalogue.db.execute("select count(*) from partnership_keys").fetchone()[0] == 0


@pytest.mark.parametrize("form", ["json", "csv"])
def test_export_writes_records_as_it_reads_them(catalogue_of_samples, monkeypatch, form, tmp_path):
    with Catalogue(catalogue_of_samples) as catalogue:
        wanted = catalogue.records()

    def all_at_once(self, *args, **kwargs):
        raise AssertionError("export held every record at once")

    monkeypatch.setattr(Catalogue, "records", all_at_once)
    result = runner.invoke(app, ["export", "--format", form, "-o", str(tmp_path / f"out.{form}")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / f"out.{form}").read_bytes().decode("utf-8")
    if form == "json":
        assert json.loads(written) == wanted
    else:
        assert written.startswith("\ufeffsource;") and written.count("\r\n") == len(wanted) + 1


def test_expiring_reads_only_what_can_end_in_time_and_lists_the_same(db, monkeypatch):
    from datetime import date

    from iopcli import partnership, queries

    blind = Path(__file__).resolve().parent / "blind"
    assert runner.invoke(app, ["ingest", "--quiet", "--ocr", "never", str(SAMPLES), str(blind)]).exit_code in (0, 1)
    with Catalogue(db) as catalogue:
        every = catalogue.partnerships()
        assert len(every) >= 15
        for year in range(2018, 2031):
            for before in (date(year, 1, 1), date(year, 7, 1)):
                today = date(2025, 6, 1)
                assert list(queries.expiring(catalogue, before, None, today)) == partnership.expiring(
                    every, before=before, today=today), before


def test_a_catalogue_from_before_the_keys_gets_them_when_opened(catalogue_of_samples):
    import sqlite3

    with sqlite3.connect(catalogue_of_samples) as conn:  # as schema 3 left it: no keys, no notes
        conn.execute("drop table partnership_keys")
        conn.execute("drop table stale_documents")
        conn.execute("update meta set value = '3' where key = 'schema_version'")
    result = runner.invoke(app, ["show", "822004-0417", "--json"])
    assert result.exit_code == 0, result.output
    with Catalogue(catalogue_of_samples) as catalogue:
        assert catalogue.db.execute("select count(distinct partnership_id) from partnership_keys").fetchone()[0] == \
            catalogue.db.execute("select count(*) from partnerships").fetchone()[0]


BLIND = Path(__file__).resolve().parent / "blind"


@pytest.fixture(scope="module")
def varied_catalogue(tmp_path_factory) -> Path:
    """The samples and the blind corpora: automatic renewals, options, recurring duties, no dates."""
    path = tmp_path_factory.mktemp("varied") / "iop.db"
    folders = [str(SAMPLES), *(str(f) for f in sorted(BLIND.iterdir()) if f.is_dir())]
    result = runner.invoke(app, ["ingest", "--quiet", "--ocr", "never", "--db", str(path), *folders])
    assert result.exit_code in (0, 1), result.output
    return path


@pytest.mark.parametrize("after, before", [("2020-01-01", None), ("2025-06-01", None), ("2025-01-01", "2026-01-01"),
                                           ("2026-03-01", "2031-01-01"), ("2030-01-01", None), ("2024-01-01", "2045-01-01")])
def test_deadlines_from_the_stored_date_rules_equal_those_from_the_partnerships(varied_catalogue, after, before):
    from datetime import date

    from iopcli import queries
    from iopcli.deadlines import deadlines

    first, last = date.fromisoformat(after), date.fromisoformat(before) if before else None
    with Catalogue(varied_catalogue, create=False) as catalogue:
        stored = queries.deadlines(catalogue, after=first, before=last, today=first)
        computed = deadlines(catalogue.partnerships(), after=first, before=last)
    assert stored == computed and stored


def test_deadlines_read_only_the_rules_that_can_fall_in_the_window(varied_catalogue, monkeypatch):
    def every_partnership(self, *args, **kwargs):
        raise AssertionError("deadlines read every partnership")

    monkeypatch.setattr(Catalogue, "partnerships", every_partnership)
    monkeypatch.setattr(Catalogue, "iter_partnerships", every_partnership)
    result = runner.invoke(app, ["deadlines", "--after", "2025-01-01", "--db", str(varied_catalogue), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


@pytest.mark.parametrize("before, today", [("2026-01-01", "2025-06-01"), ("2028-01-01", "2025-06-01"),
                                           ("2026-01-01", "2026-11-30"), ("2035-01-01", "2024-01-01")])
def test_expiring_streamed_by_end_equals_expiring_over_every_partnership(varied_catalogue, before, today):
    from datetime import date

    from iopcli import partnership, queries

    limit, day = date.fromisoformat(before), date.fromisoformat(today)
    with Catalogue(varied_catalogue, create=False) as catalogue:
        streamed = list(queries.expiring(catalogue, before=limit, after=None, today=day))
        whole = partnership.expiring(catalogue.partnerships(), before=limit, today=day)
    assert streamed == whole and streamed


def test_opening_the_catalogue_does_not_import_numpy_but_leaves_it_importable():
    """sqlite-utils imports numpy when it is installed: 45 ms of every command's start."""
    import subprocess
    import sys

    pytest.importorskip("numpy")
    code = ("import sys, iopcli.catalogue; print('numpy' in sys.modules); import numpy; print(numpy.__name__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.split() == ["False", "numpy"], result.stderr
