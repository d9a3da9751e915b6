"""Reprints: other outlets' records of a text the store already holds.

An article's id is the hash of its cleaned text, so a wire story that several
outlets ran word for word is stored once, under the first record read. The
others are not analysed again (they would say exactly the same), but who ran
the story is part of "who reports what": each record naming an outlet that
neither the stored article nor an earlier reprint of it names is kept as a
`Reprint`. Reading the same file twice, or one outlet's second record of its
own story (an archive copy, a feed and a page), adds nobody and is not kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from crosscheck.records import Article, Reprint


def outlet_key(outlet: str) -> str:
    """Outlet names as compared: "Northwire " and "northwire" are one outlet."""
    return " ".join(outlet.split()).casefold()


def as_reprint(record: Article) -> Reprint | None:
    """The record as a reprint of the stored article with its id; None without an outlet."""
    if record.outlet is None or not record.outlet.strip():
        return None
    return Reprint(
        article_id=record.id,
        source_id=record.source_id,
        outlet=record.outlet.strip(),
        title=record.title,
        published=record.published,
        url=record.url,
    )


def new_reprints(
    duplicates: Iterable[Article], stored: Mapping[str, Article], known: Iterable[Reprint]
) -> list[Reprint]:
    """The duplicates worth keeping, first of an outlet first, in the order given.

    `duplicates` are records whose text is stored (their ids are in `stored`, the
    stored articles by id); `known` are the reprints already kept for them.
    """
    carried = {(reprint.article_id, outlet_key(reprint.outlet)) for reprint in known}
    for article_id, article in stored.items():
        if article.outlet:
            carried.add((article_id, outlet_key(article.outlet)))
    found: list[Reprint] = []
    for record in duplicates:
        reprint = as_reprint(record)
        if reprint is None or reprint.article_id not in stored:
            continue
        key = (reprint.article_id, outlet_key(reprint.outlet))
        if key not in carried:
            carried.add(key)
            found.append(reprint)
    return found
