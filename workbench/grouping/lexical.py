"""Character 4-gram TF-IDF vectors: how much two same-language claims share in wording.

Within one language, two reports of a claim usually reuse its words ("lebih
dari 1.000 kontainer peralatan militer"), and character n-grams catch that
even through Indonesian affixes (mengirim / dikirim / pengiriman). On the seed
set, word-bounded 4-grams alone separate same-claim pairs better than 3-5-gram
mixes (ROC-AUC 0.90 vs 0.89) and cost a third of the memory. Across languages
the overlap is noise, so grouping uses this signal for same-language pairs only.

Everything is vectorised over one big code-point array so 100,000 claims take a
couple of seconds: each 4-gram becomes one 64-bit key, keys are numbered with
``np.unique``, and the IDF comes from the claims being grouped together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from workbench.grouping.sparse import SparseRows

NGRAM = 4
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _padded_words(text: str) -> str:
    """Lower-case words, each wrapped in spaces, like scikit-learn's ``char_wb``.

    Words are separated by two spaces so that no 4-gram with a space in its
    middle two characters comes from real text: those are dropped below, which
    leaves exactly the n-grams inside each padded word.
    """
    words = _NON_WORD.sub(" ", text.lower()).split()
    return " " + "  ".join(words) + " " if words else ""


def char_ngram_tfidf(texts: Sequence[str], min_df: int = 2) -> SparseRows:
    """L2-normalised sublinear TF-IDF rows of word-bounded character 4-grams.

    N-grams found in fewer than ``min_df`` texts are dropped after the norms
    are taken: they cannot contribute to any pair's dot product, so removing
    them changes no similarity and saves most of the memory.
    """
    n = len(texts)
    joined = "\x00".join(_padded_words(t) for t in texts) + "\x00"
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cp) < NGRAM:
        return _empty(n)
    # which text each code point belongs to: texts are separated by NUL
    is_sep = cp == 0
    doc_of = np.cumsum(is_sep) - is_sep
    windows = len(cp) - NGRAM + 1
    # valid windows: no separator anywhere, no space in the two middle places
    ok = np.ones(windows, dtype=bool)
    for offset in range(NGRAM):
        ok &= ~is_sep[offset : offset + windows]
    ok &= cp[1 : 1 + windows] != 32
    ok &= cp[2 : 2 + windows] != 32
    start = np.flatnonzero(ok)
    if len(start) == 0:
        return _empty(n)
    # 16 bits per character; code points above the BMP may collide, harmlessly
    key = np.zeros(len(start), dtype=np.uint64)
    for offset in range(NGRAM):
        key = (key << np.uint64(16)) | (cp[start + offset] & np.uint64(0xFFFF))
    docs = doc_of[start].astype(np.int64)
    del cp, is_sep, doc_of, ok, start

    vocab, gram = np.unique(key, return_inverse=True)
    del key
    n_vocab = len(vocab)
    pair_key, tf = np.unique(docs * n_vocab + gram.astype(np.int64), return_counts=True)
    del docs, gram
    rows = pair_key // n_vocab
    cols = pair_key % n_vocab
    df = np.bincount(cols, minlength=n_vocab)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    weight = (1.0 + np.log(tf)) * idf[cols]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    sq = np.concatenate(([0.0], np.cumsum(weight * weight)))
    norms = np.sqrt(sq[indptr[1:]] - sq[indptr[:-1]])
    norms[norms == 0] = 1.0
    weight /= norms[rows]

    keep = df[cols] >= min_df
    kept_cols, new_ids = np.unique(cols[keep], return_inverse=True)
    indptr_kept = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[keep], minlength=n), out=indptr_kept[1:])
    return SparseRows(
        indptr=indptr_kept,
        indices=new_ids.astype(np.int32),
        data=weight[keep].astype(np.float32),
        vocab_size=len(kept_cols),
    )


def _empty(n: int) -> SparseRows:
    return SparseRows(
        indptr=np.zeros(n + 1, dtype=np.int64),
        indices=np.zeros(0, dtype=np.int32),
        data=np.zeros(0, dtype=np.float32),
        vocab_size=0,
    )
