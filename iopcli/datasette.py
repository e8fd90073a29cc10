"""The catalogue's description for Datasette (metadata.json): titles, descriptions, label columns
and units, so that a browser shows "linkoping-son-2019-536-iop-brottsofferjouren.docx" where a
fact row points to its document, not "1". Pure.
"""
from __future__ import annotations

EVIDENCE = ("Evidence: page (1-based), span_start/span_end (character offsets in documents.text), raw (the "
            "exact text the value was read from), note (OCR, repaired, …), ocr_confidence (of its page, 0–100).")
TABLES = {
    "documents": ("source", "One row per file: path, hash, type, date, full text, status (ok, needs_ocr, failed, "
                  "missing) and the whole record as JSON."),
    "partnerships": ("label", "Documents grouped into one agreement each: municipality, nämnd, agreed period "
                     "(start, end), notice, renewal, kommunens bidrag; the whole partnership as JSON in record. "
                     "Status and notice deadline depend on the day asked: `iop partnerships` computes them."),
    "partnership_documents": ("source", "Which documents make up each partnership; governing = the agreement "
                              "or decision its period is read from."),
    "partnership_parties": ("name", "The parties of each partnership, with org numbers and other names."),
    "partnership_amounts": ("raw", "Money of each partnership: sek, per (year, total), role (public_contribution "
                            "= kommunens bidrag, civil_contribution, total, cost_to_date, other)."),
    "case_numbers": ("value", f"Diarienummer found in each document; key is its normalised form. {EVIDENCE}"),
    "parties": ("name", f"Parties named in each document. {EVIDENCE}"),
    "org_numbers": ("number", f"Organisationsnummer in each document; valid = Luhn check digit. {EVIDENCE}"),
    "periods": ("period_end", f"The agreement period stated in each document. {EVIDENCE}"),
    "amounts": ("raw", f"Amounts in each document (sek, per, role). {EVIDENCE}"),
    "deadlines": ("what", f"Dated duties in each document. {EVIDENCE}"),
    "recurring": ("what", f"Recurring duties (times per year, day) in each document. {EVIDENCE}"),
    "versions": ("path", "Every version of every file ever ingested (iop history, iop diff)."),
}
VIEW_DESCRIPTIONS = {  # the views of schema.VIEWS
    "agreements_by_end": "Partnerships by the end of their agreed period (renewals not counted: see `iop expiring`).",
    "public_money_per_municipality": "Kommunens bidrag per municipality: per year and in total, as stated.",
    "organisations": "Civil-society organisations and how many partnerships each has.",
    "documents_in_no_partnership": "Documents not grouped into any partnership (not about an IOP, or failed).",
}
SEK_COLUMNS = ("sek", "public_sek_per_year", "public_sek_total")


def metadata(database: str = "iop") -> dict:
    """Give Datasette's metadata for a catalogue served under the name `database` (the file's stem).

    >>> meta = metadata()
    >>> meta["databases"]["iop"]["tables"]["amounts"]["label_column"], meta["databases"]["iop"]["tables"]["organisations"]
    ('raw', {'description': 'Civil-society organisations and how many partnerships each has.'})
    """
    tables = {name: {"label_column": label, "description": description} for name, (label, description) in TABLES.items()}
    for name in ("partnership_amounts", "amounts", "partnerships"):
        tables[name]["units"] = {c: "SEK" for c in SEK_COLUMNS if c in ("sek",) or name == "partnerships"}
    tables["documents_fts"] = {"hidden": True}
    for name, description in VIEW_DESCRIPTIONS.items():
        tables[name] = {"description": description}
    return {
        "title": "IOP-katalog",
        "description": "Idéburet offentligt partnerskap: documents, partnerships, parties, money and deadlines "
                       "read by iop. Every fact links to its document and keeps the text it was read from.",
        "databases": {database: {"tables": tables}},
    }
