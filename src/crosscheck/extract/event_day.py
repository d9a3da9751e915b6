"""The day an article's event happened: the date the text ties to what happened.

A lead sentence often holds two days: the news ("the sheriff's office said on
Thursday", "was charged Tuesday", "was still in hospital Friday") and the event
("a break in Sunday's shooting at the depot", "hurt in a blast at the Marlow mill
late Friday"). A date is tied to the event when it qualifies an event noun
right after it ("Sunday's shooting", "the Feb. 9 depot fire"), or when the nearest
cue before it in its sentence is an event word ("shot", "killed", "happened")
rather than a step of the news or the courts ("announced", "arrested",
"sentenced", "said"): a time adverb follows the verb it dates.

The first tied date in the lead wins, a date tied to a death ("died Tuesday") only
when none is tied to the event itself (a victim may die days after the attack);
then a date the title ties to the event ("Thursday night shooting at the Marlow depot");
then the first date tied to the event further down (a court report's lead dates the
sentence, its third paragraph the attack); without one, the first past date in a lead
sentence that tells the event, else the lead's first past date at all; a lead that
dates nothing is widened once; else the publication date.

On the GVA development file (eval/dates.py) the share of articles dated on the
incident's day went from 0.662 (the first date in a sentence telling the event) to
0.757, 0.743 on the held-out half (0.654 before), to 0.760 / 0.746 when a preposition
came to end a date's phrase, and to 0.767 / 0.757 (within a day 0.855 -> 0.863,
held-out 0.849 -> 0.860) once holidays were read as days ("on the Fourth of July",
`crosscheck.extract.holidays`), 0.770 / 0.761 once a weekday given its date ("on
Saturday, May 17") took that date, 0.774 / 0.768 (within a day 0.869 / 0.868) with the
title's tied date, 0.778 / 0.768 (0.874 / 0.868) once "killing", "slaying" and
"shootings" told an event, 0.796 / 0.794 (0.891 / 0.886) with dates tied further
down and tweets' days skipped, and 0.797 / 0.796 once a state that goes on ("still at
large") dated the news; the publication date alone gives 0.366.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from crosscheck.extract.claims import EVENT_RE
from crosscheck.extract.times import FUTURE_RE
from crosscheck.records import Sentence, TimeRef

# What a date is tied to (`tied_to`).
Tie = Literal["event", "death"]
# What happened, as the sentences that date it say it: the claims' event words and
# the words of deaths and gunfire ("died of a gunshot wound late Monday").
HAPPENED_RE = re.compile(
    rf"{EVENT_RE.pattern}|\b(?:gunshots?|gunfire|bullets?|died|dies|deaths?|dead|murder\w*"
    r"|slain|stabb\w*|homicides?|fatal\w*|crash\w*|killings?|slayings?|shootings)\b",
    re.IGNORECASE,
)
DEATH_RE = re.compile(r"died|dies|deaths?", re.IGNORECASE)  # "shot dead Monday" is the attack
# A page that dates nothing in its lead often does a few paragraphs on, after the
# teasers and captions that cleaning left.
WIDER_LEAD = 3
# Steps that follow an event and are dated in the same sentences: the news itself,
# the police and the courts, the victim's condition since, and states that go on
# ("the man who shot a guard at the Marlow depot was still at large on Wednesday").
NEWS_STEP_RE = re.compile(
    r"\b(?:announc\w*|releas\w*|arrest\w*|charg\w*|booked|sentenc\w*|indict\w*|arraign\w*"
    r"|convict\w*|plead\w*|pled|admit\w*|confess\w*|appear\w*|identif\w*|said|says|say|told"
    r"|confirm\w*|remain\w*|continu\w*|search\w*|investigat\w*|ruled|testif\w*|court"
    r"|trial|hearing|funeral|vigil|memorial\w*|recover\w*|still|at large|on the run)\b",
    re.IGNORECASE,
)
# An event noun a date qualifies ("Sunday's shooting", "the Feb. 9 depot fire"), or
# the verb of a subject it stands between ("the men on May 2 shot two guards"). A
# preposition between them ends the date's phrase: "sentenced Tuesday over the depot
# fire", "arrested Monday in the shooting" date the news step, not the event.
_PREPOSITION = r"(?:over|for|in|into|at|after|of|on|near|about|following|since)\s"
EVENT_AFTER_RE = re.compile(
    rf"(?:['’]s)?\s+(?:(?!{_PREPOSITION})[\w-]+\s+){{0,3}}?"
    r"(?:shootings?|attacks?|explosions?|blasts?|strikes?"
    r"|killings?|slayings?|homicides?|murders?|stabbings?|crash|fire|incident)\b"
    r"|,?\s+(?:shot|killed|wounded|stabbed|attacked|opened fire)\b",
    re.IGNORECASE,
)
# A publication stamp left in the body ("(Published Friday, May 2, 2031)") dates the
# page, not the event.
STAMP_RE = re.compile(r"^\W*(?:published|posted|updated|last updated)\b", re.IGNORECASE)
# An embedded tweet ends with its author's handle and its day ("— Ada Renn (@adarenn)
# May 2, 2031"): the day of the post, which quoted the news, not of the event.
TWEET_STAMP_RE = re.compile(r"\(@\w+\)\s*$")
# A birth date in the lead ("Ada Renn, born on May 2, 1931, in Marlow, died Sunday")
# is biography: an undated obituary took its subject's birthday as the event's day.
BORN_RE = re.compile(r"\bborn\b", re.IGNORECASE)
BIRTH_DISTANCE = 80  # characters from "born" to its date ("born Ada Mae Renn in Marlow on")


@dataclass(frozen=True, slots=True)
class EventDay:
    day: date | None
    # The day is a date the text ties to what happened itself ("yesterday's explosion",
    # "was shot late Monday"), not to the news, a death since, or the publication:
    # a report a year on about the trial is dated by its news (or by the attack it dates
    # further down), a new attack by its own.
    tied: bool = False


def event_day(
    times: Sequence[TimeRef],
    sentences: Sequence[Sentence],
    published: date | None,
    lead_sentences: int,
    title: Sentence | None = None,
    title_times: Sequence[TimeRef] = (),
) -> EventDay:
    """The lead's first date tied to the event, else the title's, else the first tied one
    after the lead, else the lead's first date in a sentence telling it, else its first
    past date; the lead widened once when it holds none; else the publication date."""
    by_index = {sentence.index: sentence for sentence in sentences}
    found = _in_lead(times, by_index, published, lead_sentences)
    if found.tied:
        return found
    # A headline dates what happened as tersely as it tells it ("Thursday night shooting
    # at the depot", "Father's Day blast in Marlow"), where the lead may date only the news.
    if title is not None:
        headline = _in_lead(title_times, {title.index: title}, published, title.index + 1)
        if headline.tied:
            return headline
    # Court and follow-up reports date their news in the lead ("was sentenced Friday") and
    # what happened further down ("the guard was shot at the depot on Aug. 5, police said").
    further = _tied_further(times, by_index, published, lead_sentences)
    if further is not None:
        return EventDay(further, tied=True)
    if found.day is not None:
        return found
    wider = _in_lead(times, by_index, published, WIDER_LEAD * lead_sentences)
    return wider if wider.day is not None else EventDay(published)


def _in_lead(
    times: Sequence[TimeRef], by_index: dict[int, Sentence], published: date | None, lead: int
) -> EventDay:
    told: date | None = None
    dated: date | None = None
    died: date | None = None
    for ref in times:
        sentence = by_index.get(ref.sentence)
        if sentence is None or ref.sentence >= lead:
            continue
        day = _past_day(ref, sentence, published)
        if day is None:
            continue
        dated = dated or day
        if not HAPPENED_RE.search(sentence.text):
            continue
        tie = tied_to(sentence, ref)
        if tie == "event":
            return EventDay(day, tied=True)
        if tie == "death":
            died = died or day
        told = told or day
    return EventDay(died or told or dated)


def _tied_further(
    times: Sequence[TimeRef], by_index: dict[int, Sentence], published: date | None, lead: int
) -> date | None:
    """The first date after the lead tied to the event itself, not to a death: further
    down, "died Sunday" is as often a victim's death days on (on GVA, taking those as
    well dated fewer articles on the incident's day, 0.790 against 0.792)."""
    for ref in times:
        sentence = by_index.get(ref.sentence)
        if sentence is None or ref.sentence < lead:
            continue
        day = _past_day(ref, sentence, published)
        told = day is not None and HAPPENED_RE.search(sentence.text)
        if told and tied_to(sentence, ref) == "event":
            return day
    return None


def _past_day(ref: TimeRef, sentence: Sentence, published: date | None) -> date | None:
    """The reference's day if it is one day, not after publication, in a sentence that
    tells no future, stamps no page or tweet, and is no birth date; else None."""
    if ref.start is None or ref.start != ref.end or (published and ref.start > published):
        return None
    if FUTURE_RE.search(sentence.text) or STAMP_RE.match(sentence.text):
        return None
    before = sentence.text[: ref.span.start - sentence.span.start]
    return None if TWEET_STAMP_RE.search(before) or is_birth_date(before) else ref.start


def is_birth_date(before: str) -> bool:
    """Whether the nearest cue before a date is "born", close by in the same clause."""
    births = list(BORN_RE.finditer(before))
    if not births:
        return False
    between = before[births[-1].end() :]
    return (
        len(between) <= BIRTH_DISTANCE
        and not re.search(r"[.;:!?]", between)
        and not HAPPENED_RE.search(between)
        and not NEWS_STEP_RE.search(between)
    )


def tied_to(sentence: Sentence, ref: TimeRef) -> Tie | None:
    """What the date is tied to: "event" (it qualifies an event noun after it, or the
    nearest cue before it is an event word rather than a news step), "death" (that word
    is a death: "died late Monday"), or None. A death days after a shooting dates the
    death, so a date tied to the event itself wins over it."""
    text = sentence.text
    start = ref.span.start - sentence.span.start
    end = ref.span.end - sentence.span.start
    if EVENT_AFTER_RE.match(text, end):
        return "event"
    before = text[:start]
    events = list(HAPPENED_RE.finditer(before))
    steps = [match.end() for match in NEWS_STEP_RE.finditer(before)]
    if not events or (steps and max(steps) > events[-1].end()):
        return None
    return "death" if DEATH_RE.fullmatch(events[-1].group(0)) else "event"
