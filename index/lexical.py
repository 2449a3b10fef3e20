"""BM25 over stored records, saved next to Chroma and rebuilt from it when stale.

    LexicalIndex.build(["looked after children", "dental checks"]).scores("dentist checks")
    -> array([0.  , 0.98])   # stemming maps "checks"/"check"; "dentist" != "dental"

The saved copy starts with a version line and the fingerprint of the catalog it
was built from; loading checks both and returns None on any mismatch or damage,
so the caller rebuilds instead of failing.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

FORMAT = "report-assistant-bm25 v1"
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other
    our ours out over own same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom why will with would
    you your yours did get got tell say said""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    words = [w.replace("’", "'").split("'")[0] for w in _WORD.findall(text.lower())]
    return _stemmer().stemWords([w for w in words if w and w not in STOPWORDS])


class LexicalIndex:
    def __init__(self, retriever, size: int):
        self._bm25 = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        import bm25s

        retriever = bm25s.BM25()
        corpus = [tokenize(t) or ["∅"] for t in texts]
        if corpus:
            retriever.index(corpus, show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str) -> np.ndarray:
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        vocab = self._bm25.vocab_dict
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def save(self, directory: Path, fingerprint: str) -> None:
        """Write to a temporary folder and rename it into place, so a reader never sees half a file."""
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".bm25-", dir=directory.parent))
        try:
            if self.size:
                self._bm25.save(str(tmp / "bm25"))
            (tmp / "meta.json").write_text(json.dumps({"format": FORMAT, "fingerprint": fingerprint,
                                                        "size": self.size}))
            old = directory.with_name(directory.name + ".old")
            if directory.exists():
                os.replace(directory, old)
            os.replace(tmp, directory)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path, fingerprint: str) -> "LexicalIndex | None":
        import bm25s

        try:
            meta = json.loads((Path(directory) / "meta.json").read_text())
            if meta.get("format") != FORMAT or meta.get("fingerprint") != fingerprint:
                return None
            size = int(meta["size"])
            if not size:
                return cls(bm25s.BM25(), 0)
            retriever = bm25s.BM25.load(str(Path(directory) / "bm25"))
            if retriever.scores["num_docs"] != size:
                return None
            return cls(retriever, size)
        except Exception:  # damaged or partial: the caller rebuilds from Chroma
            return None
