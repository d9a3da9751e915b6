"""Records to table rows and back; the only place that knows both shapes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crosscheck.codec import from_json, to_json
from crosscheck.records import Article, CopyKind, CopyLink, Event, Sentence, SentencePair, Span

Row = dict[str, Any]


def article_row(article: Article) -> Row:
    return to_json(article)  # the article columns carry the field names


def article_from_row(row: Mapping[Any, Any]) -> Article:
    return from_json(Article, {key: value for key, value in row.items() if key != "ingested_seq"})


def sentence_row(sentence: Sentence) -> Row:
    return {
        "article_id": sentence.article_id,
        "idx": sentence.index,
        "span_start": sentence.span.start,
        "span_end": sentence.span.end,
        "paragraph": sentence.paragraph,
        "text": sentence.text,
    }


def sentence_from_row(row: Mapping[Any, Any]) -> Sentence:
    return Sentence(
        article_id=row["article_id"],
        index=row["idx"],
        span=Span(row["span_start"], row["span_end"]),
        text=row["text"],
        paragraph=row["paragraph"],
    )


def link_row(link: CopyLink) -> Row:
    return {
        "source": link.source,
        "target": link.target,
        "kind": link.kind.value,
        "score": link.score,
        "directed": link.directed,
        "evidence": list(link.direction_evidence),
        "sentence_pairs": [_pair_row(pair) for pair in link.sentence_pairs],
    }


def link_from_row(row: Mapping[Any, Any]) -> CopyLink:
    return CopyLink(
        source=row["source"],
        target=row["target"],
        kind=CopyKind(row["kind"]),
        score=float(row["score"]),
        directed=bool(row["directed"]),
        direction_evidence=tuple(row["evidence"]),
        sentence_pairs=tuple(map(_pair_from_row, row["sentence_pairs"])),
    )


# Sentence pairs are spelled out rather than left to the generic codec (same JSON):
# a dossier reads every pair of every link of its event, and the codec's checks
# were a third of the dossier's store time on the pipeline benchmark.
def _pair_row(pair: SentencePair) -> Row:
    return {
        "source_sentence": pair.source_sentence,
        "target_sentence": pair.target_sentence,
        "score": pair.score,
        "kind": pair.kind.value,
    }


def _pair_from_row(row: Mapping[str, Any]) -> SentencePair:
    return SentencePair(
        source_sentence=int(row["source_sentence"]),
        target_sentence=int(row["target_sentence"]),
        score=float(row["score"]),
        kind=CopyKind(row["kind"]),
    )


def event_row(event: Event) -> Row:
    return {
        "id": event.id,
        "title": event.title,
        "start": event.start,
        "end": event.end,
        "places": list(event.places),
        "entities": list(event.entities),
        "merged_into": event.merged_into,
    }


def event_from_row(row: Mapping[Any, Any], article_ids: tuple[str, ...]) -> Event:
    return Event(
        id=row["id"],
        title=row["title"],
        start=row["start"],
        end=row["end"],
        article_ids=article_ids,
        places=tuple(row["places"]),
        entities=tuple(row["entities"]),
        merged_into=row["merged_into"],
    )
