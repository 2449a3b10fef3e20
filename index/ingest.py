"""Paths -> reports in the store: parse in parallel, embed, commit report by report, then
refresh the snapshot cache from what was just written.

    ingestor = Ingestor(store)
    ingestor.run([Path("reports/")]) -> IngestResult(added=[...], skipped=[...], failed=[...])

- A bad file never stops the batch: it is listed with its one-line reason.
- An unchanged file is recognised by its hash before it is parsed; so re-running an
  interrupted ingest skips every report it committed and embeds only the rest.
- A report re-read because the parser changed keeps the vector of every paragraph it reads
  the same (same text, section and deadline): only changed text is embedded again.
- Each report is committed on its own (index.store), so killing the process at any
  point loses at most the report being written, which the next run redoes.
- `self.result` is filled in as the run goes, so a caller can report what was done even
  when the run is interrupted.
- One writer at a time per index folder (`ingest_lock`): a second ingest, an upload from
  the web page or a removal waits for the one running to finish.
"""
from __future__ import annotations

import fcntl
import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from index.audit import collect_files, parse_many
from index.model import ParsedReport, ParseError, Report
from index.parse import PARSER_VERSION
from index.snapshot import Snapshot, build, load_cached, load_snapshot, save, snapshot_dir
from index.store import (IndexedReport, Record, Store, StoreUnavailable, embedding_text, fingerprint,
                         read_state_model, version_of)


PROGRESS_STEP = 32  # paragraphs embedded between progress reports when someone watches one upload
# Paragraphs embedded in one call across consecutive reports. The embedder sorts a call's texts by
# length, so a batch pads to nearly its own length: over the whole corpus, report-by-report calls
# ran 14% more tokens through the model than the text holds; windows of 512 paragraphs 3%.
# A killed ingest loses at most one window's embedding (reports are still committed one by one).
EMBED_WINDOW = 512


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # added over an older file of the same report
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: int = 0
    seconds: float = 0.0
    stopped: str = ""  # why the run ended early, if it did

    @property
    def rate(self) -> float:
        return self.paragraphs / self.seconds if self.seconds else 0.0


def clash(new: Report, old: Report) -> str | None:
    """Why `new` must not replace the indexed `old` that has its id, or None when it is the same
    report (a corrected or renamed file of the same inspection)."""
    if (new.type, new.inspection_start) == (old.type, old.inspection_start) or new.source == old.source:
        return None
    return (f"the same id {new.id!r} as the indexed {old.source} ({old.type}, inspected {old.inspection_dates}), "
            f"but this file is {new.type}, inspected {new.inspection_dates}; remove that report first if this "
            f"one replaces it")


@contextmanager
def ingest_lock(data_dir: Path):
    """Hold the index folder's writer lock; waits while another process or thread holds it.
    (With a Chroma server the lock covers writers that share this folder, i.e. this machine.)"""
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(data_dir) / ".ingest.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Ingestor:
    def __init__(self, store: Store, workers: int | None = None,
                 on_parsed: Callable[[int, int], None] | None = None,
                 on_start: Callable[[int, int], None] | None = None,
                 on_progress: Callable[[int], None] | None = None,
                 on_report: Callable[[str, int], None] | None = None):
        """on_parsed(files done, files): parsing progress; on_start(reports, paragraphs): what will be
        embedded; on_progress(paragraphs): embedded and written; on_report(id, paragraphs): committed."""
        self.store = store
        self.workers = workers
        self.on_parsed = on_parsed
        self.on_start = on_start
        self.on_progress = on_progress
        self.on_report = on_report
        self.result = IngestResult()
        self._known: dict[str, np.ndarray] = {}  # text -> vector, while commit() runs (_indexed_vectors)

    def run(self, paths: list[Path]) -> IngestResult:
        with ingest_lock(self.store.data_dir):
            return self.commit(self.plan(paths))

    def plan(self, paths: list[Path]) -> list[ParsedReport]:
        """Parse what needs indexing; unchanged files go to result.skipped, bad ones to result.failed.
        Nothing is written. The caller holds ingest_lock from here to commit()."""
        result = self.result = IngestResult()
        files, result.failed = collect_files([Path(p) for p in paths])
        self.store.collect_garbage()
        return self._plan(files, self.store.catalog(), result)

    def commit(self, todo: list[ParsedReport],
               on_embedded: Callable[[str, int, int], None] | None = None) -> IngestResult:
        """Embed and write each planned report, committing them one by one, then refresh the
        snapshot cache. on_embedded(report id, paragraphs embedded, paragraphs): finer progress
        within each report, for a user watching one upload."""
        result = self.result
        before = fingerprint(self.store.catalog())
        previous = self._previous_if_rereading(before, todo)
        self._known = self._indexed_vectors(previous, todo)
        if self.on_start:
            self.on_start(len(todo), sum(len(p.paragraphs) for p in todo))
        written: list[tuple[ParsedReport, object]] = []
        start = time.perf_counter()
        try:
            embedded: dict[int, np.ndarray] = {}
            for n, parsed in enumerate(todo):
                try:
                    if n not in embedded:
                        embedded = self._embed_from(todo, n, on_embedded)
                    vectors = embedded.pop(n)
                    count = self.store.replace(parsed, vectors)
                except StoreUnavailable as exc:
                    result.stopped = str(exc)
                    result.failed += [(p.report.source, "not ingested: the index stopped answering") for p in todo[n:]]
                    break
                written.append((parsed, vectors))
                result.paragraphs += count
                result.added.append(parsed.report.id)
                if self.on_progress:
                    self.on_progress(count)
                if self.on_report:
                    self.on_report(parsed.report.id, count)
        finally:
            result.seconds = time.perf_counter() - start
            self._known = {}
        if written:
            self._refresh_snapshot(before, written, previous)
        return result

    def remove(self, report_id: str) -> bool:
        """Remove one report and refresh the snapshot cache without it. False if it is not indexed."""
        with ingest_lock(self.store.data_dir):
            catalog = self.store.catalog()
            if report_id not in catalog:
                return False
            before = fingerprint(catalog)
            self.store.remove(report_id)
            directory = snapshot_dir(self.store.data_dir, self.store.location)
            previous = load_cached(directory, before)
            catalog = self.store.catalog()
            if previous is None or set(catalog) - set(previous.catalog):
                load_snapshot(self.store, after_ingest=True)
                return True
            rows = previous.rows(list(catalog))
            save(build(catalog, [previous.records[i] for i in rows], previous.vectors[rows]), directory)
            self.store.write_state(catalog)
            return True

    def _embed_from(self, todo: list[ParsedReport], first: int, on_embedded) -> dict[int, np.ndarray]:
        """Vectors for todo[first] and the reports after it that fit in one EMBED_WINDOW, by index."""
        if on_embedded is not None:  # someone watches each report's progress: one report at a time
            return {first: self._embed(todo[first], on_embedded)}
        chosen, size = [], 0
        for n in range(first, len(todo)):
            if chosen and size + len(todo[n].paragraphs) > EMBED_WINDOW:
                break
            chosen.append(n)
            size += len(todo[n].paragraphs)
        texts = [embedding_text(p) for n in chosen for p in todo[n].paragraphs]
        vectors = self._vectors(texts)
        out, start = {}, 0
        for n in chosen:
            out[n] = vectors[start:start + len(todo[n].paragraphs)]
            start += len(todo[n].paragraphs)
        return out

    def _embed(self, parsed: ParsedReport, on_embedded) -> np.ndarray:
        texts = [embedding_text(p) for p in parsed.paragraphs]
        parts = []
        for start in range(0, len(texts), PROGRESS_STEP):
            parts.append(self._vectors(texts[start:start + PROGRESS_STEP]))
            on_embedded(parsed.report.id, min(start + PROGRESS_STEP, len(texts)), len(texts))
        return np.concatenate(parts) if parts else self.store.embedder.embed([])

    def _previous_if_rereading(self, before: str, todo: list[ParsedReport]) -> Snapshot | None:
        """The cached snapshot, loaded once for both its uses, when the planned reports include ones already
        indexed (by this index's own model); None otherwise, so a plain upload does not load it early."""
        catalog = self.store.catalog()
        if not any(p.report.id in catalog for p in todo) or \
                read_state_model(self.store.data_dir) != self.store.embedder.name:
            return None
        return load_cached(snapshot_dir(self.store.data_dir, self.store.location), before)

    @staticmethod
    def _indexed_vectors(previous: Snapshot | None, todo: list[ParsedReport]) -> dict[str, np.ndarray]:
        """The vectors the index holds for the planned reports it already has, by the text each
        embeds. A newer parser re-reads every report, and most paragraphs come out the same: without
        these, a parser fix cost a whole-corpus ingest (23 minutes here) instead of a re-read."""
        if previous is None:
            return {}
        rows = previous.rows([p.report.id for p in todo])
        return {embedding_text(previous.records[i]): previous.vectors[i].copy() for i in rows}

    def _vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors for texts: the index's own where it has them, the rest embedded now."""
        new = [t for t in dict.fromkeys(texts) if t not in self._known]
        if len(new) == len(texts):
            return self.store.embedder.embed(texts)
        if new:
            self._known.update(zip(new, self.store.embedder.embed(new)))
        return np.stack([self._known[t] for t in texts]).astype(np.float32)

    def _plan(self, files: list[Path], catalog: dict[str, IndexedReport], result: IngestResult) -> list[ParsedReport]:
        """Which files to embed: unchanged ones skipped by hash, bad ones and clashes failed."""
        # a report read by an older parser is read again, as if it had changed
        known = {entry.report.sha256: rid for rid, entry in catalog.items() if entry.parser == PARSER_VERSION}
        seen: dict[str, tuple[str, str]] = {}  # report id -> (path, sha256) of the file that claimed it
        to_parse = []
        for path in files:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                result.failed.append((str(path), f"cannot read the file ({exc.strerror})"))
                continue
            if digest in known and known[digest] not in seen:
                seen[known[digest]] = (str(path), digest)
                result.skipped.append(known[digest])
                continue
            to_parse.append((path, digest))
        todo = []
        for done, (path, parsed) in enumerate(parse_many([p for p, _ in to_parse], self.workers), 1):
            if self.on_parsed:
                self.on_parsed(done, len(to_parse))
            digest = dict(to_parse)[path]
            if isinstance(parsed, ParseError):
                result.failed.append((str(path), parsed.reason))
                continue
            rid = parsed.report.id
            if rid in seen:
                first, first_digest = seen[rid]
                reason = (f"the same file as {first}; skipped" if first_digest == digest else
                          f"the same report id {rid!r} as {first}, but a different file: not indexed; "
                          f"check which of the two is right with report-assistant audit")
                result.failed.append((str(path), reason))
                continue
            seen[rid] = (str(path), digest)
            if rid in catalog and (catalog[rid].report.sha256 != digest or catalog[rid].parser != PARSER_VERSION):
                why = clash(parsed.report, catalog[rid].report)
                if why:
                    result.failed.append((str(path), why))
                    continue
                if catalog[rid].report.sha256 != digest:
                    result.replaced.append(rid)
            todo.append(parsed)
        return todo

    def _refresh_snapshot(self, before: str, written: list[tuple[ParsedReport, object]],
                          previous: Snapshot | None = None) -> None:
        """The new snapshot from the old one (`previous`, if commit() loaded it already) plus what was just
        written: no re-reading of the whole index from Chroma, unless the old snapshot is not cached."""
        directory = snapshot_dir(self.store.data_dir, self.store.location)
        catalog = self.store.catalog()
        previous = previous if previous is not None else load_cached(directory, before)
        fresh = {parsed.report.id for parsed, _ in written}
        if previous is None or set(catalog) - set(previous.catalog) - fresh:
            load_snapshot(self.store, after_ingest=True)  # another writer changed it too: read it all
            return
        keep = [rid for rid in catalog if rid not in fresh]
        records: list[Record] = []
        vectors = []
        for rid in catalog:
            if rid in fresh:
                parsed, matrix = next(w for w in written if w[0].report.id == rid)
                records += [_record(parsed.report, p) for p in parsed.paragraphs]
                vectors.append(np.asarray(matrix, dtype=np.float32))
            elif rid in keep:
                rows = previous.rows([rid])
                records += [previous.records[i] for i in rows]
                vectors.append(previous.vectors[rows])
        snap: Snapshot = build(catalog, records, np.concatenate(vectors) if vectors else previous.vectors[:0])
        save(snap, directory)
        self.store.write_state(catalog)


def _record(report: Report, p) -> Record:
    return Record(id=f"{version_of(report)}#{p.seq}", report_id=report.id, ref=p.ref, number=p.number, seq=p.seq,
                  kind=p.kind, text=p.text, section=p.section, judgement=p.judgement.label() if p.judgement else None,
                  timescale=p.timescale, parent=p.parent)
