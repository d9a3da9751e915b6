"""Profiles built by hand for the clustering tests: terms and dates, nothing else."""

from __future__ import annotations

import numpy as np

from crosscheck.cluster.profile import ArticleProfile


def term_profile(
    article_id: str,
    terms: dict[int, int],
    years: frozenset[int] = frozenset(),
    day: int | None = None,
) -> ArticleProfile:
    """A profile with these hashed term counts (and years, event day), no names or numbers."""
    return ArticleProfile(
        article_id=article_id,
        title=article_id,
        terms=terms,
        names=frozenset(),
        places=frozenset(),
        numbers=frozenset(),
        years=years,
        day=day,
        embedding=np.ones(4, dtype=np.float32),
    )
