"""The static embedding table: loading, the mean of word pieces, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claims.detection.embeddings import (
    DEFAULT_EMBEDDINGS_PATH,
    MAX_CHARS,
    MAX_PIECES,
    StaticEmbeddings,
)


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
    assert np.array_equal(batch, singles)
    assert np.array_equal(table.encode(texts[::-1])[::-1], batch)


def test_remembered_pieces_are_the_tokenizers_own(table: StaticEmbeddings) -> None:
    texts = [
        "The \u20ac5bn plan\u2014approved on Monday\u2014is \u201chuge\u201d, officials said.",
        "Caf\u00e9 owners in Z\u00fcrich paid 12.5% more (up from 9%) since 2019!",
        "\u65e5\u672c\u306e\u4eba\u53e3\u306f1\u51042500\u4e07\u4eba\u3067\u3059\u3002",
    ]
    for text in texts:
        whole = table.tokenizer.encode(text, add_special_tokens=False).ids
        assert table.pieces(text) == [i for i in whole if i != table.unk_id]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 100_000, "\x00\x01\ud800\ufeff", "\u0663\u0664 \U0001d7d9 \u2014"],
)
def test_bad_input_gives_a_finite_vector(table: StaticEmbeddings, text: str) -> None:
    [vector] = table.encode([text])
    assert vector.shape == (table.dims,)
    assert np.all(np.isfinite(vector))
    assert np.linalg.norm(vector) in (0.0, pytest.approx(1.0))


def test_only_the_first_characters_and_pieces_count(table: StaticEmbeddings) -> None:
    # Text beyond MAX_CHARS is never read, and no more than MAX_PIECES pieces are pooled:
    # a tail unlike the head changes nothing.
    head = "people killed " * (MAX_CHARS // len("people killed "))
    tail = " weather forecast sunshine" * 10_000
    assert len(head) <= MAX_CHARS < len(head + tail)
    assert len(table.pieces(head + tail)) == MAX_PIECES
    assert np.array_equal(table.encode([head + tail]), table.encode([head]))
    short = "people killed " * 100  # 200 pieces: under the cap
    assert not np.array_equal(table.encode([short]), table.encode([short + tail[:5_000]]))


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


def test_the_remembered_pieces_stay_bounded(
    table: StaticEmbeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.detection.embeddings._PIECES_CACHE", 50)
    texts = [" ".join(f"w{i}x{j}" for j in range(30)) for i in range(10)]
    first = table.encode(texts)
    assert len(table._pieces) <= 50
    again = table.encode(texts[::-1])[::-1]  # what was forgotten is tokenised again
    assert np.array_equal(first, again)
    assert len(table._pieces) <= 50
    for i, text in enumerate(texts):  # one at a time: remembered, then forgotten in turn
        assert np.array_equal(table.encode([text])[0], first[i])
        assert 0 < len(table._pieces) <= 50
