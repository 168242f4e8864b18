"""The schema of a strategy file, declared once.

Validation, the JSON Schema for editors' tools and the field documentation all come from
these classes. Descriptions are in Finnish and Swedish because editors read them in their
editor's tooltips. Cross-references (source ids, inherited sources, official or translated
Swedish) are resolved afterwards in `resolve.py`; everything here is per-field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from .dates import PartialDate, parse_partial_date
from .text import MAX_TEXT_CHARS, check_text

LANGS = ("fi", "sv")
LANG_NAMES = {"fi": "Finnish", "sv": "Swedish"}  # in messages to editors and developers
SLUG_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{value!r} is not a web address; only http:// and https:// addresses are allowed")
    if parts.hostname and parts.hostname.endswith(".invalid"):
        raise ValueError(f"{value!r} is a placeholder from `build.py new`; write the source's real address")
    if not parts.hostname or " " in value or any(ord(c) < 32 for c in value):
        raise ValueError(f"{value!r} is not a complete web address (such as https://example.fi/page)")
    return value


def _doc(fi: str, sv: str) -> str:
    return f"{fi} / {sv}"


# The pattern mirrors the main rules of text.check_text for editors' tools; check_text decides.
Words = Annotated[str, AfterValidator(check_text),
                  WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS,
                                  "pattern": r"^(?![\s\S]*<\s*/?\s*[A-Za-z!?])(?![\s\S]*\{[{%#])(?![\s\S]*[}%#]\})"
                                             r"(?![\s\S]*TÄYTÄ)[\s\S]*\S[\s\S]*$"})]
Url = Annotated[str, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"})]
Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=60)]
SourceId = Annotated[str, Field(pattern=SLUG_RE, max_length=60,
                                description=_doc("Lähteen tunnus tämän tiedoston sources-luettelosta",
                                                 "Källans id i filens sources-lista"))]
Date = Annotated[PartialDate, PlainValidator(parse_partial_date), PlainSerializer(str, return_type=str),
                 WithJsonSchema({"type": ["string", "integer"],
                                 "pattern": r"^\d{4}(-\d{2}(-\d{2}(/\d{4}-\d{2}-\d{2})?)?|-(early|spring|summer|autumn|late))?$",
                                 "description": _doc("Päivä 2022-06-13, kuukausi 2022-06, vuodenosa 2019-autumn "
                                                     "(early, spring, summer, autumn, late), vuosi 2022 tai "
                                                     "jakso 2019-06-06/2019-06-07",
                                                     "Dag 2022-06-13, månad 2022-06, del av år 2019-autumn, år 2022 "
                                                     "eller period 2019-06-06/2019-06-07")})]


class Model(BaseModel):
    # strict: YAML's `no` must not become the text "False", `1.10` must not become 1.1
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Text(Model):
    """Words in Finnish and/or Swedish that belong to a sourced fact."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["fi"]}, {"required": ["sv"]}]})

    fi: Words | None = Field(None, description=_doc("Suomenkielinen teksti", "Finsk text"))
    sv: Words | None = Field(None, description=_doc("Ruotsinkielinen teksti", "Svensk text"))
    fi_source: SourceId | None = Field(None, description=_doc(
        "Virallisen suomenkielisen tekstin oma lähde, jos eri kuin source",
        "Källa för den officiella finska texten, om annan än source"))
    sv_source: SourceId | None = Field(None, description=_doc(
        "Virallisen ruotsinkielisen tekstin lähde. Ilman sitä ruotsinkielinen teksti on sivuston oma käännös",
        "Källa för den officiella svenska texten. Utan den är den svenska texten webbplatsens egen översättning"))

    # resolved after validation: language -> id of the source that gives the text officially
    _official: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _some_language(self):
        if self.fi is None and self.sv is None:
            raise ValueError("give the text in at least one language (fi or sv)")
        for lang in LANGS:
            if getattr(self, f"{lang}_source") and getattr(self, lang) is None:
                raise ValueError(f"{lang}_source is given but there is no {lang} text")
        return self

    def get(self, lang: str) -> str | None:
        return getattr(self, lang)

    def is_official(self, lang: str) -> bool:
        return lang in self._official

    def mark_official(self, lang: str, source_id: str) -> None:
        """Record that the source gives this text in lang in the organisation's own words (resolve.py)."""
        self._official[lang] = source_id


class Fact(Text):
    """A statement taken from a source: the words and where they come from."""

    source: SourceId | None = Field(None, description=_doc(
        "Lähde, josta tieto on; jos puuttuu, käytetään strategian tai organisaation source-kenttää",
        "Källan för uppgiften; om den saknas används strategins eller organisationens source"))
    note: Text | None = Field(None, description=_doc("Toimituksen huomautus lukijalle", "Redaktionens anmärkning"))


class Search(Text):
    """What an editor looked for in the sources and did not find, and when: the site's own words."""

    date: Date = Field(description=_doc(
        "Milloin etsittiin (päivä, esim. 2026-12-01)", "När det söktes (dag, t.ex. 2026-12-01)"))
    strategy: Slug | None = Field(None, description=_doc(
        "Strategiaversion tunnus, jos haku koski yhtä versiota", "Strategiversionens id om sökningen gällde en version"))

    @model_validator(mode="after")
    def _day(self):
        if self.date.precision != "day":
            raise ValueError(f"write the day of the search, such as 2026-12-01 (not {self.date})")
        return self


class Brand(Model):
    """A short name used in both languages (Soite, Keusote)."""

    name: Words
    source: SourceId | None = None


class Source(Model):
    id: Slug = Field(description=_doc("Lyhyt tunnus, jolla tiedot viittaavat lähteeseen",
                                      "Kort id som uppgifterna hänvisar till"))
    title: Words = Field(description=_doc("Lähteen otsikko sen omalla kielellä", "Källans rubrik på dess eget språk"))
    publisher: Words = Field(description=_doc("Julkaisija", "Utgivare"))
    date: Date | None = Field(description=_doc("Julkaisu- tai päivityspäivä; null jos ei tiedossa",
                                               "Publicerings- eller uppdateringsdag; null om okänd"))
    # An English source is allowed (some organisations publish key texts in English only); its
    # facts are then the site's translation in both Finnish and Swedish, and marked so.
    language: Literal["fi", "sv", "en"] = Field(description=_doc(
        "Lähteen kieli (fi, sv tai en)", "Källans språk (fi, sv eller en)"))
    url: Url | None = None
    document: Words | None = Field(None, description=_doc(
        "Asiakirjan kuvaus, jos verkko-osoitetta ei ole", "Beskrivning av dokumentet om webbadress saknas"))

    @model_validator(mode="after")
    def _findable(self):
        if not self.url and not self.document:
            raise ValueError("a source needs a url or a document description, so a reader can find it")
        return self


class Period(Model):
    start: int = Field(ge=1990, le=2100)
    end: int | None = Field(None, ge=1990, le=2100)
    source: SourceId | None = None

    @model_validator(mode="after")
    def _in_order(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class Approval(Model):
    date: Date | None = None
    body: Text | None = Field(None, description=_doc("Päättävä toimielin, esim. aluevaltuusto",
                                                      "Beslutande organ, t.ex. välfärdsområdesfullmäktige"))
    reference: Words | None = Field(None, description=_doc("Pykälä tai diaarinumero", "Paragraf eller diarienummer"))
    source: SourceId | None = None


class Priority(Fact):
    description: Text | None = None


PartKind = Literal["service_strategy", "rescue_service_level", "programme", "other"]


class Part(Fact):
    kind: PartKind
    timing: Date | None = None
    status: Literal["planned", "done"] | None = None


MilestoneKind = Literal["start", "interviews", "survey", "working_group", "seminar", "evening_school", "workshop",
                        "consultation", "draft", "board", "council_decision", "implementation", "other"]


class Milestone(Fact):
    date: Date | None
    status: Literal["done", "ongoing", "planned"] = Field(description=_doc(
        "Lähteen kirjoittamisen aikaan: done = tapahtunut, ongoing = käynnissä, planned = suunniteltu",
        "När källan skrevs: done = har skett, ongoing = pågår, planned = planerat"))
    kind: MilestoneKind


class Quantity(Model):
    value: int = Field(ge=0)
    qualifier: Literal["exactly", "about", "over", "under"] = "exactly"
    who: Text | None = None


class Participation(Fact):
    kind: Literal["survey", "register", "workshop", "event", "interviews", "consultation", "other"]
    date: Date | None = None
    open_until: Date | None = None
    participants: Quantity | None = None


class Statement(Fact):
    items: list[Text] = []


class Quote(Fact):
    speaker: Text


ListField = Literal["values", "priorities", "success_factors", "parts", "milestones", "participation"]
# The elements a source can show a strategy not to have ("absent is not unknown").
AbsentElement = Literal["mission", "vision", "values", "priorities"]


class Absence(Model):
    """A source shows that the strategy has no such element (not: the element is not in the sources yet)."""

    element: AbsentElement = Field(description=_doc(
        "Osa, jota strategiassa ei ole: mission, vision, values tai priorities",
        "Del som strategin inte har: mission, vision, values eller priorities"))
    source: SourceId | None = Field(None, description=_doc(
        "Lähde, josta näkyy, ettei strategiassa ole tätä osaa (esim. strategian osien luettelo)",
        "Källa som visar att strategin saknar delen (t.ex. en förteckning över strategins delar)"))
    note: Text | None = Field(None, description=_doc(
        "Miten lähteestä näkyy, ettei osaa ole", "Hur det framgår av källan att delen saknas"))


class Strategy(Model):
    id: Slug = Field(description=_doc("Version tunnus, esim. 2022 tai 2026-2030", "Versionens id"))
    organisation: Slug | None = Field(None, description=_doc(
        "Edeltäjäorganisaation tunnus, jos strategia on sen", "Företrädarens id om strategin är dess"))
    source: SourceId | None = None
    title: Fact | None = None
    period: Period | None = None
    status: Literal["in_preparation", "approved", "superseded"]
    status_source: SourceId | None = None
    approval: Approval | None = None
    mission: Fact | None = None
    vision: Fact | None = None
    values: list[Fact] = []
    priorities: list[Priority] = []
    success_factors: list[Fact] = []
    parts: list[Part] = []
    implementation: Fact | None = None
    milestones: list[Milestone] = []
    participation: list[Participation] = []
    statements: list[Statement] = []
    quotes: list[Quote] = []
    incomplete: list[ListField] = Field([], description=_doc(
        "Luettelot, jotka lähteen mukaan voivat olla puutteellisia", "Listor som kan vara ofullständiga"))
    not_in_strategy: list[Absence] = Field([], description=_doc(
        "Osat, joita lähteen mukaan strategiassa ei ole (ei visiota, ei missiota); eri asia kuin tieto, jota ei "
        "vielä ole löytynyt",
        "Delar som strategin enligt källan inte har (ingen vision, ingen mission); inte samma sak som en uppgift "
        "som ännu inte har hittats"))

    @model_validator(mode="after")
    def _absent_or_given(self):
        seen = set()
        for absence in self.not_in_strategy:
            if absence.element in seen:
                raise ValueError(f"`{absence.element}` is listed twice in not_in_strategy")
            seen.add(absence.element)
            if getattr(self, absence.element):
                raise ValueError(f"`{absence.element}` is given and also listed in not_in_strategy; "
                                 f"remove one of them")
        return self

    def absence(self, element: str) -> Absence | None:
        """The stated absence of element (mission, vision, values, priorities), or None."""
        return next((a for a in self.not_in_strategy if a.element == element), None)


class Predecessor(Model):
    id: Slug
    kind: Literal["joint_municipal_authority", "municipality", "other"]
    name: Fact
    short_name: Brand | None = None
    business_id: Annotated[str, Field(pattern=r"^\d{7}-\d$")] | None = None
    address: Words | None = None
    municipalities: list[Words] = []
    source: SourceId | None = None
    participation: list[Participation] = []
    statements: list[Statement] = []


class Organisation(Model):
    slug: Slug = Field(description=_doc("Tiedoston nimi ilman .yaml-päätettä; myös sivun osoite",
                                        "Filens namn utan .yaml; också sidans adress"))
    kind: Literal["welfare_area", "city", "joint_authority"]
    name: Fact
    short_name: Brand | None = None
    languages: list[Literal["fi", "sv"]] = Field(min_length=1, max_length=2, description=_doc(
        "Viralliset kielet, enemmistön kieli ensin", "Officiella språk, majoritetens språk först"))
    municipalities: list[Words] = []
    municipalities_source: SourceId | None = None
    website: Url | None = None
    source: SourceId | None = None
    predecessors: list[Predecessor] = []
    participation: list[Participation] = []
    statements: list[Statement] = []
    strategies: list[Strategy] = []
    last_checked: Date | None = Field(None, description=_doc(
        "Päivä, jona toimittaja viimeksi tarkisti tiedoston lähteet organisaation ajantasaisia sivuja vasten "
        "(esim. 2026-12-01); jätä pois, jos tarkistusta ei ole tehty",
        "Dagen då en redaktör senast kontrollerade filens källor mot organisationens aktuella sidor "
        "(t.ex. 2026-12-01); utelämna om ingen kontroll har gjorts"))
    not_found: list[Search] = Field([], description=_doc(
        "Mitä lähteistä on etsitty turhaan ja milloin, ettei seuraava toimittaja etsi samaa uudelleen",
        "Vad som har sökts i källorna utan resultat och när, så att nästa redaktör inte söker igen"))
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _checked_on_a_day(self):
        if self.last_checked is not None and self.last_checked.precision != "day":
            raise ValueError(f"last_checked is the day of the check, such as 2026-12-01 (not {self.last_checked})")
        return self

    @model_validator(mode="after")
    def _unique_languages(self):
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("a language is listed twice in `languages`")
        return self


# Fields whose texts the site's editors wrote, not taken from a source.
EDITORIAL_FIELDS = frozenset({"note", "not_found"})  # not_found: what editors searched in vain


def nodes_of(obj: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """(path, model) for obj and every model inside it, each before what it holds, in field order.

    The one walk over the model: texts, sources and checks all go through it. A consumer may
    change a node when it is yielded; what the node holds is read after that.
    """
    yield path, obj
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from nodes_of(item, path + (name, i))
        elif isinstance(value, BaseModel):
            yield from nodes_of(value, path + (name,))


def is_editorial(path: tuple) -> bool:
    """Whether the path lies inside an editorial note."""
    return any(part in EDITORIAL_FIELDS for part in path)


def texts_of(obj: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, Text]]:
    """(path, Text) for every sourced text inside obj; editorial notes are the site's own words."""
    for where, node in nodes_of(obj, path):
        if isinstance(node, Text) and not is_editorial(where[len(path):]):
            yield where, node
