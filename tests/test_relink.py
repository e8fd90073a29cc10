"""Issue 11: an ingest links again only the places it touched, and the result equals a full link.

Random edits (new files, changed files, deleted, moved and restored ones) over every corpus the
tests hold, in shuffled order; after each ingest the partnerships are compared with a full link
of the same catalogue.
"""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from iopcli import ingest as pipeline
from iopcli.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "samples", *sorted((ROOT / "tests" / "blind").iterdir()), ROOT / "tests" / "not_iop",
           ROOT.parent / "shared" / "dev" / "txt"]
TEXT = (".txt", ".md", ".html", ".eml")


def stored(catalogue: Catalogue) -> str:
    rows = catalogue.db.execute("select id, record from partnerships order by id").fetchall()
    keys = catalogue.db.execute("select partnership_id, kind, key from partnership_keys order by 1, 2, 3").fetchall()
    tables = [catalogue.db.execute(f"select * from {table} order by 1, 2, 3, 4").fetchall() for table in
              ("partnership_documents", "partnership_parties", "partnership_amounts")]
    columns = catalogue.db.execute('select id, label, "end", public_sek_per_year from partnerships order by id').fetchall()
    return json.dumps([[i, json.loads(r)] for i, r in rows] + [list(k) for k in keys]
                      + [[list(row) for row in table] for table in tables] + [list(c) for c in columns], sort_keys=True)


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_partial_links_equal_a_full_link_after_random_edits(tmp_path, seed, monkeypatch):
    import iopcli.relink as linking

    kinds = []
    real = linking.relink
    monkeypatch.setattr(linking, "relink", lambda catalogue, full=False, **kw: kinds.append(real(catalogue, full, **kw)) or kinds[-1])
    rng = random.Random(seed)
    sources = [p for folder in CORPORA if folder.is_dir() for p in files_of(folder)]
    assert len(sources) > 60
    rng.shuffle(sources)
    docs = tmp_path / "docs"
    docs.mkdir()
    for n, source in enumerate(sources[: len(sources) // 2]):
        shutil.copy(source, docs / f"{n:03d}-{source.name}")
    pool = sources[len(sources) // 2:]
    with Catalogue(tmp_path / "iop.db") as catalogue:
        assert pipeline.ingest(catalogue, [docs], jobs=0) and not catalogue.links_stale()
        for step in range(20):
            present = sorted(docs.iterdir())
            action = rng.choice(("add", "add", "change", "delete", "move"))
            if action == "add" and pool:
                source = pool.pop()
                shutil.copy(source, docs / f"new{step}-{source.name}")
            elif action == "change":
                target, source = rng.choice(present), rng.choice(sources)
                target.write_bytes(source.read_bytes() + b"\n")
            elif action == "delete":
                rng.choice(present).unlink()
            else:
                moved = rng.choice(present)
                moved.rename(docs / f"moved{step}-{moved.name}")
            stale = catalogue.stale_documents()
            pipeline.ingest(catalogue, [docs], jobs=0)
            partial = stored(catalogue)
            assert pipeline.relink(catalogue, full=True) == "full"
            assert stored(catalogue) == partial, f"step {step}: {action} (stale before: {len(stale)})"
    # Most edits touch one place: linked there alone, not everywhere.
    assert kinds.count("partial") >= 4, kinds


def test_a_not_iop_document_without_a_place_that_names_a_case_here_is_linked_with_it(tmp_path, monkeypatch):
    import iopcli.relink as linking

    kinds = []
    real = linking.relink
    monkeypatch.setattr(linking, "relink", lambda catalogue, full=False, **kw: kinds.append(real(catalogue, full, **kw)) or kinds[-1])
    docs = tmp_path / "docs"
    docs.mkdir()
    agreement = ROOT / "samples" / "linkoping-son-2024-1431-iop-kvinnojouren-tjejjouren.md"
    shutil.copy(agreement, docs / agreement.name)
    # A building permit that names no kommun but cites Linköping's case number: not an IOP, and
    # listed under the partnership that has that case number.
    (docs / "bygglov.txt").write_text(
        "Delegationsbeslut\n\nBeslut om bygglov för tillbyggnad av enbostadshus enligt 9 kap. 31 § plan- och "
        "bygglagen (2010:900).\nÄrendet har diarienummer SON 2024-1431.\n", encoding="utf-8")
    with Catalogue(tmp_path / "iop.db") as catalogue:
        pipeline.ingest(catalogue, [docs], jobs=0)
        related = [d for p in catalogue.partnerships() for d in p["documents"] if d.get("related")]
        assert [d["source"] for d in related] == ["bygglov.txt"]
        text = (docs / agreement.name).read_text(encoding="utf-8")
        (docs / agreement.name).write_text(text + "\nTillägg: en ny kontaktperson.\n", encoding="utf-8")
        pipeline.ingest(catalogue, [docs], jobs=0)
        partial = stored(catalogue)
        assert kinds == ["full", "partial"]
        pipeline.relink(catalogue, full=True)
        assert stored(catalogue) == partial


def test_a_not_iop_document_of_one_kommun_is_not_listed_under_another_kommuns_case():
    from iopcli.linker import link

    agreement = {"source": "avtal.md", "path": "/d/avtal.md", "sha256": "a", "municipality": "Göteborgs stad",
                 "doc_type": "overenskommelse", "case_numbers": ["ÄN 2025-82"],
                 "period": {"start": "2025-01-01", "end": "2026-12-31"},
                 "parties": [{"name": "Idrottsföreningen Kamraterna", "sector": "civil"}], "iop": {"is": True}}
    permit = {"source": "bygglov.txt", "path": "/d/bygglov.txt", "sha256": "b", "municipality": "Uppsala kommun",
              "doc_type": "other", "case_numbers": ["ÄN 2025-82"], "parties": [], "iop": {"is": False, "reason": "bygglov"}}
    [partnership] = link([agreement, permit])
    assert [d["source"] for d in partnership["documents"]] == ["avtal.md"]
    [partnership] = link([agreement, {**permit, "municipality": "Göteborgs stad"}])
    assert [d["source"] for d in partnership["documents"]] == ["avtal.md", "bygglov.txt"]
