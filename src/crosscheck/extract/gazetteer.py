"""The word lists behind entity recognition, loaded once from `extract/data/`.

`countries.txt`, `cities.tsv` and `regions.tsv` are generated from GeoNames and
ISO 3166 by `build_gazetteer.py`; `organisations.txt`, `weapons.txt` and
`titles.txt` are written by hand. Files are read lazily and cached for the life of
the process, so extraction pays for them once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


def words(text: str) -> frozenset[str]:
    """A word list written as one string, for the short lexicons kept in code."""
    return frozenset(text.split())


# City names that are also everyday capitalised words ("Police" is a Polish town,
# "Mobile" a city in Alabama); they count as places only after a place cue.
AMBIGUOUS_CITY_NAMES = words(
    "police mobile independence university enterprise commerce reading bath nice split march "
    "may van hope union liberty victoria lead orange mission temple justice marion florence "
    "jackson washington lincoln franklin madison hamilton kent sale chester eagle ocean deal "
    "good best page wing troy man male"
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Everything entity recognition looks names up in (keys are as written)."""

    countries: frozenset[str]
    city_population: dict[str, int]
    regions: frozenset[str]
    region_codes: dict[str, str]  # postal code -> region ("OR" -> "Oregon")
    organisations: dict[str, str]
    weapons: dict[str, str]
    titles: tuple[str, ...]

    def is_place(self, name: str) -> bool:
        return self.is_region_or_country(name) or name in self.city_population

    def is_region_or_country(self, name: str) -> bool:
        return name in self.countries or name in self.regions

    def population(self, name: str) -> int:
        return self.city_population.get(name, 0)


def _data_lines(name: str) -> list[str]:
    text = resources.files("crosscheck.extract").joinpath("data", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _pairs(name: str) -> dict[str, str]:
    """`phrase<TAB>normalised` lines; a phrase without a tab normalises to itself."""
    pairs: dict[str, str] = {}
    for line in _data_lines(name):
        phrase, _, normalised = line.partition("\t")
        pairs[phrase.strip()] = normalised.strip() or phrase.strip()
    return pairs


def _city_population() -> dict[str, int]:
    population: dict[str, int] = {}
    for line in _data_lines("cities.tsv"):
        name, _country, count = line.split("\t")
        if name.lower() not in AMBIGUOUS_CITY_NAMES:
            population[name] = max(population.get(name, 0), int(count))
    return population


@cache
def load_gazetteer() -> Gazetteer:
    return Gazetteer(
        countries=frozenset(_data_lines("countries.txt")),
        city_population=_city_population(),
        regions=frozenset(line.split("\t")[0] for line in _data_lines("regions.tsv")),
        region_codes={
            code: name
            for name, _country, code in (line.split("\t") for line in _data_lines("regions.tsv"))
        },
        organisations=_pairs("organisations.txt"),
        weapons=_pairs("weapons.txt"),
        titles=tuple(_data_lines("titles.txt")),
    )
