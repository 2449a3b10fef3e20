"""Settings, and the one place that turns them into a working assistant.

The CLI and the web app read flags and environment variables into `Settings`;
library code only ever receives explicit values.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_REPORT = REPO_ROOT / "data" / "reports" / "south-gloucestershire-2012-08-10.txt"


def default_data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "report-assistant"


def default_model_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "report-assistant" / "models"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    chroma_url: str | None = None
    mode: str = "extractive"
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_gguf: str | None = None
    llm_timeout: float = 30.0  # seconds for a whole generation before the extractive answer is used
    chroma_timeout: float = 10.0  # seconds per Chroma server operation before it counts as unavailable
    model_cache: Path | None = None  # where the ONNX export of the embedding model is kept
    embedding: str = "int8"  # "int8" (default, faster) or "fp32"; an index is built and read with one

    def __post_init__(self):
        if self.mode not in ("extractive", "llm"):
            raise ValueError(f"mode must be 'extractive' or 'llm', got {self.mode!r}")
        if self.embedding not in ("int8", "fp32"):
            raise ValueError(f"REPORT_ASSISTANT_EMBEDDING must be 'int8' or 'fp32', got {self.embedding!r}")
        for name in ("llm_timeout", "chroma_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be a positive number of seconds, got {getattr(self, name)!r}")

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        chroma_url = env.get("REPORT_ASSISTANT_CHROMA_URL")
        if not chroma_url and env.get("CHROMA_HOST"):
            chroma_url = f"http://{env['CHROMA_HOST']}:{env.get('CHROMA_PORT', '8000')}"
        values = dict(
            data_dir=Path(env.get("REPORT_ASSISTANT_DATA") or default_data_dir()),
            chroma_url=chroma_url,
            mode=env.get("REPORT_ASSISTANT_MODE", "extractive"),
            llm_base_url=env.get("REPORT_ASSISTANT_LLM_URL"),
            llm_model=env.get("REPORT_ASSISTANT_LLM_MODEL"),
            llm_api_key=env.get("REPORT_ASSISTANT_LLM_API_KEY"),
            llm_gguf=env.get("REPORT_ASSISTANT_LLM_GGUF"),
            llm_timeout=_seconds(env, "REPORT_ASSISTANT_LLM_TIMEOUT", 30.0),
            chroma_timeout=_seconds(env, "REPORT_ASSISTANT_CHROMA_TIMEOUT", 10.0),
            model_cache=env.get("REPORT_ASSISTANT_MODEL_CACHE") or default_model_cache(),
            embedding=env.get("REPORT_ASSISTANT_EMBEDDING", "int8"),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["data_dir"] = Path(values["data_dir"])
        values["model_cache"] = Path(values["model_cache"])
        return cls(**values)


def _seconds(env, name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, got {raw!r}") from None


def embedder(settings: Settings):
    from index.embed import Embedder

    return Embedder(settings.model_cache, variant=settings.embedding)


def open_store(settings: Settings):
    from index.store import Store

    return Store(settings.data_dir, embedder(settings), chroma_url=settings.chroma_url,
                 timeout=settings.chroma_timeout)


def build_assistant(settings: Settings, store=None, snapshot=None, model=None):
    """An assistant over a Store (kept current as others ingest), or over a fixed snapshot
    (a one-off command that should not pay for opening Chroma). `model`: an Embedder already
    made for these settings (see cold_assistant)."""
    from assistant.answer import Assistant
    from assistant.retrieve import Retriever

    if snapshot is not None:
        retriever = Retriever(snapshot, embedder=model or embedder(settings))
    else:
        retriever = Retriever(store or open_store(settings))
    generator = None
    if settings.mode == "llm":
        from assistant.llm import Generator, chat_model_from_settings

        generator = Generator(chat_model_from_settings(settings), timeout=settings.llm_timeout)
    return Assistant(retriever, generator=generator)


def cached_snapshot(settings: Settings):
    """The snapshot this machine's last commit left, when it can be trusted without asking Chroma:
    an embedded index, built with the model this code uses. Else None."""
    if not _cache_trusted(settings):
        return None
    from index.snapshot import load_current

    return load_current(settings.data_dir)


def _cache_trusted(settings: Settings) -> bool:
    if settings.chroma_url:
        return False  # another machine may have changed a server's index
    from index.store import read_state_model

    return read_state_model(settings.data_dir) == embedder(settings).name


def cold_assistant(settings: Settings):
    """For a one-off question: an assistant over the snapshot the last commit cached, or None when
    there is none to trust. The model loads on a second thread while the snapshot is read (its
    session is built in native code, mostly outside the GIL): a cold `ask` waits for the longer
    of the two, not for both."""
    import threading

    if not _cache_trusted(settings):
        return None  # the caller opens the store, whose embedder loads the model: not twice
    model = embedder(settings)

    def warm():
        try:
            model.warm()
        except Exception:  # noqa: BLE001 - the question's own embedding raises it again, on the main thread
            pass

    warming = threading.Thread(target=warm, name="model-warm-up", daemon=True)
    warming.start()
    from index.snapshot import load_current

    snapshot = load_current(settings.data_dir)
    if snapshot is None:
        return None
    return build_assistant(settings, snapshot=snapshot, model=model)


def corpus_files(listing: Path) -> list[Path]:
    """The report files an eval corpus listing names, relative to the repository root."""
    out = []
    for line in listing.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            out.append((REPO_ROOT / line.strip()).resolve())
    return out


def ensure_sample(store) -> bool:
    """Ingest the bundled sample report into an empty index. True if it did."""
    if store.catalog():
        return False
    from index.ingest import Ingestor

    Ingestor(store).run([SAMPLE_REPORT])
    return True
