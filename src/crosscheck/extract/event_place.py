"""The event's place: the town or city where what the article reports happened.

News says where early, in a few set ways, and each is evidence for a candidate
town, weighted by how reliably it names the place of the event rather than a
place the story merely mentions:

- the dateline ("MARLOW, Ore. (KXYZ) — A man was shot ..."): the town the report
  is filed from, nearly always the event's on local news;
- a town given with its state or country ("at a home in Alder Heights, Oregon",
  "Tolvagrad, Lesovia"), in the title or the first sentences;
- the police that investigate ("Marlow police said", "the Marlow Police
  Department", "police in Marlow");
- a town after a preposition in the first sentences ("a shooting in Marlow",
  "near Tolvagrad"), or used as a modifier ("a northwest Marlow neighborhood");
- towns the gazetteer knows, in the title and first sentences, then anywhere,
  unless the article uses the word in a person's name ("Gary Vossler", "Hedda
  Regina": before this, ECB+ celebrity and politics pages got a star's given name
  or a president's surname as their town).

The candidate with most weight wins (the earliest on a tie); the state or
country comes from the evidence that named it with the town, else the dateline,
else the region the article names most. Hometowns ("Ada Renn, 22, of Marlow",
"a Marlow man") name where people live, not where it happened, and count little.

On the GVA development file (eval/places.py) the town is the incident's city for
0.747 of the articles (0.755 on the held-out half: the weights were tuned on the
other half, the rules read from misses of both). Datelines are right 90% of the
time they decide, the police 86%. Most misses name a neighbourhood or a suburb
where the gold names the city, or come from pages whose top is not the story. The
state is the incident's for 0.35: a local page rarely writes its own state.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from crosscheck.extract.gazetteer import load_gazetteer, words
from crosscheck.records import EntityLabel, EventPlace, Mention, Sentence

# The title and this many first sentences are where news says where it happened.
LEAD_SENTENCES = 3
# ... and the next few count this much, for pages whose top is not the story.
FURTHER_SENTENCES = 8
FURTHER_WEIGHT = 0.5
DATELINE_PARAGRAPHS = 3

# How much each kind of evidence weighs (tuned on the GVA development file).
WEIGHTS = {
    "dateline": 7.0,
    "town-region": 4.0,
    "police": 4.5,
    "in": 1.0,
    "modifier": 0.75,
    "named": 2.0,
    "hometown": 0.5,
    "mentioned": 0.125,
}
TITLE_BONUS = 1.5  # evidence in the title counts this much more than in the lead

# AP style state abbreviations, as datelines and "Marlow, Ore." write them.
AP_STATES = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Cal.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "D.C.": "District of Columbia",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "Penn.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "W. Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wisc.": "Wisconsin",
    "Wyo.": "Wyoming",
}
# Words a capitalised run may hold that make it no town: "Police said", "the State
# Police", "Capitol Police", days and months, teaser words of a page's top line.
NOT_TOWN_WORDS = words(
    "Police Sheriff State Capitol Transit University Campus Military Park Port Metro "
    "Highway Border Secret Federal National Department Office County Township Parish "
    "Borough Court Prison Jail School College Hospital Airport Authority Authorities "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Jan Feb Mar Apr "
    "Jun Jul Aug Sep Sept Oct Nov Dec Update Updated Breaking Urgent Watch Video Photos "
    "Photo Live Exclusive Developing Posted Latest Read More Share Click Copyright "
    "Advertisement News Skip Close Pause Embed Co Twp Cnty The A An He She It They We I "
    "Officers Officials Investigators Deputies Troopers Detectives Witnesses Residents "
    "Neighbors Neighbours Family Friends Week Weekend Asia Africa Europe"
)
# "Lesovian police", "a British tourist": a people's adjective, not a town. Read only
# where the gazetteer knows no town of that name.
DEMONYM_RE = re.compile(
    r"^[A-Z][a-z]+(?:ian|ean|ese|ish)$|^(?:Greek|French|Dutch|Swiss|Thai|Welsh|Czech|Scots"
    r"|Iraqi|Israeli|Pakistani|Saudi|Somali|Yemeni|Kuwaiti|Afghani|Bangladeshi|Nepali)$"
)
COMPASS = words("North South East West Northeast Northwest Southeast Southwest Central")
NAME = r"[A-Z][\w'’.-]*"
TOWN = rf"{NAME}(?:\s+{NAME}){{0,3}}"
DATELINE_RE = re.compile(
    r"^\s*(?:\([^)]{1,30}\)\s*)?"  # "(CBS/AP) ALBUQUERQUE, N.M. -"
    r"(?P<town>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?"
    r"\s*(?:\([^)]{1,30}\))?\s*(?:--|—|–|-|\x96|:)\s"
)
# "Marlow, Ore.", "Alder Heights, Oregon", "Tolvagrad, Lesovia".
TOWN_REGION_RE = re.compile(rf"(?P<town>{TOWN}),\s+(?P<region>{NAME}(?:\s+{NAME})?)")
# "in Marlow", "near Tolvagrad", "outside of Marlow", "in northwest Marlow", "residents
# of Marlow", "the village of Lipno".
IN_TOWN_RE = re.compile(
    rf"\b(?:in|near|outside(?:\s+of)?|at|(?:town|city|village|community|[Rr]esidents|[Pp]eople)"
    rf"\s+of)\s+(?:(?:north|south|east|west|central|downtown"
    rf"|suburban|rural|northeast|northwest|southeast|southwest)(?:ern)?\s+)?(?P<town>{TOWN})"
)
# "a northwest Marlow neighborhood", "his Marlow home".
MODIFIER_RE = re.compile(
    rf"\b(?:a|an|the|his|her|their|its)\s+(?:(?:north|south|east|west|northeast|northwest"
    rf"|southeast|southwest|downtown|central)(?:ern)?\s+)?(?P<town>{TOWN})\s+(?:"
    r"neighborhood|neighbourhood|home|house|apartment|street|intersection|park|bar|"
    r"nightclub|club|restaurant|store|business|gas station|parking lot|church|school|"
    r"motel|hotel|residence)\b"
)
POLICE_RE = re.compile(
    rf"(?P<town>{TOWN})\s+(?:[Pp]olice(?:\s+[Dd]ep(?:artmen)?t\.?)?|Fire\s+(?:Department|Dept\.?"
    rf"|Rescue|Service))\b|\b[Pp]olice\s+in\s+(?P<town2>{TOWN})"
)
# "Ada Renn, 22, of Marlow", "a Marlow man": where people live.
HOMETOWN_RE = re.compile(
    rf",\s+(?:\d{{1,3}},\s+)?of\s+(?P<town>{TOWN})"
    rf"|\b(?:[Aa]n?)\s+(?P<town2>{TOWN})\s+(?:man|woman|teen|teenager|boy|girl|resident|couple)\b"
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to think the event happened in `town`."""

    town: str
    region: str | None
    kind: str
    weight: float
    position: int  # order in the article: the title first, then the body


def event_place(
    title: str,
    paragraphs: Sequence[str],
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
) -> EventPlace | None:
    """Where the article's event happened, or None when it names no town."""
    whole = "\n".join([title, *(s.text for s in sentences)])
    people = {m.text for m in mentions if m.label is EntityLabel.PERSON and " " in m.text}
    people |= _names_around_towns(whole)
    not_places = {m.text for m in mentions if m.label is EntityLabel.ORGANISATION}
    found = _evidence(title, paragraphs, sentences, mentions)
    evidence = [e for e in found if _plausible(e, people, not_places) and not _surnamed(e, whole)]
    if not evidence:
        return None
    weight: dict[str, float] = {}
    first: dict[str, int] = {}
    kinds: dict[str, str] = {}
    for item in evidence:
        weight[item.town] = weight.get(item.town, 0.0) + item.weight
        if item.town not in first or item.position < first[item.town]:
            first[item.town] = item.position
        best = kinds.get(item.town)
        if best is None or WEIGHTS[item.kind] > WEIGHTS[best]:
            kinds[item.town] = item.kind
    town = max(weight, key=lambda t: (weight[t], -first[t]))
    region = _region_of(town, evidence, mentions)
    return EventPlace(town=town, region=region, evidence=kinds[town])


# Evidence that is only the gazetteer knowing the word: "Tara" and "Regina" are towns,
# and given names far more often in news.
GAZETTEER_KINDS = frozenset({"named", "mentioned"})


def _plausible(item: Evidence, people: set[str], not_places: set[str]) -> bool:
    """False for evidence that names a person or a people rather than a town.

    - a full name before a country ("the tyrant Ada Renn, Lesovia struck"). Only there:
      entity rules take unknown towns of two words for people ("shot in Alder Heights,
      Oregon") as often as not, so a town that is a person's name elsewhere stays;
    - a gazetteer town that is a word of a person's name in the article ("Tara" of
      "Tara Renn checked into a clinic"; a town the article names as a town is read
      by the patterns, not here);
    - a people's adjective the patterns took for a town ("Lesovian police");
    - a run after "in" that no gazetteer knows and the article names as an
      organisation ("in Marlow United"; entity rules take unknown towns for people too
      often to drop people here: see `_surnamed`).
    """
    if item.kind == "town-region" and item.region in load_gazetteer().countries:
        return item.town not in people
    if item.kind in GAZETTEER_KINDS and " " not in item.town and _smaller_than_a_city(item.town):
        return not any(item.town in person.split() for person in people)
    if _known_town(item.town):
        return True
    return not DEMONYM_RE.match(item.town) and not (item.kind == "in" and item.town in not_places)


# Entity rules take some organisations for people ("Marlow Athletic Ministries"): a
# city this large is seldom a given name, and stays.
NAME_PART_POPULATION = 250_000


def _smaller_than_a_city(town: str) -> bool:
    return load_gazetteer().population(town) < NAME_PART_POPULATION


NAME_PAIR_RE = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def _surnamed(item: Evidence, whole: str) -> bool:
    """True for an unknown run of words after "in" whose last word stands alone elsewhere
    in the article, as a surname does ("in Ada Renn's first season" ... "Renn said")."""
    if item.kind != "in" or " " not in item.town or _known_town(item.town):
        return False
    last = item.town.split()[-1]
    return re.search(rf"\b{re.escape(last)}\b", whole.replace(item.town, "")) is not None


def _names_around_towns(whole: str) -> set[str]:
    """Pairs of capitalised words that are a person's name with a town's word in them.

    Entity rules read a gazetteer town first: "Tara Renn" and "Ada Tara" come out as a
    place and a stray word. The pair is a name when its other word is no place and its
    second word, the surname, also stands alone in the article ("Renn said", "Tara
    said").
    """
    found = set()
    for pair in NAME_PAIR_RE.finditer(whole):
        first, second = pair[1], pair[2]
        with_a_town = any(
            _known_town(town) and not _known_town(other) and not _place_word(other)
            for town, other in ((first, second), (second, first))
        )
        if not with_a_town:
            continue
        elsewhere = whole.replace(pair[0], "")
        if re.search(rf"\b{re.escape(second)}\b", elsewhere) is not None:
            found.add(pair[0])
    return found


def _place_word(word: str) -> bool:
    return (
        word in NOT_TOWN_WORDS
        or word in COMPASS
        or load_gazetteer().is_region_or_country(word)
        or word.lower() in STOP_WORDS
    )


def _region_of(town: str, evidence: Sequence[Evidence], mentions: Sequence[Mention]) -> str | None:
    """The state or country written with the town, else the dateline's, else the
    region the article names most (a US page names its state, if anything)."""
    for item in evidence:
        if item.town == town and item.region:
            return item.region
    for item in evidence:
        if item.kind == "dateline" and item.region:
            return item.region
    gazetteer = load_gazetteer()
    named = Counter(m.normalised for m in mentions if m.text in gazetteer.regions)
    if named:
        return max(named, key=lambda r: named[r])
    return _country_after(town, mentions)


def _country_after(town: str, mentions: Sequence[Mention]) -> str | None:
    """A country named right after the town ("at Tolvagrad in Lesovia", "Tolvagrad,
    western Lesovia") or owning it ("Lesovia's Tolvagrad"): a country named anywhere
    else may be the other side's."""
    countries = load_gazetteer().countries
    for mention in mentions:
        if mention.text != town:
            continue
        for other in mentions:
            if other.text not in countries or other.sentence != mention.sentence:
                continue
            after = other.span.start - mention.span.end
            owner = mention.span.start - other.span.end  # "'s " between them
            if 0 < after <= 20 or owner == 3:
                return other.text
    return None


def _evidence(
    title: str,
    paragraphs: Sequence[str],
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
) -> Iterator[Evidence]:
    # A page's top may be a caption or a sign-up line that cleaning kept: the
    # dateline opens one of the first paragraphs (read whole: a sentence splitter
    # ends a sentence at "MARLOW, Ore."), and later sentences count half.
    for position, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        yield from _dateline(paragraph, position)
    texts = [(title, -1, TITLE_BONUS)] + [
        (s.text, s.index, 1.0 if s.index < LEAD_SENTENCES else FURTHER_WEIGHT)
        for s in sentences[:FURTHER_SENTENCES]
    ]
    for text, position, bonus in texts:
        yield from _patterns(text, position, bonus)
    for mention in mentions:
        if mention.label is not EntityLabel.PLACE:
            continue
        town = _town(mention.text)
        if town is None or not _known_town(town) or not _town_more_than_a_name(town):
            continue
        kind = "named" if mention.sentence < LEAD_SENTENCES else "mentioned"
        yield Evidence(town, None, kind, WEIGHTS[kind], mention.sentence)
    for town in _title_towns(title):
        yield Evidence(town, None, "named", WEIGHTS["named"] * TITLE_BONUS, -1)


def _dateline(paragraph: str, position: int) -> Iterator[Evidence]:
    match = DATELINE_RE.match(paragraph)
    if match is None:
        return
    town = _town(match["town"])
    if town is None:
        return
    region = _region(match["region"]) if match["region"] else None
    if match["region"] and region is None:
        return  # "MARLOW, Ada Renn -": not a place after the comma
    yield Evidence(town, region, "dateline", WEIGHTS["dateline"], position)


def _patterns(text: str, position: int, bonus: float) -> Iterator[Evidence]:
    for match in _town_region_matches(text):
        yield Evidence(match[0], match[1], "town-region", WEIGHTS["town-region"] * bonus, position)
    for found in POLICE_RE.finditer(text):
        town = _town(found["town"] or found["town2"])
        if town is not None:
            yield Evidence(town, None, "police", WEIGHTS["police"] * bonus, position)
    for found in IN_TOWN_RE.finditer(text):
        town = _town(found["town"])
        # "at" names venues more often than towns ("at Summit Medical Center").
        if town is not None and (not found[0].startswith("at") or _known_town(town)):
            yield Evidence(town, None, "in", WEIGHTS["in"] * bonus, position)
    for found in MODIFIER_RE.finditer(text):
        town = _town(found["town"])
        if town is not None:
            yield Evidence(town, None, "modifier", WEIGHTS["modifier"] * bonus, position)
    for found in HOMETOWN_RE.finditer(text):
        town = _town(found["town"] or found["town2"])
        if town is not None:
            yield Evidence(town, None, "hometown", WEIGHTS["hometown"] * bonus, position)


def _town_region_matches(text: str) -> Iterator[tuple[str, str]]:
    for found in TOWN_REGION_RE.finditer(text):
        region = _region(found["region"])
        town = _town(found["town"])
        if region is not None and town is not None and town != region:
            yield town, region


def _region(text: str) -> str | None:
    """A US state or a country as written after a town ("Ore.", "Oregon", "OR", "Lesovia")."""
    gazetteer = load_gazetteer()
    words = text.split()
    for size in (len(words), 1):
        candidate = " ".join(words[:size]).rstrip(",")
        # "Oregon." ends a sentence; "Ore." is the state's abbreviation.
        if candidate.endswith(".") and candidate not in AP_STATES:
            candidate = candidate.rstrip(".")
        if candidate in AP_STATES:
            return AP_STATES[candidate]
        if gazetteer.is_region_or_country(candidate):
            return candidate
        if candidate.upper() == candidate and candidate.title() in gazetteer.regions:
            return candidate.title()  # "OREGON"
        postal = gazetteer.region_codes.get(candidate)
        if postal is not None:
            return postal
    return None


def _town(text: str) -> str | None:
    """The town a matched run names, cased as the gazetteer writes it, or None when
    the run is no town (a state, a country, a weekday, "State Police")."""
    name = text.strip(" ,.'’-")
    # "Marlow's Eastgate estate": the possessive is the town, the rest a part of it.
    possessive = re.match(r"^(.+?)['’]s\s+[A-Z]", name)
    if possessive:
        name = possessive[1]
    if name.isupper():
        name = _cased(name)  # a dateline's "MARLOW HEIGHTS"
    words = name.split()
    while words and words[0] in ("The", "A", "An"):
        words = words[1:]
    if not words or any(word.strip(".,") in NOT_TOWN_WORDS for word in words):
        return None
    name = " ".join(words)
    # "West Marlow" is a part of Marlow, unless the gazetteer knows it as a town.
    if len(words) >= 2 and words[0] in COMPASS and not _known_town(name):
        rest = " ".join(words[1:])
        if _known_town(rest):
            name = rest
    gazetteer = load_gazetteer()
    if gazetteer.is_region_or_country(name) or len(name) < 3:
        return None
    if name.endswith("'s") or name.endswith("’s") or name.lower() in STOP_WORDS:
        return None  # "Neither police nor ..."
    return name


# A one-word town this small, named in passing, is as likely a name or a word; 30,000
# scored best on GVA (0.744 -> 0.745). Larger towns that are given names ("Mary",
# "Regina") still pass.
NAMED_TOWN_POPULATION = 30_000


def _town_more_than_a_name(name: str) -> bool:
    return " " in name or load_gazetteer().population(name) >= NAMED_TOWN_POPULATION


def _known_town(name: str) -> bool:
    return name in load_gazetteer().city_population


@cache
def _cased_towns() -> dict[str, str]:
    return {name.lower(): name for name in load_gazetteer().city_population}


def _cased(upper: str) -> str:
    known = _cased_towns().get(upper.lower())
    return known if known is not None else upper.title()


def _title_towns(title: str) -> Iterator[str]:
    """The first town the gazetteer knows in the title: the longest known part of a
    capitalised run ("Man Shot In Marlow Heights"), not a part of a state's or a
    country's name ("North Carolina"). A county's name counts: the county is where
    it happened when no town is given ("Marlow County")."""
    gazetteer = load_gazetteer()
    for found in re.finditer(TOWN, title):
        words = found[0].split()
        spans = [(a, a + n) for n in range(len(words), 0, -1) for a in range(len(words) - n + 1)]
        regions = [
            (start, end)
            for start, end in spans
            if gazetteer.is_region_or_country(" ".join(words[start:end]).strip(",.:;"))
        ]
        for start, end in spans:
            town = _town(" ".join(words[start:end]))
            inside_region = any(a <= start and end <= b and b - a > end - start for a, b in regions)
            if town is not None and _known_town(town) and not inside_region:
                yield town  # the first: a title names the event's town before others
                return
