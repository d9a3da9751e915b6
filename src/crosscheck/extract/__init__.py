"""Extraction: entities, times, quantities, quotes, hedges and claims per article.

extract_facts(article, sentences, settings=ExtractSettings()) -> ArticleFacts
merge_aliases(mentions) -> {name: canonical name}
resolve_weekday(published, "Tuesday") -> date
article_figures(facts) -> CasualtyFigures(killed, injured)
"""

from crosscheck.extract.entities import merge_aliases
from crosscheck.extract.figures import CasualtyFigures, article_figures
from crosscheck.extract.pipeline import DEFAULT_SETTINGS, ExtractSettings, extract_facts
from crosscheck.extract.times import resolve_month_day, resolve_weekday

__all__ = [
    "DEFAULT_SETTINGS",
    "CasualtyFigures",
    "ExtractSettings",
    "article_figures",
    "extract_facts",
    "merge_aliases",
    "resolve_month_day",
    "resolve_weekday",
]
