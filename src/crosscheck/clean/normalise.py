"""Unicode and whitespace normalisation that keeps the words exactly as written.

Curly quotes become straight ones and odd spaces plain ones, so that the same
sentence copied by two outlets with different typography hashes, shingles and
matches the same; letters, digits and punctuation are never rewritten.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime, often typed for an apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',  # guillemets quote like double quotes in wire copy
        "\u00bb": '"',
        "\u00a0": " ",  # no-break and narrow spaces
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\t": " ",
        "\u200b": None,  # zero-width characters and soft hyphens are invisible noise
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u2028": "\n",
        "\u2029": "\n\n",
        "\r": None,
    }
)
_SPACES = re.compile(r" {2,}")


def normalise_text(text: str) -> str:
    """NFC, straight quotes, plain single spaces, lines stripped; line breaks kept."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def fingerprint_text(text: str) -> str:
    """Casefolded, whitespace-collapsed text: what the article id hashes."""
    return " ".join(text.casefold().split())
