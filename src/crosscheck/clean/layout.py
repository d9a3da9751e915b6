"""From normalised text to story paragraphs, setting aside what is not the story.

The text is read as lines: pages and feeds put one paragraph per line (blank
lines between or not, as in one-sentence-per-line files), and a line is the
unit boilerplate comes in. Context decides what a single line cannot: the
headline repeated at the top, and the list of other stories that follows a
"Read more" line or an "It comes as..." lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from crosscheck.clean.rules import classify_line, is_bulleted
from crosscheck.clean.sentences import sentence_spans
from crosscheck.read.plaintext import looks_like_headline
from crosscheck.records import RemovedSpan

# Reasons after which the following list of links is the same furniture.
_LIST_LEADS = frozenset({"read-more", "teaser-list"})
_HEADING_LEADS = frozenset({"subheading", "page-furniture"})
# Calls to action that pages append to the last story paragraph of a block.
_TRAILING_REASONS = frozenset({"notice", "contact", "donation", "subscription", "share"})
# A teaser lead is a stub of a sentence ("It comes as...") opening a list.
_TEASER_LEAD_MAX_WORDS = 6
# The headline is repeated within the first lines of page text, never later.
_TITLE_SEARCH_LINES = 3
_STAMP_START = re.compile(r"\s(?=(Posted|Published|Updated|Last updated):?\s)")
_CLAUSE_END = re.compile(r"[.!?:;\"']$")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the raw text; `position` counts non-blank lines."""

    text: str
    position: int
    block: int


@dataclass(slots=True)
class Layout:
    """What sorting the lines found: story lines, removed spans, a headline if seen."""

    kept: list[Line] = field(default_factory=list)
    removed: list[RemovedSpan] = field(default_factory=list)
    headline: str | None = None


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their position and the blank-line block they belong to."""
    lines: list[Line] = []
    block = 0
    for raw in text.split("\n"):
        if not raw.strip():
            block += 1
        else:
            lines.append(Line(raw.strip(), len(lines), block))
    return lines


def sort_lines(lines: list[Line], title: str | None) -> Layout:
    """Keep story lines and record every other line as a RemovedSpan with its reason."""
    layout = Layout()
    list_lead: str | None = None
    for index, original in enumerate(lines):
        # classify_line is most of cleaning's time: the stamp check and the reason
        # share one verdict unless a stamp was cut off the line (classifying each
        # line twice cost GVA dev pages 3.6 ms of CPU an article; once, 1.8 ms).
        verdict = classify_line(original.text)
        line = _strip_stamp(original, verdict, layout)
        if line is not original:
            verdict = classify_line(line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        reason = _reason(line, verdict, following, title, layout)
        if reason is None and list_lead is not None and _continues_list(line, list_lead):
            reason = "teaser-list"
        if reason is None:
            layout.kept.append(line)
            list_lead = None
            continue
        line = _keep_story_head(line, reason, layout)
        layout.removed.append(RemovedSpan(line.text, reason, line.position))
        if reason in _LIST_LEADS or reason in _HEADING_LEADS:
            list_lead = reason
        elif reason != "title":
            list_lead = None
    return layout


def join_paragraphs(lines: list[Line]) -> list[str]:
    """Kept lines as paragraphs, re-joining a sentence hard-wrapped over two lines."""
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in lines:
        wrapped = (
            previous is not None
            and previous.block == line.block
            and not _CLAUSE_END.search(paragraphs[-1])
            and line.text[:1].islower()
        )
        if wrapped:
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def same_heading(line: str, title: str) -> bool:
    """Whether a line repeats the title (the page's own headline, maybe with a site suffix)."""
    line_key, title_key = _letters(line), _letters(title)
    if not line_key or not title_key:
        return False
    return (
        line_key == title_key
        or (len(line_key) >= 20 and title_key.startswith(line_key))
        or (title_key in line_key and looks_like_headline(line))
    )


def _reason(
    line: Line, verdict: str | None, following: Line | None, title: str | None, layout: Layout
) -> str | None:
    """Why `line` is not story text (`verdict` is its classify_line), in its context."""
    early = line.position < _TITLE_SEARCH_LINES and not layout.kept
    if early and verdict in (None, "subheading") and _is_headline(line, following, title, layout):
        return "title"
    if (
        verdict is None
        and _is_teaser_lead(line.text)
        and following is not None
        and is_bulleted(following.text)
    ):
        return "teaser-list"
    return verdict


def _is_headline(line: Line, following: Line | None, title: str | None, layout: Layout) -> bool:
    """The given title repeated, or (with no title given) a first headline-like line."""
    if title:
        return same_heading(line.text, title)
    wraps = following is not None and following.block == line.block and following.text[:1].islower()
    if (
        layout.headline is not None
        or following is None
        or wraps
        or not looks_like_headline(line.text)
    ):
        return False
    layout.headline = line.text
    return True


def _keep_story_head(line: Line, reason: str, layout: Layout) -> Line:
    """Keep the story sentences before a call to action on the same line; return the rest.

    Pages end a story paragraph with "Stay with News 4 for updates." or "Call us
    at ..."; the sentences before the first such sentence are story text.
    """
    if reason not in _TRAILING_REASONS:
        return line
    spans = sentence_spans(line.text)
    for index, (start, end) in enumerate(spans):
        if classify_line(line.text[start:end]) in _TRAILING_REASONS:
            if index == 0:
                return line
            layout.kept.append(replace(line, text=line.text[:start].rstrip()))
            return replace(line, text=line.text[start:])
    return line


def _continues_list(line: Line, lead: str) -> bool:
    """After a read-more lead any bullet or headline continues it; after a heading, link bullets."""
    headline = looks_like_headline(line.text.lstrip("-•*+·▪►– "))
    if lead in _LIST_LEADS:
        return is_bulleted(line.text) or headline
    return is_bulleted(line.text) and headline


def _is_teaser_lead(text: str) -> bool:
    return len(text.split()) <= _TEASER_LEAD_MAX_WORDS and text.endswith(("...", "…"))


def _strip_stamp(line: Line, verdict: str | None, layout: Layout) -> Line:
    """Cut a "Posted: <date> Updated: <date>" stamp off the end of a line (GVA-style pages).

    `verdict` is the line's classify_line; the line itself comes back when nothing is cut.
    """
    if verdict == "timestamp":
        return line  # the whole line is a stamp: removed as one span
    for match in _STAMP_START.finditer(line.text):
        head, stamp = line.text[: match.start()], line.text[match.end() :]
        if head.strip() and classify_line(stamp) == "timestamp":
            layout.removed.append(RemovedSpan(stamp, "timestamp", line.position))
            return replace(line, text=head.strip())
    return line


def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())
