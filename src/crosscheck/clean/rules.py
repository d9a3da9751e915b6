"""What makes one line of page text not part of the story, and which reason to give.

Each rule is a pattern plus a word limit: boilerplate is short, so a long line
that happens to mention "subscribe" or an e-mail address is left alone. The
patterns come from the kinds of furniture seen in real page text (the GVA
development pages in `shared/eval`, and wire, tabloid and local-TV layouts),
not from any one file; `classify_line` returns the first rule that matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.clean.sentences import sentence_spans


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int


def _rule(reason: str, pattern: str, max_words: int) -> Rule:
    return Rule(reason, re.compile(pattern, re.IGNORECASE), max_words)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b0\d{3,4} ?\d{3} ?\d{3,4}\b")
BULLET = re.compile(r"^(?:[-•*+·▪►–]|\d{1,2}:\d{2}) ")

RULES = (
    _rule("separator", r"^[\W_]+$", 20),
    _rule(
        "dateline",
        r"^(?-i:[A-Z][A-Z .'-]+)(, (?-i:[A-Z])[\w. ]+)? ?(\((?-i:[A-Z0-9]+)\))? ?[-–—]$",
        8,
    ),
    _rule(
        "copyright", r"^\(?copyright\b|©|\(c\) \d{4}|all rights reserved|may not be published", 80
    ),
    _rule(
        "credit",
        r"contributed to this (report|story)|^(reporting|writing|editing) by\b",
        15,
    ),
    # "—Chicago Sun-Times Wire"; longer dash lines are list items of the story.
    _rule("credit", r"^[—–] ?[A-Z][\w .'&-]+$", 4),
    # Video players leave their caption track (WebVTT) in the page text.
    _rule("transcript", r"^webvtt\b", 5000),
    _rule(
        "donation",
        r"support ((independent|local|quality|our|trusted) )+(journalism|reporting|news)"
        r"|support (us|our work)\b|consider supporting|(please )?donate (now|today|here)"
        r"|join our community|working hard to bring you|help us (keep|continue) (reporting|our)"
        r"|reader[- ]funded|become a (supporter|patron|subscriber)\b",
        40,
    ),
    _rule(
        "contact",
        r"\be-?mail us\b|whatsapp us|\bcall us\b|\btext us\b|contact us\b|do you have a story"
        r"|got a (story|tip)|send (us )?(your )?(tips|stories|story|photos|videos)\b"
        r"|we pay for (your )?(stories|videos|photos)|click here to upload"
        r"|question or comment about (a|this) (news )?story",
        40,
    ),
    _rule(
        "subscription",
        r"newsletter|\bsubscri(be|ber|ption)|digital access|create (an|your) account"
        r"|have an account|thank you for registering|verification (e-?mail|message)"
        r"|confirmation e-?mail|e-?mail notifications|notification has been saved"
        r"|saving your notification|deliverable area|welcome back|\{\*.*\*\}"
        r"|why are we asking this|one more thing\.\.\.|return to the page you were visiting",
        40,
    ),
    _rule(
        "subscription",
        r"\bsign (in|up)\b|\blog ?in\b|registration|zip ?code|terms of (service|use)"
        r"|privacy policy|paywall",
        15,
    ),
    _rule(
        "byline",
        r"^(?-i:By|BY|Written by|Story by) (?-i:[A-Z])[\w.'-]*"
        r"( ((?-i:[A-Z])|and |& |of |the )[\w.'-]*){0,6}( ?[,|/].*)?$|^author:",
        15,
    ),
    _rule("read-more", r"^(read (more|also)|also read|see also|related|more)\b ?:", 40),
    _rule(
        "read-more",
        r"^(read|see|watch|listen|click)( here)? (more|also|next|here|the full|full)\b"
        r"|^related( stories| articles| coverage| content| links| news| videos?| reading)?\s*:?$"
        r"|^related:|^also read\b|^more (stories|news|coverage|from|on|videos)\b|^more:"
        r"|^you (may|might) (also )?like|^recommended\b|trending (stories|now|videos)"
        r"|^(top|popular|most read|most popular|latest) (stories|news|videos|headlines)\b"
        r"|^in other (news|shootings|stories|headlines|crime)\b|^for more\b.*\bnews\b"
        r"|^continue reading|story continues (below|after)|^see also\b",
        15,
    ),
    _rule(
        "notice",
        r"developing story|breaking news alert|check back (for|later)"
        r"|(story|article|page|post) will be updated"
        r"|stay with .* for (more|updates|the latest)|keep checking .* for",
        30,
    ),
    _rule(
        "share",
        r"^(share|tweet|e-?mail|print|pinterest|google\+?|facebook|twitter|linkedin|reddit"
        r"|whatsapp|instagram|comments?|copy link\b.*|share this\b.*|like this\b.*)$"
        r"|follow (us|[\w.@]+) on (twitter|facebook|instagram)|like us on facebook"
        r"|join the conversation|^follow\b.*(facebook|twitter|instagram)|^stay up to date"
        r"|get the latest from|download (our|the) .*app\b|\btext \w+ to \d+|free apps"
        r"|^share (on|via|this)\b|share this (story|article)|^@\w+$"
        r"|add a location to your tweets|tweet with a location",
        25,
    ),
    _rule(
        "advertisement",
        r"^(advertisement|advertising|sponsored( content)?|ad|paid content|promoted)$"
        r"|ad[- ]?block|disable (your )?ad",
        20,
    ),
    _rule(
        "cookie",
        r"(we|this (site|website)) uses? cookies|accept (all )?cookies"
        r"|cookie (policy|settings|preferences|consent)|by continuing to (use|browse)",
        40,
    ),
    _rule(
        "page-furniture",
        r"enable javascript|trouble viewing|(hide|show) transcript|reuse options"
        r"|enter the characters"
        r"|^(close|more|photos?|videos?|gallery|pause|play|loading\.*|next|previous|back to top"
        r"|skip to (main )?content|menu|home|search|comments|\d+ (pending )?comments?)$"
        r"|^\S*_\S*\|\S*$|^image \d+ of \d+$",
        12,
    ),
    _rule(
        "caption",
        r"^\(.*\)\.?$|^(photo|image|picture|video|graphic|file photo|photograph|credit|pictured)"
        r"( \d+ of \d+)? ?[:|]|^image \d+ of \d+\b"
        r"|^(photo|image|picture)s? (by|courtesy|via|credit)"
        r"|(getty images|shutterstock|ap photo|afp via)[^.]*\)?\.?$"
        r"|\((source|photo|ap photo|image|credit|file|courtesy|getty|reuters|afp"
        r"|(?-i:[A-Z]{3,5}))\b[^)]*\)\.?$",
        60,
    ),
)

# Calls to action that a quoted speaker may also utter ("call us", "support our
# officers"); a line that opens with a quotation mark is speech, not furniture.
NEVER_IN_SPEECH = frozenset({"contact", "donation", "subscription", "notice", "read-more", "share"})

# An agency caption describes a picture in the present tense and ends on the
# place or the date it was taken ("..., walks in a trench near Kyiv, Ukraine.").
_CAPTION_VERB = re.compile(
    r"\b(walks?|stands?|sits?|looks? on|gestures?|poses?|speaks?|attends?|holds?|waits?"
    r"|reacts?|mourns?|carr(y|ies)|embraces?|gathers?|(is|are) (seen|pictured|shown)|pictured"
    r"|works?|search(es)?|inspects?|fights?|clears?|prays?|lights?|lays?|hugs?|watch(es)?)\b"
)
# Narrated news uses past tense, reporting verbs or modals; captions do not.
_NARRATION = re.compile(r"\b(was|were|had|has|have|said|says|will|would|could|told)\b")
_CAPTION_END = re.compile(
    r",\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*)*\.$"
    r"|\b(January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}, \d{4}\.$"
)
_STAMP_TOKEN = (
    r"article|posted|published|updated?|last|modified|at|on|[ap]\.?\s?m\.?"
    r"|[ecmp][sd]t|[ecmp]t|gmt|utc|bst|ist|cet|cest|msk|aest|jst"
    r"|\w+day|mon|tue|wed|thu|fri|sat|sun"
    r"|jan\w*|feb\w*|mar\w*|apr\w*|may|june?|july?|aug\w*|sept?\w*|oct\w*|nov\w*"
    r"|dec\w*|\d+(st|nd|rd|th|[ap]\.?m\.?)?"
)
_STAMP = re.compile(rf"(?:(?:{_STAMP_TOKEN})\b|[\s,.:;/@()|-])+", re.IGNORECASE)
_HEADING_END = re.compile(r"[.!?,;:]$")
# A sub-heading is a short title-like line; longer ones read as sentences that
# lost their period (the seed subheads run 4-8 words).
SUBHEADING_MAX_WORDS = 12


def classify_line(line: str) -> str | None:
    """The reason this line is not story text, or None when it may be story text."""
    words = len(line.split())
    speech = line.startswith('"')
    for rule in RULES:
        if speech and rule.reason in NEVER_IN_SPEECH:
            continue
        if words <= rule.max_words and rule.pattern.search(line):
            return rule.reason
    if _is_timestamp_line(line):
        return "timestamp"
    if _is_contact_line(line):
        return "contact"
    if _is_agency_caption(line, words):
        return "caption"
    if is_subheading(line):
        return "subheading"
    return None


def is_bulleted(line: str) -> bool:
    """Starts with a list bullet or a video-length stamp ("2:14 Title")."""
    return bool(BULLET.match(line))


def is_subheading(line: str) -> bool:
    """Short, unpunctuated and title-cased or upper-cased: a heading, not a sentence."""
    words = line.split()
    bare = line.rstrip("\"'")
    if not 0 < len(words) <= SUBHEADING_MAX_WORDS or _HEADING_END.search(bare):
        return False
    letters = [char for char in line if char.isalpha()]
    if len(letters) >= 2 and all(char.isupper() for char in letters):
        return True
    long_words = [word.lstrip("\"'(") for word in words if len(word.strip("\"'(),")) >= 4]
    capitalised = [word for word in long_words if word[:1].isupper()]
    return bool(long_words) and words[0][:1].isupper() and len(capitalised) >= 0.7 * len(long_words)


def _is_contact_line(line: str) -> bool:
    """Mostly an e-mail address or a phone number, with little else around it."""
    addresses = EMAIL.findall(line) + PHONE.findall(line)
    if not addresses:
        return False
    rest = EMAIL.sub(" ", PHONE.sub(" ", line))
    return len(rest.split()) <= 6


def _is_timestamp_line(line: str) -> bool:
    """Nothing but a posted/updated stamp: keywords, dates, clock times, zones."""
    has_marker = any(char.isdigit() for char in line) or "update" in line.lower()
    return has_marker and bool(_STAMP.fullmatch(line))


def _is_agency_caption(line: str, words: int) -> bool:
    verb = _CAPTION_VERB.search(line)
    return (
        words <= 45
        and verb is not None
        and not line[: verb.start()].endswith("to ")
        and not _NARRATION.search(line)
        and len(sentence_spans(line)) == 1
        and bool(_CAPTION_END.search(line))
    )
