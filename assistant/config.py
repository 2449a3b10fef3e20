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

    def __post_init__(self):
        if self.mode not in ("extractive", "llm"):
            raise ValueError(f"mode must be 'extractive' or 'llm', got {self.mode!r}")
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
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["data_dir"] = Path(values["data_dir"])
        return cls(**values)


def _seconds(env, name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, got {raw!r}") from None


def open_store(settings: Settings):
    from index.embed import Embedder
    from index.store import Store

    return Store(settings.data_dir, Embedder(), chroma_url=settings.chroma_url, timeout=settings.chroma_timeout)


def build_assistant(settings: Settings, store=None):
    from assistant.answer import Assistant
    from assistant.retrieve import Retriever

    store = store or open_store(settings)
    generator = None
    if settings.mode == "llm":
        from assistant.llm import Generator, chat_model_from_settings

        generator = Generator(chat_model_from_settings(settings), timeout=settings.llm_timeout)
    return Assistant(Retriever(store), generator=generator)


def ensure_sample(store) -> bool:
    """Ingest the bundled sample report into an empty index. True if it did."""
    if store.catalog():
        return False
    from index.ingest import Ingestor

    Ingestor(store).run([SAMPLE_REPORT])
    return True
