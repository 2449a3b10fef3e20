"""Chroma, wrapped: parsed reports in, `Record`s and dense hits out.

    store = Store(data_dir, Embedder())
    store.replace(parse_file("medway-2013-08-23.pdf"))   # embeds, then commits
    store.dense(vector, k=5)  -> [("medway-2013-08-23@de93da070543#14", 0.31), ...]

One Chroma record per paragraph and per recommendation bullet, in the
`paragraphs` collection. A second collection, `reports`, is the catalog: one
entry per report naming the version (content hash) that queries may see.

Replacing a report is atomic for readers: new records are written under a new
version, invisible until the catalog entry flips to it in a single upsert; the old
version is deleted afterwards. A killed ingest therefore leaves at most unseen
records, which the next ingest clears. The same code runs against an embedded
PersistentClient or a `chroma run` server (HttpClient).
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from index.embed import Embedder
from index.model import Judgement, ParsedReport, Report

SCHEMA_VERSION = 2
PARAGRAPHS = "paragraphs"
CATALOG = "reports"
_WRITE_BATCH = 128


CHROMA_TIMEOUT_S = 10.0


class IndexMismatch(RuntimeError):
    """The index on disk was built differently from how this code would build it."""


class StoreUnavailable(RuntimeError):
    """The Chroma server did not answer (down, restarting, unreachable or too slow).

    Transient: the same Store works again once the server is back.
    """


def _reachable(method):
    """Turn the HTTP client's transport errors (server mode) into StoreUnavailable."""
    import httpx  # chromadb's own HTTP client library

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except httpx.TransportError as exc:
            raise StoreUnavailable(f"the Chroma server at {self.chroma_url} did not answer "
                                   f"({exc.__class__.__name__})") from exc
    return wrapper


@dataclass(frozen=True)
class Record:
    id: str
    report_id: str
    ref: str  # citation label: "20" (also for its bullets), "S3" outside the numbering
    number: int | None
    seq: int
    kind: str
    text: str
    section: tuple[str, ...]
    judgement: str | None  # "Adequate (Grade 3)"
    timescale: str | None
    parent: int | None


@dataclass(frozen=True)
class IndexedReport:
    report: Report
    paragraphs: int  # records stored: paragraphs plus bullets and tables
    version: str


def _version(report: Report) -> str:
    return f"{report.id}@{report.sha256[:12]}"


class _ChromaEmbeddingFunction:
    """Our model as Chroma's embedding function.

    We always pass vectors ourselves; this exists so Chroma never falls back to its
    default function, which would try to download a model.
    """

    def __init__(self, embedder: Embedder):
        self._embedder = embedder

    def __call__(self, input):  # noqa: A002 - Chroma's parameter name
        return [v for v in self._embedder.embed(list(input))]

    def embed_query(self, input):  # noqa: A002
        return self(input)

    @staticmethod
    def name() -> str:
        return "report_assistant_minilm"

    def get_config(self) -> dict:
        return {"model": self._embedder.name, "dimension": self._embedder.dimension}

    @staticmethod
    def build_from_config(config: dict) -> "_ChromaEmbeddingFunction":
        return _ChromaEmbeddingFunction(Embedder())

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]

    @staticmethod
    def validate_config(config: dict) -> None:
        return None

    def validate_config_update(self, old_config: dict, new_config: dict) -> None:
        return None


def connect(data_dir: Path, chroma_url: str | None = None, timeout: float = CHROMA_TIMEOUT_S):
    """An embedded PersistentClient in data_dir, or an HttpClient for a URL like http://host:8000.

    Chroma's HTTP client waits forever by default; a server that hangs would hang every
    request of ours with it, so its session gets `timeout` seconds per operation.
    """
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        if not url.hostname:
            raise ValueError(f"chroma_url must look like http://host:port, got {chroma_url!r}")
        client = chromadb.HttpClient(host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https",
                                     settings=settings)
        session = getattr(getattr(client, "_server", None), "_session", None)
        if session is None:
            raise RuntimeError("this chromadb version hides its HTTP session; cannot bound its timeout")
        import httpx

        session.timeout = httpx.Timeout(timeout, connect=min(timeout, 3.0))
        return client
    data_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)


class Store:
    def __init__(self, data_dir: str | Path, embedder: Embedder, chroma_url: str | None = None,
                 timeout: float = CHROMA_TIMEOUT_S):
        self.data_dir = Path(data_dir)
        self.embedder = embedder
        self.chroma_url = chroma_url
        self._client = connect(self.data_dir, chroma_url, timeout)
        self._ef = _ChromaEmbeddingFunction(embedder)
        self._paragraphs = self._collection(PARAGRAPHS)
        self._catalog = self._collection(CATALOG)

    def _collection(self, name: str):
        expected = {"embedding_model": self.embedder.name, "dimension": self.embedder.dimension,
                    "schema_version": SCHEMA_VERSION}
        collection = self._client.get_or_create_collection(
            name, embedding_function=self._ef, metadata=expected, configuration={"hnsw": {"space": "cosine"}}
        )
        found = {k: (collection.metadata or {}).get(k) for k in expected}
        if found != expected:
            where = self.chroma_url or str(self.data_dir)
            raise IndexMismatch(
                f"the index at {where} was built with model {found['embedding_model']!r}, dimension "
                f"{found['dimension']}, schema {found['schema_version']}; this version needs "
                f"{expected['embedding_model']!r}, {expected['dimension']}, schema {SCHEMA_VERSION}. "
                f"Rebuild it: report-assistant ingest --rebuild PATH..."
            )
        return collection

    # -- catalog ---------------------------------------------------------------
    @_reachable
    def catalog(self) -> dict[str, IndexedReport]:
        got = self._catalog.get(include=["metadatas"])
        out = {}
        for rid, meta in zip(got["ids"], got["metadatas"]):
            data = json.loads(meta["report"])
            data["judgements"] = tuple(Judgement(**j) for j in data["judgements"])
            out[rid] = IndexedReport(Report(**data), int(meta["paragraphs"]), meta["version"])
        return dict(sorted(out.items()))

    def fingerprint(self, catalog: dict[str, IndexedReport] | None = None) -> str:
        catalog = self.catalog() if catalog is None else catalog
        versions = sorted(r.version for r in catalog.values())
        return hashlib.sha256("\n".join(versions).encode()).hexdigest()[:16]

    # -- writes -----------------------------------------------------------------
    @_reachable
    def replace(self, parsed: ParsedReport, on_progress: Callable[[int], None] | None = None) -> int:
        """Store a report's records under a new version, then make that version the visible one."""
        report = parsed.report
        version = _version(report)
        self._paragraphs.delete(where={"version": version})  # leftovers of a killed run
        paragraphs = list(parsed.paragraphs)
        for start in range(0, len(paragraphs), _WRITE_BATCH):
            batch = paragraphs[start:start + _WRITE_BATCH]
            vectors = self.embedder.embed([_embedding_text(report, p) for p in batch])
            self._paragraphs.add(
                ids=[f"{version}#{p.seq}" for p in batch],
                documents=[p.text for p in batch],
                embeddings=[v for v in vectors],
                metadatas=[_metadata(report, version, p) for p in batch],
            )
            if on_progress:
                on_progress(len(batch))
        self._catalog.upsert(
            ids=[report.id],
            embeddings=[[1.0]],
            documents=[report.title],
            metadatas=[{"version": version, "paragraphs": len(paragraphs), "report": json.dumps(report.to_json())}],
        )
        self._paragraphs.delete(where={"$and": [{"report_id": report.id}, {"version": {"$ne": version}}]})
        return len(paragraphs)

    @_reachable
    def remove(self, report_id: str) -> bool:
        if not self._catalog.get(ids=[report_id])["ids"]:
            return False
        self._catalog.delete(ids=[report_id])  # invisible from here on
        self._paragraphs.delete(where={"report_id": report_id})
        return True

    @_reachable
    def collect_garbage(self) -> int:
        """Delete records no catalog entry points at (left by a killed ingest)."""
        active = {r.version for r in self.catalog().values()}
        got = self._paragraphs.get(include=["metadatas"])
        stale = [i for i, m in zip(got["ids"], got["metadatas"]) if m["version"] not in active]
        for start in range(0, len(stale), 1000):
            self._paragraphs.delete(ids=stale[start:start + 1000])
        return len(stale)

    def drop_all(self) -> None:
        for name in (PARAGRAPHS, CATALOG):
            try:
                self._client.delete_collection(name)
            except Exception:
                pass

    # -- reads ------------------------------------------------------------------
    @_reachable
    def records(self, versions: list[str]) -> tuple[list[Record], np.ndarray]:
        """Every record of the given report versions, in report order, with their vectors."""
        if not versions:
            return [], np.zeros((0, self.embedder.dimension), dtype=np.float32)
        got = self._paragraphs.get(where=_in("version", versions), include=["metadatas", "documents", "embeddings"])
        rows = [(_record(i, m, d), e) for i, m, d, e in zip(got["ids"], got["metadatas"], got["documents"],
                                                             got["embeddings"])]
        order = {v.split("@")[0]: n for n, v in enumerate(versions)}
        rows.sort(key=lambda row: (order[row[0].report_id], row[0].seq))
        vectors = np.array([e for _, e in rows], dtype=np.float32).reshape(len(rows), self.embedder.dimension)
        return [r for r, _ in rows], vectors

    @_reachable
    def dense(self, vector: np.ndarray, k: int, versions: list[str]) -> list[tuple[str, float]]:
        """Nearest records by cosine distance among the given versions."""
        if not versions or k < 1:
            return []
        got = self._paragraphs.query(query_embeddings=[vector.tolist()], n_results=k,
                                     where=_in("version", versions), include=["distances"])
        return list(zip(got["ids"][0], got["distances"][0]))

    @_reachable
    def count(self) -> int:
        return self._paragraphs.count()


def _in(field: str, values: list[str]) -> dict:
    return {field: values[0]} if len(values) == 1 else {field: {"$in": list(values)}}


def _embedding_text(report: Report, p) -> str:
    # The section and deadline carry meaning the sentence itself often lacks
    # ("ensure that ..." under "Within three months" in looked-after services).
    context = " > ".join(p.section[-2:])
    prefix = f"{context}. {p.timescale}: " if p.timescale else f"{context}. "
    return prefix + p.text


def _metadata(report: Report, version: str, p) -> dict:
    return {
        "report_id": report.id,
        "version": version,
        "authority": report.authority,
        "year": report.year or 0,
        "ref": p.ref,
        "number": p.number if p.number is not None else -1,
        "parent": p.parent if p.parent is not None else -1,
        "seq": p.seq,
        "kind": p.kind,
        "section": json.dumps(list(p.section)),
        "judgement": p.judgement.label() if p.judgement else "",
        "timescale": p.timescale or "",
    }


def _record(record_id: str, meta: dict, text: str) -> Record:
    return Record(
        id=record_id,
        report_id=meta["report_id"],
        ref=meta["ref"],
        number=None if meta["number"] < 0 else meta["number"],
        seq=meta["seq"],
        kind=meta["kind"],
        text=text,
        section=tuple(json.loads(meta["section"])),
        judgement=meta["judgement"] or None,
        timescale=meta["timescale"] or None,
        parent=None if meta["parent"] < 0 else meta["parent"],
    )
