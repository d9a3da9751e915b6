"""Line up an event's claims: one group per slot and scope, statements by meaning.

Deterministic: claims are taken in the order given (the dossier passes them in
article order, then sentence order), and every tie is broken by that order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np
import numpy.typing as npt

from crosscheck.corroborate.scope import ScopeKey, scope_key
from crosscheck.corroborate.settings import DEFAULT_SETTINGS, CorroborateSettings
from crosscheck.corroborate.sources import EventSources, share_an_origin
from crosscheck.corroborate.text import content_words, jaccard, meaningful_words
from crosscheck.corroborate.values import values_compatible
from crosscheck.records import Claim, Slot

Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]


def align_claims(
    claims: Sequence[Claim],
    sources: EventSources,
    settings: CorroborateSettings = DEFAULT_SETTINGS,
    embedder: Embedder | None = None,
) -> list[list[Claim]]:
    """Claims grouped by what they are about, each group in the order given."""
    slotted = [claim for claim in claims if claim.slot is not Slot.STATEMENT]
    statements = [claim for claim in claims if claim.slot is Slot.STATEMENT]
    groups = group_by_scope(slotted, sources, settings)
    groups += group_statements(statements, settings, embedder)
    # Groups of one slot sit together (scopes side by side), slots in order of first mention.
    position = {id(claim): index for index, claim in enumerate(claims)}
    slot_first = {claim.slot: position[id(claim)] for claim in reversed(claims)}
    return sorted(groups, key=lambda group: (slot_first[group[0].slot], position[id(group[0])]))


# --------------------------------------------------------------------------- slot + scope


def group_by_scope(
    claims: Sequence[Claim], sources: EventSources, settings: CorroborateSettings
) -> list[list[Claim]]:
    """Same slot and scope together. A claim in a looser scope then moves into the
    one narrower scope it fits: compatible with every claim there, and, when it
    names no subject or several scopes would fit, resting on the same source
    ("four people hurt", per TASS, joins TASS's "four servicemen injured").
    Otherwise it stays where it is, side by side, so a loosely worded figure is
    never called a contradiction."""
    by_key: dict[ScopeKey, list[Claim]] = {}
    for claim in claims:
        by_key.setdefault(_key(claim), []).append(claim)
    # Narrow scopes settle first, so a loose claim sees where mid-level ones went
    # ("no casualties" waits until "no casualties among residents" has joined
    # "no injured civilians").
    for key in sorted(by_key, key=lambda key: -key.specificity):
        for claim in list(by_key[key]):
            home = _narrower_home(claim, key, by_key, sources, settings)
            if home is not None:
                by_key[key].remove(claim)
                by_key[home].append(claim)
    return [group for group in by_key.values() if group]


def _key(claim: Claim) -> ScopeKey:
    return scope_key(claim.slot, claim.scope, claim.value)


def _narrower_home(
    claim: Claim,
    key: ScopeKey,
    by_key: dict[ScopeKey, list[Claim]],
    sources: EventSources,
    settings: CorroborateSettings,
) -> ScopeKey | None:
    fitting = [
        other
        for other, members in by_key.items()
        if members
        and other.refines(key)
        and all(values_compatible(claim, member, settings) for member in members)
    ]
    # A claim with no subject at all ("4 people hurt", "up to 21 miles") could fit
    # anywhere: it moves only on the word of a source the narrower claims share.
    if len(fitting) > 1 or not key.subject:
        if not claim.attribution:
            return None
        origins = sources.origins(claim)
        fitting = [
            other
            for other in fitting
            if any(share_an_origin(origins, sources.origins(m)) for m in by_key[other])
        ]
    return fitting[0] if len(fitting) == 1 else None


# --------------------------------------------------------------------------- statements


def group_statements(
    claims: Sequence[Claim], settings: CorroborateSettings, embedder: Embedder | None
) -> list[list[Claim]]:
    """Leader clustering: each statement joins the most similar earlier group's
    leader when similar enough (embedding cosine or word overlap), else leads a new one."""
    if not claims:
        return []
    similarity = _similarity(claims, settings, embedder)
    leaders: list[int] = []
    groups: list[list[Claim]] = []
    for index, claim in enumerate(claims):
        best = _best_leader(index, leaders, similarity)
        if best is None:
            leaders.append(index)
            groups.append([claim])
        else:
            groups[best].append(claim)
    return groups


def _best_leader(index: int, leaders: list[int], similarity: npt.NDArray[np.float64]) -> int | None:
    if not leaders:
        return None
    scores = [similarity[index, leader] for leader in leaders]
    best = int(np.argmax(scores))
    return best if scores[best] >= 1.0 else None


# Embedding every statement would cost more than the rest of the pipeline (the
# model runs at a few hundred sentences/s on two shared cores), so only candidate
# pairs are embedded: statements from different articles, not already grouped by
# word overlap, that share at least two content words. Every paraphrase pair in
# MSRP (../shared/eval/msrp-train.jsonl) shares two or more, so none is lost.
MIN_SHARED_WORDS = 2


def _similarity(
    claims: Sequence[Claim], settings: CorroborateSettings, embedder: Embedder | None
) -> npt.NDArray[np.float64]:
    """Pairwise scores scaled so that >= 1.0 means "same statement" by either test."""
    texts = [claim.value or claim.text for claim in claims]
    word_sets = [content_words(text) for text in texts]
    lexical = np.array([[jaccard(a, b) for b in word_sets] for a in word_sets], dtype=np.float64)
    scores = lexical / max(settings.statement_overlap, 1e-9)
    pairs = _candidate_pairs(claims, texts, scores)
    if not pairs or not settings.use_embeddings:
        return scores
    needed = sorted({index for pair in pairs for index in pair})
    vectors = _embeddings([texts[index] for index in needed], embedder)
    if vectors is None:
        return scores
    row = {index: position for position, index in enumerate(needed)}
    for first, second in pairs:
        cosine = float(vectors[row[first]] @ vectors[row[second]])
        scaled = max(scores[first, second], cosine / max(settings.statement_similarity, 1e-9))
        scores[first, second] = scores[second, first] = scaled
    return scores


def _candidate_pairs(
    claims: Sequence[Claim], texts: Sequence[str], scores: npt.NDArray[np.float64]
) -> list[tuple[int, int]]:
    meaningful = [meaningful_words(text) for text in texts]
    return [
        (first, second)
        for first, second in combinations(range(len(claims)), 2)
        if claims[first].article_id != claims[second].article_id
        and scores[first, second] < 1.0
        and len(meaningful[first] & meaningful[second]) >= MIN_SHARED_WORDS
    ]


def _embeddings(texts: Sequence[str], embedder: Embedder | None) -> npt.NDArray[np.float32] | None:
    if embedder is not None:
        return embedder(texts)
    try:
        from crosscheck.embed import embed

        return embed(texts)
    except (ImportError, OSError):  # no model installed: word overlap alone decides
        return None
