"""Outcomes: the words that say what befell the people a number or a name counts.

A counted noun is tied to an outcome by a verb after it with nothing but auxiliaries
and adverbs in between ("were allegedly injured"), or a verb or noun just before it
("killed at least 39 people", "the shooting death of a 2-year-old"). Requiring that
tight link keeps "two men shot a clerk" from being read as two people shot.
"""

from __future__ import annotations

import re

from crosscheck.extract.cues import Cues

# Leftmost match wins, and at one position the first group listed wins, so
# "shot and killed" is read as killed and "shot and wounded" as injured.
OUTCOME_RE = re.compile(
    r"\b(?:(?P<killed>shot (?:and killed|dead|to death)"
    r"|killed|dead|died|dies|deaths?|slain"
    r"|murdered|fatally(?: shot| wounded| injured)?|lost (?:their|his|her) lives?|perished"
    r"|succumbed|passed away|did not survive|mortally wounded"
    r"|(?:suffered|sustained) (?:[\w-]+ )?fatal)"
    r"|(?P<injured>shot and wounded|injured|hurt|wounded|injuries|hospitali[sz]ed"
    r"|grazed(?: by (?:a |stray )*(?:bullets?|gunfire))?"
    r"|in (?:critical|serious|stable|grave|fair|good) condition)"
    r"|(?P<shot>shot|struck|hit by (?:gunfire|a bullet|bullets)"
    r"|(?:taken|rushed|transported|driven|flown) (?:by [\w ]{1,25}? )?to "
    r"(?:a |the )?(?:[\w-]+ ){0,3}?hospitals?"
    r"|(?:suffered|sustained|suffering|treated for) (?:from )?(?:an? |multiple )?gunshot wounds?)"
    r"|(?P<missing>missing|unaccounted for)"
    r"|(?P<displaced>displaced|fled|flee|fleeing|evacuated|homeless|leaving the country))\b",
    re.IGNORECASE,
)
VERB_BEFORE_RE = re.compile(
    r"\b(?P<verb>fatally (?:wounded|injured|shot|wounding|shooting)|killed|killing|kills"
    r"|injured|injuring|injures|wounded|wounding|hurt|hurting|shot|shooting)\s+$",
    re.IGNORECASE,
)
VERB_COUNTS = {"kill": "killed", "inju": "injured", "woun": "injured", "hurt": "injured"}
# "the shooting death of a 2-year-old", "charged in the killing of two men": a noun
# that says what befell whoever follows "of".
NOMINAL_BEFORE_RE = re.compile(
    r"(?:\b(?P<killed>deaths?|killings?|slayings?|(?<!attempted )murders?|fatal shooting)"
    r"|\b(?P<shot>shooting))\s+of\s+$",
    re.IGNORECASE,
)
# Only these may stand between a counted noun and its outcome verb.
LINK_WORDS_RE = re.compile(
    r"^(?:[\s,]|\b(?:were|was|is|are|have|has|had|been|be|being|got|get|who|all|both|each"
    r"|later|also|reportedly|allegedly|confirmed|with|\w+ly|pronounced|declared|found|listed"
    r"|remains?|remained|then|both|still|now)\b)*$",
    re.IGNORECASE,
)
# Outcomes that say what befell the subject even without an auxiliary ("a man died").
STATE_RE = re.compile(
    r"dead|died|dies|missing|injured|wounded|succumbed|did not|suffer|sustain|treated|in "
    r"|taken|rushed|transported|driven|flown|hit by|grazed",
    re.IGNORECASE,
)
# "a man killed in a shooting" describes a victim; "a man killed his son" an attacker.
REDUCED_RELATIVE_RE = re.compile(
    r"\s*(?:$|[,.;]|(?:in|at|on|by|after|during|early|late|when|while|overnight|last|this"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight)\b)",
    re.IGNORECASE,
)
# "Another 15-year-old was also shot", after "a 15-year-old was shot and died": a
# victim besides those already told, so one hurt, not one of a "shot" total.
ALSO_RE = re.compile(r"\balso\b", re.IGNORECASE)
# "transported to a hospital for treatment of non-life threatening injuries": all of
# them lived, so the shot are hurt, not a total that may hold the dead.
SURVIVED_RE = re.compile(
    r"[^,]{0,40}?,?\s*(?:with|for|and|suffering|sustaining)\s+(?:treatment\s+of\s+)?"
    r"(?:\w+\s+)?non[- ]?life[- ]threatening",
    re.IGNORECASE,
)
AUXILIARY_RE = re.compile(r"\b(?:were|was|is|are|been|be|being|got|get)\b", re.IGNORECASE)
# Asides between a counted noun and its outcome: "14 people, including a boy, were
# shot", "five people, four of them teenagers, were shot", "four teens, one fatally,
# were", "two men, ages 30 and 42, were".
INCLUDING_RE = re.compile(
    r",\s*including\b[^,.;]*,?|,\s*(?:\w+\s+of\s+(?:them|whom)|one|two|three|all|both)\b[^,.;]{0,30},"
    r"|,\s*(?:ages?\s+)?\d{1,2}(?:,?\s+(?:and\s+)?\d{1,2})+,"
    # "four boys between ages 12 and 16 were wounded"
    r"|\s+between\s+(?:the\s+)?ages?\s+(?:of\s+)?\d{1,2}\s+(?:and|to)\s+\d{1,2},?",
    re.IGNORECASE,
)
# Every match that can make `outcome_after` or `outcome_before` say killed, injured or
# shot holds one of these: OUTCOME_RE's killed, injured and shot groups (its match
# is a piece of the text: INCLUDING_RE's "," never joins one), VERB_BEFORE_RE and
# NOMINAL_BEFORE_RE, word by word ("hospitali[sz]ed" and "taken ... to a hospital"
# -> "hospital", "in critical condition" -> "condition", "gunshot wound" -> "shot").
TOLL_CUES = Cues.of(
    "shot", "shoot", "kill", "dead", "died", "dies", "death", "slain", "slay", "murder",
    "fatal", "lost", "perish", "succumb", "passed away", "did not survive", "injur", "hurt",
    "wound", "hospital", "grazed", "condition", "struck", "hit by",
)  # fmt: skip
CLAUSE_END_RE = re.compile(r"[.;:!?]|\bbut\b|\bwhile\b")
# "shot and later died", "taken to a hospital, where he passed away", "injured in a
# shooting Monday has died": the victim counts as killed.
LATER_DIED_RE = re.compile(
    r"[^,]{0,60}?,?\s*(?:(?:and|where|before)\s+(?:(?:he|she|they)\s+)?(?:(?:later|then|\w+ly)\s+)*"
    r"(?:died|succumbed|passed away|(?:was|were) pronounced dead)"
    r"|(?:has|have)\s+(?:since\s+|now\s+)?died|dies)\b",
    re.IGNORECASE,
)


def outcome_after(text: str, start: int, passive_only: bool = False) -> str | None:
    """The outcome tied to the words ending at `start` by what follows them, if any.

    `passive_only` refuses the active reading ("a man killed his son") even for
    outcomes other than "shot", for subjects that cannot be counted victims otherwise.
    """
    window = INCLUDING_RE.sub(",", text[start:])
    clause_end = CLAUSE_END_RE.search(window)
    window = window[: clause_end.start()] if clause_end else window
    match = OUTCOME_RE.search(window)
    if match is None:
        return None
    between = window[: match.start()]
    if not LINK_WORDS_RE.match(between):
        return None
    active = not AUXILIARY_RE.search(between) and not STATE_RE.match(match[0])
    active = active and not REDUCED_RELATIVE_RE.match(window, match.end())
    if active and (passive_only or match.lastgroup == "shot"):
        return None  # "two men shot a clerk", "a man killed his son": they did it
    if match.lastgroup in ("shot", "injured") and LATER_DIED_RE.match(window, match.end()):
        return "killed"  # "was shot and later died", "taken to a hospital, where he died"
    if match.lastgroup == "shot" and ALSO_RE.search(between):
        return "injured"  # "a child was also shot": one more, besides the dead told before
    if match.lastgroup == "shot" and SURVIVED_RE.match(window, match.end()):
        return "injured"  # "were taken to a hospital with non-life-threatening injuries"
    return match.lastgroup


def outcome_before(text: str, start: int) -> str | None:
    """The outcome a verb or noun just before `start` gives ("killed two", "death of a")."""
    nominal = NOMINAL_BEFORE_RE.search(text[max(0, start - 30) : start])
    if nominal is not None:
        return nominal.lastgroup
    match = VERB_BEFORE_RE.search(text[max(0, start - 20) : start])
    if match is None:
        return None
    verb = match["verb"].lower()
    if verb.startswith("fatally"):
        return "killed"
    return "shot" if verb.startswith("sho") else VERB_COUNTS[verb[:4]]
