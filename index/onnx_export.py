"""The bundled all-MiniLM-L6-v2 as an ONNX graph: exported once from its local weights, then
run by onnxruntime without torch.

    model_file(cache_dir, "int8") -> Path(".../all-MiniLM-L6-v2-int8-3c1d9e....onnx")

The graph takes token ids and returns the sentence embedding itself (mean pooling and
L2 normalisation are inside it), exactly what sentence-transformers computes. Variants:
- "fp32": the same model, vectors within 1e-6 of sentence-transformers' (tests check 1e-3);
- "int8": fused attention and per-channel int8 weights: ~1.6x the paragraphs per second on
  these CPUs, vectors at cosine ~0.99 of fp32, retrieval quality measured in the evals.

Export needs torch and sentence-transformers (installed with the project) and takes
~10 s; the result is cached, keyed by the weights' hash and the exporter's settings,
behind a file lock so parallel processes export it once.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from pathlib import Path

VARIANTS = ("int8", "fp32")
EXPORT_VERSION = "1"  # bump when the graph or quantisation settings change


def weights_digest(model_path: Path) -> str:
    h = hashlib.sha256()
    with open(model_path / "model.safetensors", "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]


def model_file(cache_dir: Path, variant: str, model_path: Path) -> Path:
    """The cached ONNX file for `variant`, exporting it first if it is not there yet."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"all-MiniLM-L6-v2-{variant}-{weights_digest(model_path)}-v{EXPORT_VERSION}.onnx"
    if target.exists():
        return target
    with open(cache_dir / ".export.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be exporting the same file
        if not target.exists():
            _export(model_path, target, variant)
    return target


def _export(model_path: Path, target: Path, variant: str) -> None:
    import warnings

    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer
    from sentence_transformers import SentenceTransformer

    # eager attention exports as plain ops that onnxruntime can fuse into its Attention kernel
    st = SentenceTransformer(str(model_path), device="cpu", local_files_only=True,
                             model_kwargs={"attn_implementation": "eager"})
    bert = st[0].auto_model.eval()

    class SentenceEmbedding(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    ids = torch.tensor([[101, 7592, 2088, 102, 0], [101, 2246, 2044, 2336, 102]])
    axes = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        raw, fused = Path(tmp) / "raw.onnx", Path(tmp) / "fused.onnx"
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes it treats as constants
            torch.onnx.export(SentenceEmbedding(bert), (ids, (ids > 0).long(), torch.zeros_like(ids)), str(raw),
                              input_names=["input_ids", "attention_mask", "token_type_ids"],
                              output_names=["embedding"], dynamic_axes={**axes, "embedding": {0: "batch"}},
                              opset_version=17, dynamo=False)
        optimizer.optimize_model(str(raw), model_type="bert", num_heads=12, hidden_size=384).save_model_to_file(
            str(fused))
        out = Path(tmp) / "model.onnx"
        if variant == "fp32":
            os.replace(fused, out)
        else:
            quantize_dynamic(str(fused), str(out), weight_type=QuantType.QInt8, per_channel=True,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        os.replace(out, target)  # whole or not at all
