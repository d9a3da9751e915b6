"""Copies and rewrites: exact and near duplicates, sentence reuse, who copied whom.

- `minhash`: streaming document-level near duplicates (vectorised MinHash + LSH).
- `align`: sentence-level reuse between the articles of one event -> `CopyLink`s.
- `direction`: which way a copy went, and `independent_reports` (copies count once).
- `paraphrase`: the sentence-pair decision, with weights fitted on MSRP.
"""

from crosscheck.copies.align import (
    AlignSettings,
    SentenceEmbeddings,
    link_copies,
    near_duplicate_link,
)
from crosscheck.copies.direction import independent_reports, orient
from crosscheck.copies.minhash import (
    MinHasher,
    MinHashSettings,
    NearDuplicateIndex,
    signature_from_bytes,
    signature_to_bytes,
)
from crosscheck.copies.paraphrase import ParaphraseModel, default_model, is_paraphrase
from crosscheck.copies.text import text_digest

__all__ = [
    "AlignSettings",
    "MinHashSettings",
    "MinHasher",
    "NearDuplicateIndex",
    "ParaphraseModel",
    "SentenceEmbeddings",
    "default_model",
    "independent_reports",
    "is_paraphrase",
    "link_copies",
    "near_duplicate_link",
    "orient",
    "signature_from_bytes",
    "signature_to_bytes",
    "text_digest",
]
