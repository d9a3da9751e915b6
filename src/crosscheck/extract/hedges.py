"""Hedges: how firmly a sentence states what it states.

Cue phrases, checked strongest first: a denial beats a condition, a condition
beats "unverified", and so on down to a plain "confirmed"; a sentence with none is
"asserted". A sentence that only disclaims ("The Kyiv Independent could not verify
the claims.") also marks the sentences just before it, which it speaks about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.extract.cues import Cues
from crosscheck.records import Hedge, Sentence

HEDGE_CUES: tuple[tuple[Hedge, re.Pattern[str]], ...] = tuple(
    (hedge, re.compile(pattern, re.IGNORECASE))
    for hedge, pattern in (
        (
            Hedge.DENIED,
            r"\b(?:denied|denies|deny|denying|refuted"
            r"|(?:dismissed|rejected) (?:the )?(?:claims?|reports?))\b",
        ),
        (
            Hedge.CONDITIONAL,
            r"\bif (?:confirmed|verified|true|accurate|so\b)"
            r"|\bif (?:the )?reports? (?:are|is) (?:to be believed|true|confirmed)",
        ),
        (
            Hedge.UNVERIFIED,
            r"\b(?:could not|cannot|can't|couldn’t|couldn't|was unable to|were unable to)"
            r" (?:independently )?(?:verify|confirm)"
            r"|\b(?:could|can|cannot|can't)(?: not)? be (?:independently )?(?:verified|confirmed)"
            r"|\b(?:has|have|had) (?:yet to be|not (?:yet )?been|not been independently)"
            r" (?:confirmed|verified)"
            r"|\b(?:hasn[’']t|haven[’']t) (?:yet )?been (?:confirmed|verified)"
            r"|\bnot (?:yet )?(?:been )?(?:confirmed|verified)\b|\bunconfirmed\b|\bunverified\b",
        ),
        (
            Hedge.ALLEGED,
            r"\b(?:allegedly|alleged|reportedly|suspected|purportedly|apparently|believed to)\b",
        ),
        (Hedge.CLAIMED, r"\b(?:claimed|claims|claiming|claim)\b"),
        (Hedge.CONFIRMED, r"\b(?:confirmed|confirms|confirming|verified)\b"),
    )
)
# Every match of a HEDGE_CUES pattern holds one of these, pattern by pattern:
# "denied", "deny" -> "deni", "deny"; "if" with what follows it ("if confirmed" has
# "confirm"); "verify", "confirmed", "unverified" -> "verif", "confirm"; the alleged
# words; "claim". Most sentences hold none and are asserted without running the six
# patterns.
ANY_HEDGE_CUES = Cues.of(
    "deni", "deny", "refuted", "dismissed", "rejected",
    "if true", "if accurate", "if so", "if the report", "if report",
    "verif", "confirm",
    "alleged", "reportedly", "suspected", "purportedly", "apparently", "believed to",
    "claim",
)  # fmt: skip
# A sentence this short that carries an "unverified" cue is a disclaimer about the
# sentences before it rather than a statement of its own.
DISCLAIMER_MAX_WORDS = 14
DISCLAIMER_REACH = 2  # how many sentences back a disclaimer speaks about


def sentence_hedge(text: str) -> Hedge:
    if not ANY_HEDGE_CUES.in_text(text):
        return Hedge.ASSERTED
    for hedge, pattern in HEDGE_CUES:
        if pattern.search(text):
            return hedge
    return Hedge.ASSERTED


def _is_disclaimer(sentence: Sentence, hedge: Hedge) -> bool:
    return hedge is Hedge.UNVERIFIED and len(sentence.text.split()) <= DISCLAIMER_MAX_WORDS


def sentence_hedges(sentences: Sequence[Sentence]) -> dict[int, Hedge]:
    """Each sentence index -> its hedge, disclaimers spread back to what they disclaim."""
    hedges = {sentence.index: sentence_hedge(sentence.text) for sentence in sentences}
    for position, sentence in enumerate(sentences):
        if _is_disclaimer(sentence, hedges[sentence.index]):
            for earlier in sentences[max(0, position - DISCLAIMER_REACH) : position]:
                if hedges[earlier.index] in (Hedge.ASSERTED, Hedge.CLAIMED, Hedge.ALLEGED):
                    hedges[earlier.index] = Hedge.UNVERIFIED
    return hedges
