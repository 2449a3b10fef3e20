"""BM25 over stored records, in numpy alone: a token's postings are a slice of three arrays.

    index = LexicalIndex.build(["looked after children", "dental checks"])
    index.scores("dentist checks") -> array([0.  , 0.98])   # stemming maps "checks"/"check"

Each token's postings hold its documents and their precomputed BM25 weights (Lucene's
variant, k1 1.5, b 0.75), so scoring a question adds a few slices into one vector:
no pass over the documents in Python, and no scipy to import on a cold start.
`document_frequency` and `idf` serve the rest of the assistant's term weighting.

Saved as arrays plus a version line and the fingerprint of the catalog it was built
from; loading checks both and returns None on any mismatch or damage, so the caller
rebuilds instead of failing.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

# v3: closed-up forms of hyphenated words; v4: one stem for -ble/-bility; v5: irregular past forms as the present;
# v6: "elective" apart from "elected"
FORMAT = "report-assistant-bm25 v6"
K1, B = 1.5, 0.75
# a word, less any "'s" or "’t" it ends in (findall returns the group): "council’s" -> "council"
_WORD = re.compile(r"([a-z0-9]+)(?:['’][a-z]+)?")
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


# a hyphenated word, which people also write closed up: "re-offending", "well-being", "child-care"
_COMPOUND = re.compile(r"[a-z]+(?:-[a-z]+)+")


# Snowball stems most "-ble"/"-bility" pairs alike ("vulnerable", "vulnerability": "vulner") but not
# these, the only such pairs of the whole corpus's words it splits: "how stable are placements?"
# must find "placement stability" (1,092 times in the corpus).
_SAME_STEM = {"stabil": "stabl", "abil": "abl", "viabil": "viabl"}

# Nor does it know an irregular verb's past forms: "when did the improvement board first meet?" must find "the
# board met in July 2021", "who leads it?" "led by", "has consent been sought?" "seek consent". Read as the
# present before stemming. ("known" is left alone: "known as" is how a report gives a name.)
_IRREGULAR = {
    "met": "meet", "led": "lead", "held": "hold", "took": "take", "taken": "take", "made": "make", "gave": "give",
    "given": "give", "came": "come", "began": "begin", "begun": "begin", "kept": "keep", "brought": "bring",
    "paid": "pay", "sent": "send", "spent": "spend", "felt": "feel", "fell": "fall", "fallen": "fall",
    "rose": "rise", "risen": "rise", "grew": "grow", "grown": "grow", "chose": "choose", "chosen": "choose",
    "wrote": "write", "written": "write", "thought": "think", "bought": "buy", "sought": "seek", "taught": "teach",
    "understood": "understand", "meant": "mean", "heard": "hear", "built": "build", "lost": "lose", "won": "win",
    "drew": "draw", "drawn": "draw", "withdrew": "withdraw", "withdrawn": "withdraw", "undertook": "undertake",
    "undertaken": "undertake", "overseen": "oversee", "oversaw": "oversee",
}


# Nor does it keep apart words of other meanings that stem alike: "electively home educated" (in nearly every
# report since 2018) is not "elected members" (in most of the rest). Read as a stem of their own.
_APART = {"elective": "electiv", "electively": "electiv", "electives": "electiv"}


def tokenize(text: str) -> list[str]:
    lower = text.lower()
    words = [_APART.get(w) or _IRREGULAR.get(w, w) for w in _WORD.findall(lower) if w not in STOPWORDS]
    if "-" in lower:
        # its parts and its closed-up form: "reoffending" then finds "re-offending", and the reverse
        words += [c.replace("-", "") for c in _COMPOUND.findall(lower)]
    return [_SAME_STEM.get(stem, stem) for stem in _stemmer().stemWords(words)]


class LexicalIndex:
    def __init__(self, vocab: dict[str, int], indptr: np.ndarray, docs: np.ndarray, weights: np.ndarray,
                 size: int):
        self.vocab = vocab
        self.indptr = indptr  # postings of token t: docs[indptr[t]:indptr[t + 1]]
        self.docs = docs
        self.weights = weights
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        tokenized = [tokenize(t) for t in texts]
        lengths = np.array([len(t) for t in tokenized], dtype=np.float32)
        average = float(lengths.mean()) if len(texts) else 1.0
        postings: dict[str, dict[int, int]] = {}
        for doc, tokens in enumerate(tokenized):
            for token in tokens:
                counts = postings.setdefault(token, {})
                counts[doc] = counts.get(doc, 0) + 1
        vocab = {token: n for n, token in enumerate(sorted(postings))}
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        docs_list, weights_list = [], []
        for token, n in vocab.items():
            counts = postings[token]
            doc_ids = np.fromiter(counts, dtype=np.int32, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            idf = math.log(1 + (len(texts) - len(counts) + 0.5) / (len(counts) + 0.5))
            norm = K1 * (1 - B + B * lengths[doc_ids] / (average or 1.0))
            docs_list.append(doc_ids)
            weights_list.append((idf * tf * (K1 + 1) / (tf + norm)).astype(np.float32))
            indptr[n + 1] = indptr[n] + len(counts)
        docs = np.concatenate(docs_list) if docs_list else np.zeros(0, dtype=np.int32)
        weights = np.concatenate(weights_list) if weights_list else np.zeros(0, dtype=np.float32)
        return cls(vocab, indptr, docs, weights, len(texts))

    def scores(self, query: str | list[str], within: tuple[int, int] | None = None) -> np.ndarray:
        """BM25 score of every document for the query (text, or tokens already made); with
        `within` (start, end), of documents start..end-1 only, indexed from 0.

        A posting list is sorted by document, so a range is found by bisection: scoring one
        report of a whole corpus touches that report's postings, not a common word's 40,000."""
        start, end = within or (0, self.size)
        out = np.zeros(end - start, dtype=np.float32)
        tokens = tokenize(query) if isinstance(query, str) else query
        for token in tokens:
            n = self.vocab.get(token)
            if n is not None:
                lo, hi = int(self.indptr[n]), int(self.indptr[n + 1])
                if within is not None:
                    docs = self.docs[lo:hi]
                    lo, hi = lo + int(np.searchsorted(docs, start)), lo + int(np.searchsorted(docs, end))
                out[self.docs[lo:hi] - start] += self.weights[lo:hi]  # one posting per document: no repeats
        return out

    def document_frequency(self, token: str) -> int:
        n = self.vocab.get(token)
        return int(self.indptr[n + 1] - self.indptr[n]) if n is not None else 0

    def idf(self, token: str) -> float:
        return math.log(1 + self.size / (1 + self.document_frequency(token)))

    def closest(self, token: str) -> str | None:
        """The indexed word a misspelt one most likely meant: within two edits, the most frequent
        ("sufficenci" -> "suffici" is too far; "independ" was already right after stemming).
        Built on first use from the vocabulary's one- and two-letter deletions (SymSpell)."""
        if token in self.vocab or len(token) < 5:
            return None
        # a question's unknown words come back with every follow-up and every re-ask: worked out once each
        known = self.__dict__.setdefault("_closest", {})
        if token not in known:
            if len(known) > 65536:
                known.clear()
            known[token] = self._closest_uncached(token)
        return known[token]

    def _closest_uncached(self, token: str) -> str | None:
        if getattr(self, "_deletes", None) is None:
            deletes: dict[str, list[str]] = {}
            for word in self.vocab:
                if len(word) >= 4:
                    for variant in _deletions(word):
                        deletes.setdefault(variant, []).append(word)
            self._deletes = deletes
        candidates = {w for variant in _deletions(token) | {token} for w in self._deletes.get(variant, ())}
        candidates |= {token_ for token_ in _deletions(token) if token_ in self.vocab}
        best = [w for w in candidates if edits(token, w) <= 2]
        if not best:
            # a slip in the ending the stemmer would have cut: "unregisterd" is one letter from
            # "unregistered", whose stem "unregist" is three edits from the slip as typed
            stems = {tokenize(v)[0] for v in _one_edit(token) if len(tokenize(v)) == 1}
            best = [w for w in stems if w in self.vocab]
            return max(best, key=self.document_frequency, default=None)
        return max(best, key=lambda w: (-edits(token, w), self.document_frequency(w)), default=None)

    def postings(self, token: str) -> np.ndarray:
        n = self.vocab.get(token)
        return self.docs[self.indptr[n]:self.indptr[n + 1]] if n is not None else np.zeros(0, dtype=np.int32)

    # -- persistence ------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        np.savez(directory / "bm25.npz", indptr=self.indptr, docs=self.docs, weights=self.weights)
        (directory / "bm25-vocab.json").write_text(json.dumps(sorted(self.vocab, key=self.vocab.get)))

    @classmethod
    def load(cls, directory: Path, size: int) -> "LexicalIndex | None":
        try:
            arrays = np.load(Path(directory) / "bm25.npz")
            tokens = json.loads((Path(directory) / "bm25-vocab.json").read_text())
            index = cls({t: n for n, t in enumerate(tokens)}, arrays["indptr"], arrays["docs"], arrays["weights"],
                        size)
            if len(index.indptr) != len(tokens) + 1 or (len(index.docs) and int(index.docs.max()) >= size):
                return None
            return index
        except Exception:  # damaged or partial: the caller rebuilds from Chroma
            return None


def _one_edit(word: str) -> set[str]:
    """Every word one deletion, transposition, replacement or insertion from `word` (Norvig's edits1)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in letters} | {a + c + b for a, b in splits for c in letters})


def _deletions(word: str, depth: int = 2) -> set[str]:
    out, frontier = set(), {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def edits(a: str, b: str) -> int:
    """Optimal string alignment distance (transpositions count once)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


_ACRONYM = re.compile(r"\b((?:[A-Za-z][a-z’'-]+,?\s+){1,7}?[A-Za-z][a-z’'-]+)\s+\(([A-Z][A-Za-z]{1,7}?)s?\)")
_SMALL = {"and", "of", "for", "the", "in", "to", "with", "on", "&"}


def defined_acronyms(text: str):
    """(acronym, its long form as written, the match) for each acronym the text defines:
    "independent reviewing officers (IROs)" -> ("IRO", "independent reviewing officers", match)."""
    for m in _ACRONYM.finditer(text):
        acronym = m.group(2).upper().rstrip("S") if m.group(2).endswith("s") else m.group(2).upper()
        words = m.group(1).replace(",", "").split()
        # the words it stands for end before the bracket, or one word before it, which may say what it is:
        # "the children’s advice, support and prevention team (CASP)"
        spelt = _spelling_tail(words, acronym) or _spelling_tail(words[:-1], acronym)
        if spelt:
            yield acronym, " ".join(spelt), m


def _spelling_tail(words: list[str], acronym: str) -> list[str] | None:
    """The shortest tail of the words whose initials (small words skipped) spell the acronym."""
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        said = [w for w in tail if w.lower() not in _SMALL]
        # a hyphenated word gives one initial or one for each part: "multi-agency safeguarding hub" is a
        # MASH, "child-in-need plan" a CIN plan, "looked-after children" LAC
        # and some keep a small word's initial: "Children in Care Council (CiCC)", "Department for
        # Education (DfE)"
        initials = {"".join(w[0] for w in said).upper(),
                    "".join(p[0] for w in said for p in w.split("-") if p and p.lower() not in _SMALL).upper(),
                    "".join(w[0] for w in tail).upper()}
        if acronym in initials and tail[0].lower() not in _SMALL:
            return tail
    return None
