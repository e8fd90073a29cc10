"""Score extraction and grouping against hand-filled gold: precision, recall and F1 per field.

    python bench/accuracy.py                      # every set: a summary line each
    python bench/accuracy.py GOLD.json FOLDER     # one set, field by field
        [--partnerships P.json] [--today 2025-06-01] [--misses] [--json]

Ingests FOLDER into a temporary catalogue, exports the records and compares them with GOLD (a list
of record.md records, matched by file name without its extension, so the .txt and .pdf forms of a
document share one gold record). Scalar fields score a hit when equal; list fields (case numbers,
parties, amounts, deadlines, recurring) score each item. "Crisp" fields are the ones a reader can
check without judgement: case numbers, the document's date, org numbers, the period, notice and
amounts and deadlines.

Partnership gold (a list of {"documents": [...], "notice_deadline", "status"}) is scored as
pairwise grouping F1 (every pair of documents: same partnership or not) and, for each gold
partnership, whether the partnership holding its documents has the right notice deadline and
status as of --today.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iopcli.text import fold  # noqa: E402

SHARED = ROOT.parent / "shared"
SCALARS = ("doc_type", "municipality", "authority", "document_date", "officer",
           "period.start", "period.end", "period.notice_months", "period.extension")
LISTS = ("case_numbers", "org_numbers", "parties", "amounts", "deadlines", "recurring")
CRISP = ("case_numbers", "document_date", "org_numbers", "period.start", "period.end",
         "period.notice_months", "amounts", "deadlines")
GOLD_TODAY = date(2025, 6, 1)


def standard_sets() -> list[tuple[str, Path, Path, Path | None]]:
    """Give the sets scored by default: (name, gold, folder, partnership gold or None)."""
    sets = [("seeds", SHARED / "gold" / "seeds.json", SHARED / "seeds", None),
            ("dev txt", SHARED / "dev" / "gold.json", SHARED / "dev" / "txt", None),
            ("dev pdf", SHARED / "dev" / "gold.json", SHARED / "dev" / "pdf", None),
            ("own", ROOT / "tests" / "fixtures" / "own" / "gold.json", ROOT / "tests" / "fixtures" / "own", None),
            ("own2", ROOT / "tests" / "fixtures" / "own2" / "gold.json", ROOT / "tests" / "fixtures" / "own2", None)]
    blind = ROOT / "tests" / "blind"
    for folder in sorted(p for p in blind.glob("*") if (p / "gold.json").exists()):
        partnerships = folder / "partnerships.json"
        sets.append((f"blind {folder.name}", folder / "gold.json", folder,
                     partnerships if partnerships.exists() else None))
    return [s for s in sets if s[1].exists() and s[2].exists()]


def key(source: str) -> str:
    return Path(source).stem


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


def _scalar(record: dict, field: str):
    value = value_at(record, field)
    if field == "period.extension" and isinstance(value, dict):
        value = {k: value.get(k) for k in ("kind", "step_months", "max_end", "notice_by")}
    return value


def compare(want: dict, got: dict) -> dict[str, tuple[int, int, int, object, object]]:
    """Give, per field, (tp, fp, fn, what was got, what was wanted) for one document."""
    result = {}
    for field in SCALARS:
        g, w = _scalar(got, field), _scalar(want, field)
        hit = g is not None and g == w
        result[field] = (int(hit), int(not hit and g is not None), int(not hit and w is not None), g, w)
    for field in LISTS:
        g, w = items(got, field), items(want, field)
        result[field] = (*score_lists(field, g, w), g, w)
    return result


def score(gold: list[dict], records: list[dict], misses: list | None = None) -> dict[str, list[int]]:
    by_key = {key(r["source"]): r for r in records}
    totals = {f: [0, 0, 0] for f in (*SCALARS, *LISTS)}
    for want in gold:
        got = by_key.get(key(want["source"]), {})
        for field, (tp, fp, fn, g, w) in compare(want, got).items():
            for i, n in enumerate((tp, fp, fn)):
                totals[field][i] += n
            if misses is not None and (fp or fn):
                misses.append((want["source"], field, g, w))
    return totals


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for group in groups for p in combinations(group, 2)}


def score_partnerships(gold: list[dict], found: list[dict]) -> dict:
    """Give grouping F1 over document pairs and the notice deadlines and statuses that are right."""
    gold_groups = [[key(s) for s in g["documents"]] for g in gold]
    found_groups = [[key(d["source"]) for d in p.get("documents") or []] for p in found]
    known = {k for group in gold_groups for k in group}
    found_groups = [[k for k in group if k in known] for group in found_groups]
    want, got = pairs(gold_groups), pairs(found_groups)
    tp = len(want & got)
    grouping = prf(tp, len(got - want), len(want - got))[2]
    rows = []
    for g, keys in zip(gold, gold_groups):
        best = max(found, key=lambda p: len(set(keys) & {key(d["source"]) for d in p.get("documents") or []}),
                   default={})
        rows.append({"documents": g["documents"], "id": best.get("id"),
                     "notice": (best.get("notice_deadline"), g.get("notice_deadline")),
                     "status": (best.get("status"), g.get("status"))})
    return {"grouping_f1": grouping, "partnerships": len(gold),
            "notice_right": sum(r["notice"][0] == r["notice"][1] for r in rows),
            "status_right": sum(r["status"][0] == r["status"][1] for r in rows), "rows": rows}


def evaluate(gold_path: Path, folder: Path, partnerships_path: Path | None = None,
             today: date = GOLD_TODAY, misses: list | None = None) -> dict:
    """Ingest the folder into a temporary catalogue and score it against the gold file(s)."""
    from iopcli.catalogue import Catalogue
    from iopcli.ingest import ingest, ocr_reader
    from iopcli.queries import partnerships

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # Scans are read as `iop ingest` reads them (OCR when Tesseract is here), cached by content.
    ocr = ocr_reader("auto", cache_dir=Path(tempfile.gettempdir()) / "iop-accuracy-ocr-cache")
    with tempfile.TemporaryDirectory() as tmp:
        with Catalogue(Path(tmp) / "accuracy.db") as catalogue:
            ingest(catalogue, [folder], ocr=ocr)
            records = catalogue.records()
            found = list(partnerships(catalogue, today))
    totals = score(gold, records, misses)
    fields = {f: dict(zip(("tp", "fp", "fn"), t), **dict(zip(("precision", "recall", "f1"), prf(*t))))
              for f, t in totals.items()}
    overall = prf(*(sum(t[i] for t in totals.values()) for i in range(3)))
    crisp = prf(*(sum(totals[f][i] for f in CRISP) for i in range(3)))
    by_key = {key(r["source"]): r for r in records}
    result = {"fields": fields, "overall": dict(zip(("precision", "recall", "f1"), overall)),
              "crisp": dict(zip(("precision", "recall", "f1"), crisp)),
              "crisp_exact": all(totals[f][1] == totals[f][2] == 0 for f in CRISP),
              "documents": len(gold),
              "document_date_found": sum(bool(by_key.get(key(g["source"]), {}).get("document_date"))
                                         for g in gold if g.get("document_date")),
              "document_date_wanted": sum(bool(g.get("document_date")) for g in gold)}
    if partnerships_path:
        result["partnerships"] = score_partnerships(
            json.loads(partnerships_path.read_text(encoding="utf-8")), found)
    return result


def summary_line(name: str, result: dict) -> str:
    d = result["fields"]["deadlines"]
    line = (f"{name:10} {result['documents']:3} docs  crisp F1 {result['crisp']['f1']:.2f}  "
            f"overall F1 {result['overall']['f1']:.2f}  "
            f"dates {result['document_date_found']}/{result['document_date_wanted']}  "
            f"deadlines {d['tp']}/{d['tp'] + d['fn']} (+{d['fp']} wrong)")
    p = result.get("partnerships")
    if p:
        line += (f"  grouping F1 {p['grouping_f1']:.2f}  notice {p['notice_right']}/{p['partnerships']}"
                 f"  status {p['status_right']}/{p['partnerships']}")
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path, nargs="?")
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--partnerships", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=GOLD_TODAY)
    parser.add_argument("--misses", action="store_true", help="list every wrong or missing value")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.gold is None:
        results = {}
        for name, gold, folder, partnerships in standard_sets():
            misses = [] if args.misses else None
            results[name] = evaluate(gold, folder, partnerships, args.today, misses)
            if args.json:
                continue
            print(summary_line(name, results[name]))
            for miss in misses or []:
                print("   ", *miss, sep="  ")
        if args.json:
            print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    misses = [] if args.misses else None
    result = evaluate(args.gold, args.folder, args.partnerships, args.today, misses)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"{'field':24} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'F1':>6}")
    for field, s in result["fields"].items():
        print(f"{field:24} {s['tp']:4} {s['fp']:4} {s['fn']:4} {s['precision']:6.2f} {s['recall']:6.2f} {s['f1']:6.2f}")
    for label, o in (("crisp", result["crisp"]), ("overall", result["overall"])):
        print(f"{label:24} {'':4} {'':4} {'':4} {o['precision']:6.2f} {o['recall']:6.2f} {o['f1']:6.2f}")
    print("crisp fields exactly right:", "yes" if result["crisp_exact"] else "NO")
    p = result.get("partnerships")
    if p:
        print(f"partnerships: grouping F1 {p['grouping_f1']:.2f}, notice deadline right {p['notice_right']}"
              f"/{p['partnerships']}, status right {p['status_right']}/{p['partnerships']}")
        for row in p["rows"]:
            print("   ", row["id"], "notice got/want", row["notice"], "status got/want", row["status"])
    for miss in misses or []:
        print("   ", *miss, sep="  ")


if __name__ == "__main__":
    main()
