"""Sentence-level reuse between the articles of one event: who copied or rewrote whom.

For each pair of articles, sentences are paired one to one (best first) when
they are verbatim or near-verbatim reuse (word-trigram containment) or a
paraphrase (`ParaphraseModel.decide`: embedding cosine confirmed by lexical
overlap, with number and negation vetoes). A pair in which either sentence is
mostly quoted speech is quote reuse: it is kept as evidence but never counts
towards a link. Two articles are linked when enough sentences align, both as a
count and as a share of the smaller article (`AlignSettings`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from crosscheck.copies.direction import orient
from crosscheck.copies.paraphrase import (
    PairFeatures,
    ParaphraseModel,
    default_model,
    pair_features,
)
from crosscheck.copies.sentence_facts import (
    SentenceFacts,
    many_sentence_facts,
    quoted_characters,
    quoted_share,
)
from crosscheck.copies.text import text_digest
from crosscheck.embed import embed
from crosscheck.errors import SettingsError
from crosscheck.records import Article, CopyKind, CopyLink, Sentence, SentencePair

_VERBATIM = (CopyKind.EXACT, CopyKind.NEAR)
_MIN_SHARED_CONTENT = 2


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """Thresholds of the sentence aligner.

    `min_pairs` and `min_coverage` were chosen on the seeds and checked on
    eval/copies.py (GVA dev, same-city same-week pairs from different incidents:
    none linked at sentence level). With crosscheck.clean's sentences the seeds'
    spun rewrite 002 aligns 6 sentences with 001 (0.19 of the smaller), while
    000, an independent report restating the same wire facts, aligns 4 with
    001: five pairs separate them. Coverage guards long pages from a few stock
    phrases.
    """

    min_words: int = 6  # shorter sentences ("He said:", datelines) are too generic to align
    verbatim_containment: float = 0.7  # trigram share of the shorter sentence found in the other
    candidate_cosine: float = 0.55  # below this the model never accepted a pair on MSRP
    # Within one event every sentence meets every other, so true rewrites are far
    # rarer than among MSRP's pre-filtered pairs (68% positive): the aligner asks
    # for a higher model probability than MSRP's cut, or a cosine that MSRP pairs
    # reach with 85% precision (eval/paraphrase.py prints both operating points).
    paraphrase_probability: float = 0.65
    strong_cosine: float = 0.8
    quote_share: float = 0.5  # a sentence at least half inside quotation marks is quoted speech
    min_pairs: int = 5
    min_coverage: float = 0.1

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise SettingsError("min_words", self.min_words, "a positive integer")
        if self.min_pairs < 1:
            raise SettingsError("min_pairs", self.min_pairs, "a positive integer")
        for name in (
            "verbatim_containment",
            "candidate_cosine",
            "paraphrase_probability",
            "strong_cosine",
            "quote_share",
            "min_coverage",
        ):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise SettingsError(name, value, "a number in (0, 1]")


class SentenceEmbeddings:
    """Embeds each distinct sentence text once, however many pairs it takes part in.

    Pass one instance to several `link_copies` calls to share the work between
    them; it also keeps each article's sentence facts (keyed by article id).
    """

    def __init__(self) -> None:
        self._vectors: dict[str, npt.NDArray[np.float32]] = {}
        self.facts: dict[str, tuple[tuple[Sentence, SentenceFacts], ...]] = {}
        # (article id, min_words) -> the article prepared for alignment with no
        # boilerplate to drop: a growing event re-plans its old members each batch.
        self.prepared: dict[tuple[str, int], _Prepared] = {}

    def ensure(self, texts: Iterable[str]) -> None:
        """Embed, in one batch, the texts not embedded yet."""
        missing = list(dict.fromkeys(text for text in texts if text not in self._vectors))
        self._vectors.update(zip(missing, embed(missing), strict=True))

    def cosine(self, first: str, second: str) -> float:
        return float(self._vectors[first] @ self._vectors[second])

    def __len__(self) -> int:
        """How many distinct texts have been embedded."""
        return len(self._vectors)


@dataclass(frozen=True, slots=True)
class _Prepared:
    article: Article
    digest: str
    sentences: tuple[Sentence, ...]
    facts: tuple[SentenceFacts, ...]
    # content word -> positions of the sentences that have it, built once per
    # article rather than once per pair it is in (a tenth of the pipeline's main
    # thread went to rebuilding it on bench/pipeline.py)
    postings: dict[str, list[int]]


@dataclass(frozen=True, slots=True)
class _Aligned:
    first: int  # position in the first article's eligible sentences
    second: int
    score: float
    kind: CopyKind


def link_copies(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    settings: AlignSettings = AlignSettings(),
    *,
    embeddings: SentenceEmbeddings | None = None,
    boilerplate: Collection[str] = frozenset(),
    model: ParaphraseModel | None = None,
    only_pairs: Collection[frozenset[str]] | None = None,
) -> list[CopyLink]:
    """Copy links among `articles` (one event or candidate group), sorted by (source, target).

    `sentences` maps article id to its sentences; `boilerplate` holds
    `text_digest`s of sentences to ignore (site templates known to the caller);
    `only_pairs`, when given, limits the comparison to those pairs of article ids
    (a growing event needs only its new articles compared with the rest).
    The same as `plan_links`, embedding `LinkPlan.texts_to_embed` in one batch,
    then `finish_links`.
    """
    cache = embeddings if embeddings is not None else SentenceEmbeddings()
    plan = plan_links(
        articles,
        sentences,
        settings,
        embeddings=cache,
        boilerplate=boilerplate,
        model=model,
        only_pairs=only_pairs,
    )
    cache.ensure(plan.texts_to_embed)
    return finish_links(plan, cache)


@dataclass(frozen=True, slots=True)
class LinkPlan:
    """The lexical pass over a group of articles: what is settled, what needs embeddings.

    Embedding is the expensive step, so it comes last and only where it can
    change the answer: verbatim reuse is settled lexically first, and a pair of
    articles that could not reach `min_pairs` even if every remaining candidate
    turned out a paraphrase is dropped unembedded. A caller may embed
    `texts_to_embed` of several plans at once (or in another process) before
    `finish_links`.
    """

    pairs: tuple[_PairPlan, ...]
    settings: AlignSettings
    model: ParaphraseModel

    @property
    def texts_to_embed(self) -> list[str]:
        """The sentence texts whose cosines decide the open pairs (repeats removed)."""
        return list(
            dict.fromkeys(
                text
                for plan in self.pairs
                for i, j in plan.open
                for text in (plan.first.facts[i].text, plan.second.facts[j].text)
            )
        )


def plan_links(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    settings: AlignSettings = AlignSettings(),
    *,
    embeddings: SentenceEmbeddings,
    boilerplate: Collection[str] = frozenset(),
    model: ParaphraseModel | None = None,
    only_pairs: Collection[frozenset[str]] | None = None,
) -> LinkPlan:
    """The lexical pass of `link_copies` (`embeddings` keeps each article's sentence facts)."""
    decide = model or default_model()
    prepared = [
        _prepare(a, sentences.get(a.id, ()), settings, embeddings, boilerplate) for a in articles
    ]
    prepared = list({item.article.id: item for item in prepared}.values())
    plans = tuple(
        plan
        for first, second in combinations(prepared, 2)
        if only_pairs is None or frozenset((first.article.id, second.article.id)) in only_pairs
        if (plan := _plan_pair(first, second, settings, decide)) is not None
    )
    return LinkPlan(plans, settings, decide)


def finish_links(plan: LinkPlan, embeddings: SentenceEmbeddings) -> list[CopyLink]:
    """The links of a plan, sorted by (source, target); embeds what is still missing."""
    embeddings.ensure(plan.texts_to_embed)
    links = [
        link
        for pair in plan.pairs
        if (link := _link_pair(pair, plan.settings, plan.model, embeddings)) is not None
    ]
    return sorted(links, key=lambda link: (link.source, link.target))


def _prepare(
    article: Article,
    sentences: Sequence[Sentence],
    settings: AlignSettings,
    cache: SentenceEmbeddings,
    boilerplate: Collection[str],
) -> _Prepared:
    key = (article.id, settings.min_words)
    if not boilerplate and (known := cache.prepared.get(key)) is not None:
        return known
    if article.id not in cache.facts:
        cache.facts[article.id] = tuple(_with_facts(article, sentences))
    eligible = [
        (sentence, facts)
        for sentence, facts in cache.facts[article.id]
        if len(facts.words) >= settings.min_words
        and not (boilerplate and text_digest(sentence.text) in boilerplate)
    ]
    postings: dict[str, list[int]] = {}
    for position, (_, facts) in enumerate(eligible):
        for word in facts.content:
            postings.setdefault(word, []).append(position)
    prepared = _Prepared(
        article=article,
        digest=text_digest(article.body),
        sentences=tuple(sentence for sentence, _ in eligible),
        facts=tuple(facts for _, facts in eligible),
        postings=postings,
    )
    if not boilerplate:
        cache.prepared[key] = prepared
    return prepared


def _with_facts(
    article: Article, sentences: Sequence[Sentence]
) -> list[tuple[Sentence, SentenceFacts]]:
    mask = quoted_characters(article.body)
    shares = [quoted_share(mask, s.span.start, s.span.end, s.text) for s in sentences]
    facts = many_sentence_facts([s.text for s in sentences], shares)
    return list(zip(sentences, facts, strict=True))


def _lexical_candidates(first: _Prepared, second: _Prepared) -> list[tuple[int, int]]:
    """Sentence pairs sharing >= 2 content words: every MSRP paraphrase pair does."""
    postings = second.postings
    found: list[tuple[int, int]] = []
    for i, facts in enumerate(first.facts):
        shared = Counter(j for word in facts.content for j in postings.get(word, ()))
        found.extend((i, j) for j, count in sorted(shared.items()) if count >= _MIN_SHARED_CONTENT)
    return found


@dataclass(frozen=True, slots=True)
class _PairPlan:
    """One article pair after the lexical pass: what is settled and what needs embeddings."""

    first: _Prepared
    second: _Prepared
    settled: tuple[_Aligned, ...]  # verbatim reuse, already one to one; quoted reuse included
    open: tuple[tuple[int, int], ...]  # candidates only a cosine can decide


def _plan_pair(
    first: _Prepared, second: _Prepared, settings: AlignSettings, model: ParaphraseModel
) -> _PairPlan | None:
    """Settle verbatim reuse lexically; None when the pair cannot become a link.

    Verbatim pairs outrank paraphrases in the one-to-one matching, so the
    sentences they take are out of the paraphrase contest: exactly the pairs
    the final matching would have dropped. Verbatim reuse needs no cosine (a
    sentence whose word trigrams are 70% found in another is reuse, whatever
    the model thinks of the rest).
    """
    verbatim: list[_Aligned] = []
    undecided: list[tuple[int, int]] = []
    for i, j in _lexical_candidates(first, second):
        a, b = first.facts[i], second.facts[j]
        if model.vetoes(a, b):
            continue
        if (reuse := verbatim_reuse(a, b, settings)) is not None:
            verbatim.append(_Aligned(i, j, reuse[1], reuse[0]))
        else:
            undecided.append((i, j))
    copied = _one_to_one(pair for pair in verbatim if pair.kind in _VERBATIM)
    taken_first = {pair.first for pair in copied}
    taken_second = {pair.second for pair in copied}
    quoted = [pair for pair in verbatim if pair.kind is CopyKind.QUOTE_REUSE]
    still_open = [(i, j) for i, j in undecided if i not in taken_first and j not in taken_second]
    plan = _PairPlan(first, second, tuple(copied + quoted), tuple(still_open))
    if first.digest != second.digest and _most_evidence(plan, settings) < _needed(plan, settings):
        return None
    return plan


def _most_evidence(plan: _PairPlan, settings: AlignSettings) -> int:
    """An upper bound on the evidence pairs: settled copies plus a perfect paraphrase run."""
    countable = [
        (i, j)
        for i, j in plan.open
        if max(plan.first.facts[i].quoted_share, plan.second.facts[j].quoted_share)
        < settings.quote_share
    ]
    paraphrases = min(len({i for i, _ in countable}), len({j for _, j in countable}))
    return sum(pair.kind in _VERBATIM for pair in plan.settled) + paraphrases


def _needed(plan: _PairPlan, settings: AlignSettings) -> float:
    smaller = min(len(plan.first.facts), len(plan.second.facts))
    return max(settings.min_pairs, settings.min_coverage * smaller)


def verbatim_reuse(
    a: SentenceFacts, b: SentenceFacts, settings: AlignSettings
) -> tuple[CopyKind, float] | None:
    """How `b` reuses `a` word for word (and how much), or None when it does not."""
    shared = len(a.shingles & b.shingles) / max(min(len(a.shingles), len(b.shingles)), 1)
    if shared < settings.verbatim_containment:
        return None
    kind = CopyKind.EXACT if a.words == b.words else CopyKind.NEAR
    return _quoted_or(kind, a, b, settings), round(shared, 4)


def paraphrase_reuse(
    a: SentenceFacts,
    b: SentenceFacts,
    cosine: float,
    settings: AlignSettings,
    model: ParaphraseModel,
) -> tuple[CopyKind, float] | None:
    """How strongly `b` paraphrases `a` (vetoes already applied), or None."""
    if cosine < settings.candidate_cosine:
        return None
    features = pair_features(a, b, cosine)
    if not accepts_paraphrase(features, settings, model):
        return None
    kind = _quoted_or(CopyKind.PARAPHRASE, a, b, settings)
    return kind, round(model.probability(features), 4)


def _quoted_or(
    kind: CopyKind, a: SentenceFacts, b: SentenceFacts, settings: AlignSettings
) -> CopyKind:
    if max(a.quoted_share, b.quoted_share) >= settings.quote_share:
        return CopyKind.QUOTE_REUSE
    return kind


def accepts_paraphrase(
    features: PairFeatures, settings: AlignSettings, model: ParaphraseModel
) -> bool:
    """The aligner's paraphrase decision (vetoes already applied by the caller)."""
    if features.cosine >= settings.strong_cosine:
        return True
    return model.probability(features) >= settings.paraphrase_probability


def _one_to_one(scored: Iterable[_Aligned]) -> list[_Aligned]:
    priority = {
        CopyKind.EXACT: 0,
        CopyKind.NEAR: 0,
        CopyKind.PARAPHRASE: 1,
        CopyKind.QUOTE_REUSE: 2,
    }
    used_first: set[int] = set()
    used_second: set[int] = set()
    kept = []
    for pair in sorted(scored, key=lambda p: (priority[p.kind], -p.score, p.first, p.second)):
        if pair.first not in used_first and pair.second not in used_second:
            used_first.add(pair.first)
            used_second.add(pair.second)
            kept.append(pair)
    return sorted(kept, key=lambda p: (p.first, p.second))


def _align_sentences(
    plan: _PairPlan, settings: AlignSettings, model: ParaphraseModel, cache: SentenceEmbeddings
) -> list[_Aligned]:
    """One-to-one sentence pairs, verbatim before paraphrase, best score first."""
    scored = list(plan.settled)
    for i, j in plan.open:
        a, b = plan.first.facts[i], plan.second.facts[j]
        found = paraphrase_reuse(a, b, cache.cosine(a.text, b.text), settings, model)
        if found is not None:
            scored.append(_Aligned(i, j, found[1], found[0]))
    return _one_to_one(scored)


def _link_pair(
    plan: _PairPlan, settings: AlignSettings, model: ParaphraseModel, cache: SentenceEmbeddings
) -> CopyLink | None:
    first, second = plan.first, plan.second
    aligned = _align_sentences(plan, settings, model, cache)
    evidence = [pair for pair in aligned if pair.kind is not CopyKind.QUOTE_REUSE]
    smaller = min(len(first.facts), len(second.facts))
    exact = first.digest == second.digest
    if not exact and len(evidence) < _needed(plan, settings):
        return None
    first_covered = len(evidence) / max(len(first.facts), 1)
    second_covered = len(evidence) / max(len(second.facts), 1)
    way = orient(first.article, second.article, first_covered, second_covered)
    return CopyLink(
        source=way.source,
        target=way.target,
        kind=CopyKind.EXACT if exact else _link_kind(evidence),
        score=1.0 if exact else round(len(evidence) / max(smaller, 1), 4),
        directed=way.directed,
        direction_evidence=way.evidence,
        sentence_pairs=_sentence_pairs(
            first, second, aligned, reverse=way.source != first.article.id
        ),
    )


def _link_kind(evidence: Sequence[_Aligned]) -> CopyKind:
    verbatim = sum(pair.kind in _VERBATIM for pair in evidence)
    return CopyKind.NEAR if verbatim * 2 >= len(evidence) else CopyKind.PARAPHRASE


def _sentence_pairs(
    first: _Prepared, second: _Prepared, aligned: Sequence[_Aligned], reverse: bool
) -> tuple[SentencePair, ...]:
    pairs = []
    for pair in aligned:
        a, b = first.sentences[pair.first].index, second.sentences[pair.second].index
        source, target = (b, a) if reverse else (a, b)
        pairs.append(SentencePair(source, target, pair.score, pair.kind))
    return tuple(sorted(pairs, key=lambda p: (p.source_sentence, p.target_sentence)))


def near_duplicate_link(first: Article, second: Article, jaccard: float, exact: bool) -> CopyLink:
    """A document-level link from `NearDuplicateIndex` (no sentence evidence needed)."""
    covered = min(1.0, jaccard)
    way = orient(first, second, covered, covered)
    kind = CopyKind.EXACT if exact else CopyKind.NEAR
    return CopyLink(way.source, way.target, kind, round(jaccard, 4), way.directed, way.evidence)
