"""Chroma, wrapped: parsed reports and their vectors in, `Record`s out, every call paged.

    store = Store(data_dir, Embedder(cache_dir))
    store.replace(parsed, vectors)            # writes, then commits
    store.records(versions, vectors=True)    -> ([Record(...), ...], array of shape (n, 384))

One Chroma record per paragraph and per recommendation bullet, in the `paragraphs`
collection. A second collection, `reports`, is the catalog: one entry per report naming
the version (content hash) that readers may see.

Replacing a report is atomic for readers: its new records are written under a new
version, invisible until the catalog entry flips to it in one upsert; the old version
is deleted afterwards. Both versions are listed in a third collection, `pending`, for
the length of the swap, so the records a killed ingest leaves behind are found and
deleted by the next one without reading the whole index.

Chroma's embedded store is SQLite: one call that touches more than ~32,700 records fails
("too many SQL variables"), so every read and write goes in pages. After each commit the
store writes `<data_dir>/index-state.json` (the catalog's fingerprint), which lets a cold
`report-assistant ask` use its cached snapshot without opening Chroma at all.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.model import ParsedReport, Report
from index.parse import PARSER_VERSION

SCHEMA_VERSION = 3
PARAGRAPHS = "paragraphs"
CATALOG = "reports"
PENDING = "pending"
PAGE = 5000  # records per read: far below SQLite's variable limit
WRITE_BATCH = 1000  # records per add
STATE_FILE = "index-state.json"
CHROMA_TIMEOUT_S = 10.0


class IndexMismatch(RuntimeError):
    """The index on disk was built differently from how this code would build it."""


class StoreUnavailable(RuntimeError):
    """The Chroma server did not answer (down, restarting, unreachable or too slow).

    Transient: the same Store works again once the server is back.
    """


def _reachable(method):
    """Turn the HTTP client's transport errors (server mode) into StoreUnavailable."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:
            import httpx  # chromadb's own HTTP client; imported here, it stays off a cold `ask`'s path

            if isinstance(exc, httpx.TransportError):
                raise StoreUnavailable(f"the Chroma server at {self.chroma_url} did not answer "
                                       f"({exc.__class__.__name__})") from exc
            raise
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
    parser: str = ""  # the parser that read it: a report read by an older one is re-read on the next ingest


def version_of(report: Report) -> str:
    """The id of one reading of one file: a changed file or a changed parser is a new version."""
    parser = hashlib.sha256(PARSER_VERSION.encode()).hexdigest()[:6]
    return f"{report.id}@{report.sha256[:12]}.{parser}"


def fingerprint(catalog: dict[str, IndexedReport]) -> str:
    """Names the exact set of report versions; any ingest or removal changes it."""
    return _fingerprint_of(entry.version for entry in catalog.values())


def _fingerprint_of(versions) -> str:
    return hashlib.sha256("\n".join(sorted(versions)).encode()).hexdigest()[:16]


def _state(data_dir: Path) -> dict:
    try:
        state = json.loads((Path(data_dir) / STATE_FILE).read_text())
        return state if isinstance(state, dict) and state.get("schema") == SCHEMA_VERSION else {}
    except (OSError, ValueError):
        return {}


def read_state(data_dir: Path) -> str | None:
    """The fingerprint the last commit on this machine left, or None."""
    return _state(data_dir).get("fingerprint")


def read_state_model(data_dir: Path) -> str | None:
    """The embedding model the index the last commit left was built with."""
    return _state(data_dir).get("model")


class _NoEmbedder:
    """What Chroma gets when it rebuilds our function from a collection's config: we never let it embed."""
    name = "report-assistant"
    dimension = 384

    def embed(self, texts):
        raise RuntimeError("report-assistant always passes its own vectors")


class _ChromaEmbeddingFunction:
    """Our model as Chroma's embedding function.

    We always pass vectors ourselves; this exists so Chroma never falls back to its
    default function, which would try to download a model.
    """

    def __init__(self, embedder):
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
        return _ChromaEmbeddingFunction(_NoEmbedder())

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
    def __init__(self, data_dir: str | Path, embedder, chroma_url: str | None = None,
                 timeout: float = CHROMA_TIMEOUT_S):
        self.data_dir = Path(data_dir)
        self.embedder = embedder
        self.chroma_url = chroma_url
        self._client = connect(self.data_dir, chroma_url, timeout)
        self._ef = _ChromaEmbeddingFunction(embedder)
        self._paragraphs = self._collection(PARAGRAPHS)
        self._catalog = self._collection(CATALOG)
        self._pending = self._collection(PENDING)

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

    @property
    def location(self) -> str:
        """Where the index lives, for naming local caches derived from it."""
        return self.chroma_url or "embedded"

    # -- catalog ---------------------------------------------------------------
    @_reachable
    def catalog(self) -> dict[str, IndexedReport]:
        out = {}
        for ids, metas in self._pages(self._catalog, include=["metadatas"]):
            for rid, meta in zip(ids, metas):
                out[rid] = IndexedReport(Report.from_json(json.loads(meta["report"])), int(meta["paragraphs"]),
                                         meta["version"], meta.get("parser", ""))
        return dict(sorted(out.items()))

    def fingerprint(self, catalog: dict[str, IndexedReport] | None = None) -> str:
        if catalog is not None:
            return fingerprint(catalog)
        return _fingerprint_of(self._versions())

    @_reachable
    def _versions(self) -> list[str]:
        # the catalog's versions alone: what fingerprint() needs, without decoding every report
        return [meta["version"] for _, metas in self._pages(self._catalog, include=["metadatas"]) for meta in metas]

    def committed(self) -> str:
        """What the index holds now, cheaply, for a process that keeps a snapshot current. On this
        machine, the fingerprint the last commit wrote beside the index (a small file, no Chroma
        read: checking Chroma itself took 100 ms over the whole corpus, on the answer's path). A
        server's index can change from any machine, so there Chroma is asked."""
        if not self.chroma_url:
            state = read_state(self.data_dir)
            if state:
                return state
        return self.fingerprint()

    def write_state(self, catalog: dict[str, IndexedReport] | None = None) -> str:
        """Record the committed fingerprint beside the index (atomically)."""
        value = self.fingerprint(catalog)
        if not self.chroma_url:  # another machine's ingest can change a server's index: ask the server
            tmp = self.data_dir / f".{STATE_FILE}.{os.getpid()}"
            tmp.write_text(json.dumps({"fingerprint": value, "schema": SCHEMA_VERSION, "model": self.embedder.name}))
            os.replace(tmp, self.data_dir / STATE_FILE)
        return value

    # -- writes -----------------------------------------------------------------
    @_reachable
    def replace(self, parsed: ParsedReport, vectors: np.ndarray) -> int:
        """Store a report's records and vectors under a new version, then make that version the visible one."""
        report = parsed.report
        version = version_of(report)
        paragraphs = list(parsed.paragraphs)
        if len(vectors) != len(paragraphs):
            raise ValueError(f"{len(paragraphs)} paragraphs but {len(vectors)} vectors")
        old = self._catalog.get(ids=[report.id], include=["metadatas"])
        old_version = old["metadatas"][0]["version"] if old["ids"] else None
        self._mark_pending([v for v in (version, old_version) if v])
        self._paragraphs.delete(where={"version": version})  # leftovers of a killed run of this same version
        for start in range(0, len(paragraphs), WRITE_BATCH):
            batch = paragraphs[start:start + WRITE_BATCH]
            self._paragraphs.add(
                ids=[f"{version}#{p.seq}" for p in batch],
                documents=[p.text for p in batch],
                embeddings=vectors[start:start + WRITE_BATCH],
                metadatas=[_metadata(report, version, p) for p in batch],
            )
        self._catalog.upsert(
            ids=[report.id],
            embeddings=[[1.0]],
            documents=[report.title],
            metadatas=[{"version": version, "paragraphs": len(paragraphs), "report": json.dumps(report.to_json()),
                        "parser": PARSER_VERSION}],
        )
        if old_version and old_version != version:
            self._paragraphs.delete(where={"version": old_version})
        self._pending.delete(ids=[v for v in (version, old_version) if v])
        return len(paragraphs)

    def _mark_pending(self, versions: list[str]) -> None:
        self._pending.upsert(ids=versions, embeddings=[[1.0]] * len(versions), documents=versions)

    @_reachable
    def remove(self, report_id: str) -> bool:
        entry = self._catalog.get(ids=[report_id], include=["metadatas"])
        if not entry["ids"]:
            return False
        version = entry["metadatas"][0]["version"]
        self._mark_pending([version])
        self._catalog.delete(ids=[report_id])  # invisible from here on
        self._paragraphs.delete(where={"version": version})
        self._pending.delete(ids=[version])
        return True

    @_reachable
    def collect_garbage(self) -> int:
        """Delete the records of versions a killed ingest left half-written or half-replaced."""
        active = {entry.version for entry in self.catalog().values()}
        stale = [v for ids, _ in self._pages(self._pending, include=[]) for v in ids]
        removed = 0
        for version in stale:
            if version not in active:
                found = self._paragraphs.get(where={"version": version}, include=[])
                removed += len(found["ids"])
                self._paragraphs.delete(where={"version": version})
        if stale:
            self._pending.delete(ids=stale)
        return removed

    def drop_all(self) -> None:
        for name in (PARAGRAPHS, CATALOG, PENDING):
            try:
                self._client.delete_collection(name)
            except Exception:
                pass
        (self.data_dir / STATE_FILE).unlink(missing_ok=True)

    # -- reads ------------------------------------------------------------------
    def _pages(self, collection, include: list[str], where: dict | None = None):
        offset = 0
        while True:
            got = collection.get(where=where, include=include, limit=PAGE, offset=offset)
            if not got["ids"]:
                return
            yield got["ids"], got.get("metadatas") or [None] * len(got["ids"])
            if len(got["ids"]) < PAGE:
                return
            offset += PAGE

    @_reachable
    def records(self, versions: list[str], vectors: bool = True) -> tuple[list[Record], np.ndarray]:
        """Every record of the given report versions, in the versions' order and report order, with
        their vectors; read a page at a time."""
        if not versions:
            return [], np.zeros((0, self.embedder.dimension), dtype=np.float32)
        include = ["metadatas", "documents"] + (["embeddings"] if vectors else [])
        rows: list[tuple[Record, np.ndarray | None]] = []
        for start in range(0, len(versions), 200):  # a bounded $in per query
            chunk = versions[start:start + 200]
            where = {"version": chunk[0]} if len(chunk) == 1 else {"version": {"$in": chunk}}
            offset = 0
            while True:
                got = self._paragraphs.get(where=where, include=include, limit=PAGE, offset=offset)
                embeddings = got.get("embeddings") if vectors else None
                for n, (i, m, d) in enumerate(zip(got["ids"], got["metadatas"], got["documents"])):
                    rows.append((_record(i, m, d), embeddings[n] if embeddings is not None else None))
                if len(got["ids"]) < PAGE:
                    break
                offset += PAGE
        order = {v.split("@")[0]: n for n, v in enumerate(versions)}
        rows.sort(key=lambda row: (order[row[0].report_id], row[0].seq))
        matrix = (np.array([e for _, e in rows], dtype=np.float32).reshape(len(rows), self.embedder.dimension)
                  if vectors else np.zeros((0, self.embedder.dimension), dtype=np.float32))
        return [r for r, _ in rows], matrix

    @_reachable
    def count(self) -> int:
        return self._paragraphs.count()


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
        "judged_area": p.judgement.area if p.judgement else "",
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


def embedding_text(p) -> str:
    """What is embedded for a paragraph: its section and deadline carry meaning the sentence
    itself often lacks ("ensure that ..." under "Within three months" in looked-after services)."""
    context = " > ".join(p.section[-2:])
    prefix = f"{context}. {p.timescale}: " if p.timescale else f"{context}. "
    return prefix + p.text
