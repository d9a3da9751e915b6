"""Settings of the corroboration stage, validated when built."""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.errors import SettingsError


def _check_share(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise SettingsError(name, value, "a number between 0 and 1")


@dataclass(frozen=True, slots=True)
class CorroborateSettings:
    """How claims are aligned and judged; the defaults are what `crosscheck show` uses."""

    # Cosine similarity of sentence embeddings at which two free statements are
    # taken to say the same thing. On the first 1,500 pairs of MSRP
    # (../shared/eval/msrp-train.jsonl) 0.75 gives precision 0.78 at recall 0.79
    # (accuracy 0.713, within 0.01 of the best threshold, 0.65-0.70); we take the
    # more precise end because a wrong merge would turn two claims into "agreed".
    statement_similarity: float = 0.75
    # Token Jaccard at which statements group even without embeddings (the
    # fallback when the model cannot load). On the same MSRP pairs 0.5 gives
    # precision 0.81 at recall 0.68.
    statement_overlap: float = 0.5
    # "About 40" is read as 36-44: wide enough that "about 40" and "42" agree,
    # narrow enough that "about 40 miles" and "about 50 miles" conflict.
    about_tolerance: float = 0.10
    # Exact figures still carry rounding from unit conversion (12 mi = 19.3 km
    # is printed "19 km"), so exact values within 5% are compatible.
    exact_tolerance: float = 0.05
    use_embeddings: bool = True

    def __post_init__(self) -> None:
        _check_share("statement_similarity", self.statement_similarity)
        _check_share("statement_overlap", self.statement_overlap)
        _check_share("about_tolerance", self.about_tolerance)
        _check_share("exact_tolerance", self.exact_tolerance)


DEFAULT_SETTINGS = CorroborateSettings()
