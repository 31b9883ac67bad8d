"""Static sentence embeddings for the check-worthiness model (NumPy + ``tokenizers``).

A sentence's embedding is the mean of the vectors of its word pieces, scaled to
unit length.  The table of vectors was distilled with Model2Vec from the
sentence encoder all-MiniLM-L6-v2 (each word piece passed through the encoder,
reduced to 128 dimensions by PCA, weighted by its frequency): a static table
keeps much of what the encoder knows about meaning ("evacuated" lies near
"fled", "forecast" near "expects") at the cost of a table lookup, so it runs
at the speed of the bag-of-words model beside it.

The table ships as one ``.npz`` (``data/embeddings-minilm-128.npz``: vectors in
float16, the word-piece tokenizer as JSON, and a record of where it came from).
``manage.py distill_embeddings`` rebuilds it (``training/distill.py``); that needs
the optional ``distill`` extra (PyTorch, model2vec and the packaged encoder), which neither
the default install nor the detector at run time needs.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from .config import EMBEDDINGS_PATH

# Text beyond MAX_CHARS is not embedded either: the same cap as the feature analysis.
from .features import MAX_CHARS

__all__ = [
    "DEFAULT_EMBEDDINGS_PATH",
    "MAX_CHARS",
    "SOURCE",
    "SOURCE_LICENCE",
    "StaticEmbeddings",
    "file_sha256",
    "valid_utf8",
]

DEFAULT_EMBEDDINGS_PATH = EMBEDDINGS_PATH
FORMAT = "claimdesk-static-embeddings-1"
SOURCE = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_LICENCE = "Apache-2.0"
MAX_PIECES = 512
_SLICE = 512  # texts tokenised and pooled together
_PIECES_CACHE = 200_000  # chunks whose word pieces are remembered

# Celery's prefork workers fork after the parent may have tokenised; the Rust
# thread pool of ``tokenizers`` must never be live across a fork, so this is set
# outright, whatever the environment says.
os.environ["TOKENIZERS_PARALLELISM"] = "false"


def valid_utf8(text: str) -> str:
    """The text with what UTF-8 cannot hold (a lone surrogate) replaced by '?'."""
    return text.encode("utf-8", "replace").decode("utf-8")


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class StaticEmbeddings:
    """A word-piece tokenizer and its table of vectors."""

    def __init__(self, vectors: np.ndarray, tokenizer_json: str, meta: dict[str, Any]) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.tokenizer_json = tokenizer_json
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.meta = meta
        unk = self.tokenizer.token_to_id(str(meta.get("unk_token", "[UNK]")))
        self.unk_id = -1 if unk is None else int(unk)
        self.sha256 = ""  # of the file it was loaded from
        # Word pieces of each whitespace-separated chunk seen ("killed," -> [killed, ","]).
        # Most chunks of news text recur, so a dictionary lookup replaces tokenising
        # them again; the tokenizer runs only on chunks not seen before.
        self._pieces: dict[str, list[int]] = {}

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length mean vectors of the texts (a row of zeros for a text with no pieces)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float64)
        # In slices, so that the gathered piece vectors stay small whatever the batch.
        for start in range(0, len(texts), _SLICE):
            chunk = texts[start : start + _SLICE]
            out[start : start + len(chunk)] = self._encode_slice(chunk)
        return out

    def pieces(self, text: str) -> list[int]:
        """The word-piece ids the text is embedded from (unknown pieces left out)."""
        return self._piece_lists([text])[0]

    def _piece_lists(self, texts: list[str]) -> list[list[int]]:
        chunked = [t[:MAX_CHARS].split() if isinstance(t, str) else [] for t in texts]
        known = self._pieces
        new = list({c: None for chunks in chunked for c in chunks if c not in known})
        fresh: dict[str, list[int]] = {}
        if new:
            unk = self.unk_id
            tokenised = self._tokenise(new)
            fresh = {c: [i for i in ids if i != unk] for c, ids in zip(new, tokenised, strict=True)}
        out = []
        for chunks in chunked:
            pieces: list[int] = []
            for chunk in chunks:
                found = fresh.get(chunk)
                pieces.extend(known[chunk] if found is None else found)
                if len(pieces) >= MAX_PIECES:
                    break
            out.append(pieces[:MAX_PIECES])
        if fresh:  # remember them, within bounds: junk input cannot grow it without end
            if len(known) + len(fresh) > _PIECES_CACHE:
                known.clear()
            if len(fresh) <= _PIECES_CACHE:
                known.update(fresh)
        return out

    def _tokenise(self, chunks: list[str]) -> list[list[int]]:
        try:
            encodings = self.tokenizer.encode_batch_fast(chunks, add_special_tokens=False)
        except TypeError:  # a lone surrogate ("\ud800") cannot cross into Rust
            encodings = self.tokenizer.encode_batch_fast(
                [valid_utf8(c) for c in chunks], add_special_tokens=False
            )
        return [e.ids for e in encodings]

    def _encode_slice(self, texts: list[str]) -> np.ndarray:
        n = len(texts)
        out = np.zeros((n, self.dims), dtype=np.float64)
        ids_per_text = self._piece_lists(texts)
        lengths = np.fromiter(map(len, ids_per_text), np.int64, n)
        flat = np.fromiter(itertools.chain.from_iterable(ids_per_text), np.int64, lengths.sum())
        if not len(flat):
            return out
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        # Pieces arrive grouped by text, so each text's vectors are one run.
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        sums = np.add.reduceat(self.vectors[flat], starts, axis=0).astype(np.float64)
        norms = np.sqrt((sums * sums).sum(axis=1, keepdims=True))
        out[rows[starts]] = sums / np.where(norms > 0, norms, 1.0)
        return out

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {**self.meta, "format": FORMAT}
        with path.open("wb") as fh:
            np.savez_compressed(
                fh,
                vectors=self.vectors.astype(np.float16),
                tokenizer=np.frombuffer(self.tokenizer_json.encode("utf-8"), np.uint8),
                meta=np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), np.uint8),
            )

    @classmethod
    def load(cls, path: Path | str | None = None) -> StaticEmbeddings:
        """Read a table written by ``save`` (never unpickles)."""
        path = Path(path or DEFAULT_EMBEDDINGS_PATH)
        with np.load(path, allow_pickle=False) as npz:
            meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"Not a {FORMAT} file: format {meta.get('format')!r}")
            tokenizer_json = npz["tokenizer"].tobytes().decode("utf-8")
            vectors = npz["vectors"]
        embeddings = cls(vectors, tokenizer_json, meta)
        embeddings.sha256 = file_sha256(path)
        return embeddings
