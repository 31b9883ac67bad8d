"""The static embedding table: loading, the mean of word pieces, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claims.detection.embeddings import DEFAULT_EMBEDDINGS_PATH, StaticEmbeddings


@pytest.fixture(scope="module")
def table() -> StaticEmbeddings:
    return StaticEmbeddings.load(DEFAULT_EMBEDDINGS_PATH)


def test_the_table_records_where_it_came_from(table: StaticEmbeddings) -> None:
    assert table.meta["source"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert table.meta["source_licence"] == "Apache-2.0"
    assert "model2vec" in table.meta["method"]
    assert table.vectors.shape[1] == table.dims == 128
    assert len(table.sha256) == 64


def test_a_sentence_is_the_unit_mean_of_its_word_pieces(table: StaticEmbeddings) -> None:
    text = "More than 13,000 people were killed since 2014."
    ids = [i for i in table.tokenizer.encode(text, add_special_tokens=False).ids]
    expected = table.vectors[ids].astype(np.float64).sum(axis=0)
    expected /= np.linalg.norm(expected)
    [got] = table.encode([text])
    assert np.allclose(got, expected, atol=1e-6)
    assert np.isclose(np.linalg.norm(got), 1.0)


def test_meaning_not_spelling_brings_sentences_together(table: StaticEmbeddings) -> None:
    fled, evacuated, recipe = table.encode(
        [
            "Thousands of residents fled the flooded villages.",
            "Thousands of people were evacuated from the flooded towns.",
            "Stir the sauce gently and season it with pepper.",
        ]
    )
    assert fled @ evacuated > fled @ recipe + 0.2


def test_batches_keep_order_and_match_one_by_one(table: StaticEmbeddings) -> None:
    texts = ["The bill passed.", "", "Hello!", "GDP fell 3% in 2020."] * 3
    batch = table.encode(texts)
    singles = np.vstack([table.encode([t]) for t in texts])
    assert np.allclose(batch, singles)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 100_000, "\x00\x01\ud800\ufeff", "\u0663\u0664 \U0001d7d9 \u2014"],
)
def test_bad_input_gives_a_finite_vector(table: StaticEmbeddings, text: str) -> None:
    [vector] = table.encode([text])
    assert vector.shape == (table.dims,)
    assert np.all(np.isfinite(vector))
    assert np.linalg.norm(vector) in (0.0, pytest.approx(1.0))


def test_the_work_on_a_huge_text_is_capped(table: StaticEmbeddings) -> None:
    words = "people killed since 2014 " * 50_000
    assert np.allclose(table.encode([words]), table.encode([words[:20_000]]))


def test_save_and_load_round_trip(table: StaticEmbeddings, tmp_path: Path) -> None:
    table.save(tmp_path / "t.npz")
    again = StaticEmbeddings.load(tmp_path / "t.npz")
    assert np.array_equal(again.vectors, table.vectors)
    assert again.meta["source"] == table.meta["source"]


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.npz"
    meta = np.frombuffer(b'{"format": "something-else"}', np.uint8)
    np.savez(path, meta=meta, vectors=np.zeros((1, 2)), tokenizer=np.zeros(1, np.uint8))
    with pytest.raises(ValueError, match="Not a claimdesk-static-embeddings"):
        StaticEmbeddings.load(path)
