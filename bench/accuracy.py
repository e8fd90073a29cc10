"""Score extraction against hand-filled gold records: precision, recall and F1 per field.

    python bench/accuracy.py GOLD.json FOLDER [--json]

Ingests FOLDER into a temporary catalogue, exports the records and compares them with GOLD (a
list of record.md records, matched by "source"). Scalar fields score a hit when equal; list fields
(case numbers, parties, amounts, deadlines, recurring) score each item.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from iopcli.text import fold  # noqa: E402

SCALARS = ("doc_type", "municipality", "authority", "document_date", "officer",
           "period.start", "period.end", "period.notice_months", "period.extension")
LISTS = ("case_numbers", "org_numbers", "parties", "amounts", "deadlines", "recurring")
CRISP = ("case_numbers", "document_date", "org_numbers", "period.start", "period.end",
         "period.notice_months", "amounts", "deadlines")


def value_at(record: dict, field: str):
    value = record
    for part in field.split("."):
        value = (value or {}).get(part)
    return value


def items(record: dict, field: str) -> list:
    """Give the comparable items of a list field."""
    if field == "case_numbers":
        return list(dict.fromkeys(record.get("case_numbers") or []))
    if field == "org_numbers":
        return sorted({p["org_number"] for p in record.get("parties") or [] if p.get("org_number")})
    if field == "parties":
        return [(fold(p["name"]), p.get("sector"), p.get("org_number")) for p in record.get("parties") or []]
    if field == "amounts":
        return [(a["sek"], a.get("per"), a.get("role")) for a in record.get("amounts") or []]
    if field == "deadlines":
        return sorted({d["date"] for d in record.get("deadlines") or []})
    if field == "recurring":
        return [(r["times_per_year"], fold(r["what"])) for r in record.get("recurring") or []]
    raise KeyError(field)


def same(field: str, got, want) -> bool:
    if field == "recurring":
        return got[0] == want[0] and SequenceMatcher(None, got[1], want[1]).ratio() >= 0.6
    return got == want


def score_lists(field: str, got: list, want: list) -> tuple[int, int, int]:
    """Give (true positives, false positives, false negatives), matching items one to one."""
    left = list(want)
    hits = 0
    for item in got:
        match = next((w for w in left if same(field, item, w)), None)
        if match is not None:
            left.remove(match)
            hits += 1
    return hits, len(got) - hits, len(left)


def score(gold: list[dict], records: list[dict]) -> dict[str, list[int]]:
    by_source = {r["source"]: r for r in records}
    totals = {f: [0, 0, 0] for f in (*SCALARS, *LISTS)}
    for want in gold:
        got = by_source.get(want["source"], {})
        for field in SCALARS:
            g, w = value_at(got, field), value_at(want, field)
            if field == "period.extension" and isinstance(g, dict):
                g = {k: g.get(k) for k in ("kind", "step_months", "max_end", "notice_by")}
            t = totals[field]
            if g is not None and g == w:
                t[0] += 1
            else:
                t[1] += g is not None
                t[2] += w is not None
        for field in LISTS:
            tp, fp, fn = score_lists(field, items(got, field), items(want, field))
            totals[field][0] += tp
            totals[field][1] += fp
            totals[field][2] += fn
    return totals


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(gold_path: Path, folder: Path) -> dict:
    """Ingest the folder into a temporary catalogue and score it against the gold file."""
    from iopcli.catalogue import Catalogue
    from iopcli.ingest import ingest

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        with Catalogue(Path(tmp) / "accuracy.db") as catalogue:
            ingest(catalogue, [folder])
            records = catalogue.records()
    totals = score(gold, records)
    fields = {f: dict(zip(("tp", "fp", "fn"), t), **dict(zip(("precision", "recall", "f1"), prf(*t))))
              for f, t in totals.items()}
    overall = prf(*(sum(t[i] for t in totals.values()) for i in range(3)))
    return {"fields": fields, "overall": dict(zip(("precision", "recall", "f1"), overall)),
            "crisp_exact": all(totals[f][1] == totals[f][2] == 0 for f in CRISP)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.gold, args.folder)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{'field':24} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'F1':>6}")
    for field, s in result["fields"].items():
        print(f"{field:24} {s['tp']:4} {s['fp']:4} {s['fn']:4} {s['precision']:6.2f} {s['recall']:6.2f} {s['f1']:6.2f}")
    o = result["overall"]
    print(f"{'overall':24} {'':4} {'':4} {'':4} {o['precision']:6.2f} {o['recall']:6.2f} {o['f1']:6.2f}")
    print("crisp fields exactly right:", "yes" if result["crisp_exact"] else "NO")


if __name__ == "__main__":
    main()
