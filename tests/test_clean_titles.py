"""Given titles lose the site's name, masthead and place around the headline (fiction)."""

from __future__ import annotations

import pytest

from crosscheck.clean.titles import tidy_title

HEADLINE = "Two hurt as grain silo collapses in Millbrook"


@pytest.mark.parametrize(
    "given",
    [
        f"{HEADLINE} - KXRT News 9 Millbrook, Ohio News Weather & Sports",
        f"{HEADLINE} - WQPL Action News 4 - Riverton, Kansas",
        f"{HEADLINE} - Millbrookdaily.com, North Valley News, Weather, Sports",
        f"{HEADLINE} - KQRV-TV: Riverton, Ashby, KS, News, Weather & Sports",
        f"{HEADLINE} - Valley7.com - Riverton, KS - News, Weather, Video and Sports |",
        f"{HEADLINE} - | WQPL Riverton",
        f"{HEADLINE} - WQPL - Breaking News, Weather and Valley Sports",
        f"{HEADLINE} - NBC14 - WQPL - Ashby, KS News On Your Side",
        f"CBS 61 - {HEADLINE}",
        f"{HEADLINE} | Millbrook Herald",
    ],
)
def test_mastheads_and_site_places_are_cut_from_the_title(given: str) -> None:
    assert tidy_title(given) == HEADLINE


@pytest.mark.parametrize(
    "title",
    [
        "Shooting leaves two dead - Riverton, Kansas",  # a place with no masthead before it
        "Fox News host hurt in crash - police say",  # a lower-case tail is story text
        "Tuesday, March 14, 2023 | 5:00 PM",  # a dateline: the cleaner needs it whole
        "Silo collapse - what we know so far",
        "Council votes 5-4 to close the Riverton ferry",
    ],
)
def test_story_text_around_a_separator_stays(title: str) -> None:
    assert tidy_title(title) == title


def test_a_bare_pipe_separates_a_masthead() -> None:
    given = f"{HEADLINE}|21 Valley News|Riverton, KS|News, Weather, Sports"
    assert tidy_title(given) == HEADLINE


def test_a_title_that_is_only_separators_is_no_title() -> None:
    assert tidy_title(" - | ") is None
