"""One consistent view of the index for questions: catalog, records, vectors and BM25,
with the lookups a question needs made once, not per question.

    snap = load_snapshot(store)
    snap.paragraph("south-gloucestershire-2012-07-06", "20")  -> [Record(ref="20", ...), Record(kind="recommendation", ...)]
    snap.rows(["oldham-2024-05-24"])                          -> array of that report's record positions

Records are grouped by report, so a report's records are one slice of every array and
restricting a search to some reports is array arithmetic, never a loop over records.

Built from Chroma and cached under <data_dir>/snapshot/, keyed by the catalog's
fingerprint: a second process, or the next start, loads arrays from disk in well under
a second instead of paging the whole index out of Chroma. A cache that is missing,
damaged or of another fingerprint is rebuilt from Chroma (with a warning when that is a
repair rather than the expected rebuild after an ingest).
"""
from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from index.lexical import FORMAT as LEXICAL_FORMAT, LexicalIndex, defined_acronyms
from index.model import Report
from index.store import IndexedReport, Record, Store, fingerprint, read_state

log = logging.getLogger("report_assistant.index")
# the cached BM25 arrays hold tokens: a change to how text is tokenized is a new format; so is a change to
# what is read from the records once for all (v2: acronyms spelt with hyphenated words; v3: with their small
# words; v4: or with the word after them, "the children’s advice, support and prevention team (CASP)")
FORMAT = f"report-assistant-snapshot v4 {LEXICAL_FORMAT}"


@dataclass
class Snapshot:
    fingerprint: str
    catalog: dict[str, IndexedReport]
    records: list[Record]
    vectors: np.ndarray  # one normalised embedding per record, same order
    lexical: LexicalIndex
    acronyms: dict[str, str] = field(default_factory=dict)  # "IRO" -> "independent reviewing officer", from the reports
    load_ms: dict[str, float] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    by_ref: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    slices: dict[str, tuple[int, int]] = field(default_factory=dict)
    recommendations: dict[str, list[int]] = field(default_factory=dict)
    views: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for i, r in enumerate(self.records):
            self.position[r.id] = i
            self.by_ref.setdefault((r.report_id, r.ref), []).append(i)
            start, _ = self.slices.get(r.report_id, (i, i))
            self.slices[r.report_id] = (start, i + 1)
            if r.kind == "recommendation":
                self.recommendations.setdefault(r.report_id, []).append(i)

    def view(self, name: str, build: Callable[["Snapshot"], Any]) -> Any:
        """A view derived from this snapshot (citation labels, the judgement table), built on first
        use and kept: a snapshot never changes, and requests read these on every answer."""
        if name not in self.views:
            self.views[name] = build(self)  # two threads may both build it once; the results are equal
        return self.views[name]

    def versions(self, report_ids: list[str] | None = None) -> list[str]:
        ids = self.catalog if report_ids is None else report_ids
        return [self.catalog[r].version for r in ids if r in self.catalog]

    def paragraph(self, report_id: str, ref: str) -> list[Record]:
        return [self.records[i] for i in self.by_ref.get((report_id, str(ref)), [])]

    def rows(self, report_ids) -> np.ndarray:
        """Positions of every record of the given reports."""
        parts = [np.arange(*self.slices[r]) for r in report_ids if r in self.slices]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def mask(self, report_ids) -> np.ndarray:
        out = np.zeros(len(self.records), dtype=bool)
        for r in report_ids:
            if r in self.slices:
                out[slice(*self.slices[r])] = True
        return out

    def report(self, report_id: str) -> Report:
        return self.catalog[report_id].report


def snapshot_dir(data_dir: Path, location: str = "embedded") -> Path:
    # one cache per Chroma location, so an embedded index and a server never share one
    name = "snapshot" if location == "embedded" else "snapshot-" + "".join(c if c.isalnum() else "_" for c in location)
    return Path(data_dir) / name


# -- building --------------------------------------------------------------------
def build(catalog: dict[str, IndexedReport], records: list[Record], vectors: np.ndarray) -> Snapshot:
    t0 = time.perf_counter()
    lexical = LexicalIndex.build([r.text for r in records])
    return Snapshot(fingerprint(catalog), catalog, records, vectors, lexical, acronyms=find_acronyms(records),
                    load_ms={"built_ms": (time.perf_counter() - t0) * 1000})


def find_acronyms(records: list[Record]) -> dict[str, str]:
    """Acronyms the reports define for themselves, "independent reviewing officers (IROs)" ->
    {"IRO": "independent reviewing officer"}: the long form whose initials spell it, most used."""
    seen: dict[str, Counter] = {}
    for r in records:
        for acronym, long_form, _ in defined_acronyms(r.text):
            seen.setdefault(acronym, Counter())[long_form.lower().rstrip("s")] += 1
    return {a: forms.most_common(1)[0][0] for a, forms in seen.items() if len(a) >= 2}


# -- loading ---------------------------------------------------------------------------
def load_snapshot(store: Store, after_ingest: bool = False) -> Snapshot:
    """The current view: from the cache if it matches Chroma's catalog, else rebuilt from Chroma.

    after_ingest: the caller just changed the index, so a rebuild is expected, not a repair."""
    t0 = time.perf_counter()
    catalog = store.catalog()
    current = fingerprint(catalog)
    directory = snapshot_dir(store.data_dir, store.location)
    snap = load_cached(directory, current)
    if snap is not None:
        snap.load_ms["chroma_ms"] = (time.perf_counter() - t0) * 1000 - snap.load_ms.get("cache_ms", 0.0)
        return snap
    records, vectors = store.records([entry.version for entry in catalog.values()])
    t1 = time.perf_counter()
    snap = build(catalog, records, vectors)
    save(snap, directory)
    store.write_state(catalog)
    if records and not after_ingest:
        log.warning("the snapshot cache at %s was missing, damaged or out of date; rebuilt it from Chroma "
                    "(%d records)", directory, len(records))
    snap.load_ms.update({"chroma_ms": (t1 - t0) * 1000, "build_ms": (time.perf_counter() - t1) * 1000,
                         "rebuilt": True})
    return snap


def load_current(data_dir: Path) -> Snapshot | None:
    """The snapshot the last commit on this machine left, without opening Chroma: what a
    cold `ask` answers from. None if there is none to trust (then open the store)."""
    state = read_state(data_dir)
    return load_cached(snapshot_dir(data_dir), state) if state else None


def save(snap: Snapshot, directory: Path) -> None:
    """Write to a temporary folder and rename it into place, so a reader never sees half a cache."""
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=directory.parent))
    try:
        reports = list(snap.catalog)
        code = {rid: n for n, rid in enumerate(reports)}
        sections: dict[tuple[str, ...], int] = {}
        rows = [[r.id, code[r.report_id], r.ref, r.number, r.seq, r.kind, r.text,
                 sections.setdefault(r.section, len(sections)), r.judgement, r.timescale, r.parent]
                for r in snap.records]
        (tmp / "records.json").write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
        np.save(tmp / "vectors.npy", np.ascontiguousarray(snap.vectors, dtype=np.float32))
        snap.lexical.save(tmp)
        meta = {"format": FORMAT, "fingerprint": snap.fingerprint, "records": len(snap.records),
                "catalog": [{"report": e.report.to_json(), "paragraphs": e.paragraphs, "version": e.version,
                             "parser": e.parser} for e in snap.catalog.values()],
                "sections": [list(s) for s in sections], "acronyms": snap.acronyms}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False))  # written last: marks it complete
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_cached(directory: Path, expected: str) -> Snapshot | None:
    # ~200,000 long-lived objects arrive at once: left on, the collector walks them over and over
    # while they are built (a third of a cold load), and then on every later full collection.
    # Off while building, and frozen after, they are never walked; a failed load is freed as usual.
    enabled = gc.isenabled()
    gc.disable()
    try:
        snap = _load_cached(directory, expected)
    finally:
        if enabled:
            gc.enable()
    if snap is not None:
        gc.freeze()
    return snap


def _load_cached(directory: Path, expected: str) -> Snapshot | None:
    t0 = time.perf_counter()
    try:
        meta = json.loads((Path(directory) / "meta.json").read_text())
        if meta.get("format") != FORMAT or meta.get("fingerprint") != expected:
            return None
        catalog = {}
        for entry in meta["catalog"]:
            report = Report.from_json(entry["report"])
            catalog[report.id] = IndexedReport(report, entry["paragraphs"], entry["version"], entry.get("parser", ""))
        reports = list(catalog)
        sections = [tuple(s) for s in meta["sections"]]
        rows = json.loads((Path(directory) / "records.json").read_text())
        records = [Record(id=i, report_id=reports[c], ref=ref, number=number, seq=seq, kind=kind, text=text,
                          section=sections[s], judgement=judgement, timescale=timescale, parent=parent)
                   for i, c, ref, number, seq, kind, text, s, judgement, timescale, parent in rows]
        vectors = np.load(Path(directory) / "vectors.npy")
        lexical = LexicalIndex.load(directory, len(records))
        if lexical is None or len(records) != meta["records"] or vectors.shape[0] != len(records) \
                or fingerprint(catalog) != expected:
            return None
    except Exception:  # missing, partial or damaged: the caller rebuilds from Chroma
        return None
    snap = Snapshot(expected, catalog, records, vectors, lexical, acronyms=meta.get("acronyms", {}))
    snap.load_ms["cache_ms"] = (time.perf_counter() - t0) * 1000
    return snap
