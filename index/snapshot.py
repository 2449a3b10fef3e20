"""One consistent view of the index for queries: catalog, records and BM25.

    snap = load_snapshot(store)
    snap.records[snap.position["south-gloucestershire-2012-08-10@255c429fe26f#21"]].ref -> "20"

Built from Chroma; the BM25 part is read from `<data_dir>/bm25` when its
fingerprint matches the catalog, else rebuilt and saved (so a missing or damaged
BM25 copy, or one written by another machine's ingest, heals itself).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.lexical import LexicalIndex
from index.store import IndexedReport, Record, Store

log = logging.getLogger("report_assistant.index")


@dataclass
class Snapshot:
    fingerprint: str
    catalog: dict[str, IndexedReport]
    records: list[Record]
    lexical: LexicalIndex
    vectors: np.ndarray = None  # one normalised embedding per record, same order
    position: dict[str, int] = field(default_factory=dict)
    by_ref: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    load_ms: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, r in enumerate(self.records):
            self.position[r.id] = i
            self.by_ref.setdefault((r.report_id, r.ref), []).append(i)

    def versions(self, report_ids: list[str] | None = None) -> list[str]:
        ids = self.catalog if report_ids is None else report_ids
        return [self.catalog[r].version for r in ids if r in self.catalog]

    def paragraph(self, report_id: str, ref: str) -> list[Record]:
        return [self.records[i] for i in self.by_ref.get((report_id, str(ref)), [])]


def bm25_dir(store: Store) -> Path:
    # one BM25 copy per Chroma location, so an embedded index and a server don't share one
    name = "bm25" if not store.chroma_url else "bm25-" + "".join(c if c.isalnum() else "_" for c in store.chroma_url)
    return store.data_dir / name


def load_snapshot(store: Store, after_ingest: bool = False) -> Snapshot:
    """after_ingest: the caller just changed the index, so a BM25 rebuild is expected, not a repair."""
    t0 = time.perf_counter()
    catalog = store.catalog()
    fingerprint = store.fingerprint(catalog)
    records, vectors = store.records([c.version for c in catalog.values()])
    t1 = time.perf_counter()
    lexical = LexicalIndex.load(bm25_dir(store), fingerprint)
    rebuilt = lexical is None or lexical.size != len(records)
    if rebuilt:
        lexical = LexicalIndex.build([r.text for r in records])
        lexical.save(bm25_dir(store), fingerprint)
        if records and not after_ingest:
            log.warning("the BM25 index at %s was missing, damaged or out of date; rebuilt it from Chroma "
                        "(%d records)", bm25_dir(store), len(records))
    t2 = time.perf_counter()
    return Snapshot(fingerprint, catalog, records, lexical, vectors,
                    load_ms={"chroma_ms": (t1 - t0) * 1000, "bm25_ms": (t2 - t1) * 1000, "bm25_rebuilt": rebuilt})
