"""Issue 11: a large catalogue is linked place by place in worker processes (linkparts.py), with
the result of linking it all at once; when a part would reach into another, it is linked at once.

The catalogue here is every corpus the tests hold, plus copies of some documents with their
municipality taken away (they join their place's part through an org or case number), so each
test sets MIN_DOCUMENTS to 0 to link it in parts.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from iopcli import ingest as pipeline
from iopcli import linkparts
from iopcli.catalogue import Catalogue
from tests.test_relink import CORPORA, files_of, stored


def placeless(record: dict, path: str, **changes) -> dict:
    """The record as a document without a municipality at another path would have it."""
    return {**record, "path": path, "source": Path(path).name, "sha256": path, "municipality": None, **changes}


def add(catalogue: Catalogue, record: dict) -> None:
    catalogue.upsert_document(record, "", (0,), size=1, mtime=1.0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parts")
    docs = folder / "docs"
    docs.mkdir()
    for n, source in enumerate(p for corpus in CORPORA if corpus.is_dir() for p in files_of(corpus)):
        shutil.copy(source, docs / f"{n:03d}-{source.name}")
    with Catalogue(folder / "iop.db") as catalogue:
        pipeline.ingest(catalogue, [docs], jobs=0)
        records = [r for r in catalogue.records("status = 'ok'") if r.get("municipality")]
        for n, record in enumerate(random.Random(11).sample(records, 12)):
            add(catalogue, placeless(record, f"/elsewhere/utan-kommun-{n}.txt"))
        # A not-IOP document without a place that names a case of one place: listed under it.
        cased = next(r for r in records if r.get("case_numbers") and (r.get("iop") or {}).get("is"))
        add(catalogue, placeless(cased, "/elsewhere/bygglov.txt", doc_type="other", parties=[],
                                 iop={"is": False, "reason": "bygglov"}))
        # An agreement without a place whose party no other document names: a part of its own.
        party = next(p for r in records for p in r.get("parties") or [] if p.get("sector") == "civil")
        add(catalogue, placeless(cased, "/elsewhere/ensam.txt", case_numbers=[], authority=None,
                                 parties=[{**party, "name": "Föreningen Ensamseglarna", "org_number": None}]))
        pipeline.relink(catalogue, full=True, processes=1)
    return folder / "iop.db"


@pytest.fixture()
def in_parts(monkeypatch):
    monkeypatch.setattr(linkparts, "MIN_DOCUMENTS", 0)


def copy_of(db: Path, folder: Path, name: str) -> Path:
    shutil.copy(db, folder / name)
    return folder / name


def test_linking_in_parts_gives_what_linking_at_once_gives(corpus, tmp_path, in_parts):
    with Catalogue(corpus) as catalogue:
        at_once = stored(catalogue)
        places = len(linkparts.place_clusters(dict(catalogue.db.execute(
            "select municipality, count(*) from documents where status = 'ok' and municipality is not null group by 1"))))
        unplaced = catalogue.db.execute("select count(*) from documents where municipality is null").fetchone()[0]
    assert places > 10 and unplaced == 14
    with Catalogue(copy_of(corpus, tmp_path, "parts.db")) as catalogue:
        assert linkparts.link_in_parts(catalogue, 2)
        assert stored(catalogue) == at_once
        assert not catalogue.links_stale()
        related = [d["source"] for p in catalogue.partnerships() for d in p["documents"] if d.get("related")]
        assert "bygglov.txt" in related
        alone = [p for p in catalogue.partnerships() if any(d["source"] == "ensam.txt" for d in p["documents"])]
        assert [len(p["documents"]) for p in alone] == [1]


def test_a_document_without_a_place_tied_to_two_places_makes_it_link_at_once(corpus, tmp_path, in_parts, monkeypatch):
    with Catalogue(copy_of(corpus, tmp_path, "tied.db")) as catalogue:
        numbered = {}  # municipality -> (an IOP record, its civil party with an org number)
        for record in catalogue.records("status = 'ok'"):
            for party in record.get("parties") or []:
                if party.get("org_number") and party.get("sector") == "civil" and record.get("municipality") \
                        and (record.get("iop") or {}).get("is"):
                    numbered.setdefault(record["municipality"], (record, party))
        (template, first), (_, second) = list(numbered.values())[:2]
        # An e-mail without a kommun naming an organisation of each: it may tie the two places.
        add(catalogue, placeless(template, "/elsewhere/brev.eml", parties=[first, second], case_numbers=[], authority=None))
        pipeline.relink(catalogue, full=True, processes=1)
        at_once = stored(catalogue)
        said = spy_on_crossings(monkeypatch)
        assert linkparts.link_in_parts(catalogue, 2) is False
        assert "/elsewhere/brev.eml is tied to two parts" in said
        assert stored(catalogue) == at_once  # rolled back: nothing written twice, nothing lost
        assert pipeline.relink(catalogue, full=True, processes=2) == "full"
        assert stored(catalogue) == at_once


def test_a_not_iop_document_without_a_place_naming_cases_of_two_places_makes_it_link_at_once(
        corpus, tmp_path, in_parts, monkeypatch):
    with Catalogue(copy_of(corpus, tmp_path, "cases.db")) as catalogue:
        cases = {}  # municipality -> an IOP record naming a case
        for record in catalogue.records("status = 'ok'"):
            if record.get("municipality") and record.get("case_numbers") and (record.get("iop") or {}).get("is"):
                cases.setdefault(record["municipality"], record)
        first, second = list(cases.values())[:2]
        add(catalogue, placeless(first, "/elsewhere/remiss.txt", doc_type="other", parties=[],
                                 case_numbers=[first["case_numbers"][0], second["case_numbers"][0]],
                                 iop={"is": False, "reason": "remiss"}))
        pipeline.relink(catalogue, full=True, processes=1)
        at_once = stored(catalogue)
        said = spy_on_crossings(monkeypatch)
        assert linkparts.link_in_parts(catalogue, 2) is False
        assert "/elsewhere/remiss.txt is tied to two parts" in said
        assert stored(catalogue) == at_once


def spy_on_crossings(monkeypatch) -> list:
    said = []
    real = linkparts.Crossings.add
    monkeypatch.setattr(linkparts.Crossings, "add", lambda self, report: said.append(real(self, report)) or said[-1])
    return said


def test_a_worker_that_fails_leaves_the_catalogue_as_it_was(corpus, tmp_path, in_parts, monkeypatch):
    def broken(records, unplaced, ids):
        raise RuntimeError("a slip in linking")

    with Catalogue(copy_of(corpus, tmp_path, "broken.db")) as catalogue:
        before = stored(catalogue)
        monkeypatch.setattr(linkparts, "link_part", broken)  # (the forked workers have it too)
        assert linkparts.link_in_parts(catalogue, 2) is False
        assert stored(catalogue) == before


def test_a_small_catalogue_is_linked_at_once(corpus, tmp_path):
    with Catalogue(copy_of(corpus, tmp_path, "small.db")) as catalogue:
        assert linkparts.link_in_parts(catalogue, 2) is False  # fewer than MIN_DOCUMENTS


def test_one_process_links_at_once(corpus, tmp_path, in_parts):
    with Catalogue(copy_of(corpus, tmp_path, "one.db")) as catalogue:
        assert linkparts.link_in_parts(catalogue, 1) is False
