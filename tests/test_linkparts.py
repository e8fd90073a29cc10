"""Issue 11: a large catalogue is linked place by place in worker processes (linkparts.py), with
the result of linking it all at once; a catalogue that parts cannot link surely (a document that
may join a partnership but names no kommun), or where a worker fails, is linked at once.

The catalogue here is every corpus the tests hold, with a not-IOP document without a kommun that
names a case of one place; each test sets MIN_DOCUMENTS to 0 to link it in parts.
"""
from __future__ import annotations

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


def iop_records(catalogue: Catalogue) -> dict[str, dict]:
    """Give an IOP record naming a case, by municipality."""
    found: dict[str, dict] = {}
    for record in catalogue.records("status = 'ok'"):
        if record.get("municipality") and record.get("case_numbers") and (record.get("iop") or {}).get("is"):
            found.setdefault(record["municipality"], record)
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parts")
    docs = folder / "docs"
    docs.mkdir()
    for n, source in enumerate(p for corpus in CORPORA if corpus.is_dir() for p in files_of(corpus)):
        shutil.copy(source, docs / f"{n:03d}-{source.name}")
    with Catalogue(folder / "iop.db") as catalogue:
        pipeline.ingest(catalogue, [docs], jobs=0)
        # A building permit that names no kommun but a case of one: listed under its partnership.
        cased = list(iop_records(catalogue).values())[0]
        add(catalogue, placeless(cased, "/elsewhere/bygglov.txt", doc_type="other", parties=[],
                                 iop={"is": False, "reason": "bygglov"}))
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
    assert places > 10
    with Catalogue(copy_of(corpus, tmp_path, "parts.db")) as catalogue:
        assert linkparts.link_in_parts(catalogue, 2)
        assert stored(catalogue) == at_once
        assert not catalogue.links_stale()
        related = [d["source"] for p in catalogue.partnerships() for d in p["documents"] if d.get("related")]
        assert "bygglov.txt" in related


def test_places_whose_cases_a_not_iop_document_without_a_place_names_are_one_part(corpus, tmp_path, in_parts, monkeypatch):
    with Catalogue(copy_of(corpus, tmp_path, "cases.db")) as catalogue:
        first, second = list(iop_records(catalogue).values())[1:3]
        add(catalogue, placeless(first, "/elsewhere/remiss.txt", doc_type="other", parties=[],
                                 case_numbers=[first["case_numbers"][0], second["case_numbers"][0]],
                                 iop={"is": False, "reason": "remiss"}))
        pipeline.relink(catalogue, full=True, processes=1)
        at_once = stored(catalogue)
        parts = spy_on_parts(monkeypatch)
        assert linkparts.link_in_parts(catalogue, 2)
        assert any({first["municipality"], second["municipality"]} <= part for part in parts), parts
        assert stored(catalogue) == at_once
        listing = [p["id"] for p in catalogue.partnerships() for d in p["documents"] if d["source"] == "remiss.txt"]
        assert len(listing) == 1


def test_a_document_without_a_place_that_may_join_a_partnership_makes_it_link_at_once(corpus, tmp_path, in_parts):
    with Catalogue(copy_of(corpus, tmp_path, "unplaced.db")) as catalogue:
        before = stored(catalogue)
        record = list(iop_records(catalogue).values())[0]
        add(catalogue, placeless(record, "/elsewhere/brev.eml", authority=None))
        assert linkparts.link_in_parts(catalogue, 2) is False
        assert stored(catalogue) == before  # nothing written
        assert pipeline.relink(catalogue, full=True, processes=2) == "full"
        letter = [p for p in catalogue.partnerships() if any(d["source"] == "brev.eml" for d in p["documents"])]
        assert letter and letter[0]["municipality"] == record["municipality"]


def test_a_worker_that_fails_leaves_the_catalogue_as_it_was(corpus, tmp_path, in_parts, monkeypatch):
    def broken(records, floating, ids):
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


def spy_on_parts(monkeypatch) -> list[set[str]]:
    """Collect the municipalities of each part the next link_in_parts makes."""
    seen: list[set[str]] = []
    clusters: list = []
    real_clusters, real_join = linkparts.place_clusters, linkparts.join_parts

    def join_parts(*args):
        parts = real_join(*args)
        seen.extend({name for n in part for name in clusters[n][0]} for part in parts)
        return parts

    monkeypatch.setattr(linkparts, "place_clusters", lambda counts: clusters.extend(real_clusters(counts)) or clusters)
    monkeypatch.setattr(linkparts, "join_parts", join_parts)
    return seen
