"""The schema of a strategy file, declared once.

Validation, the JSON Schema for editors' tools and the field documentation all come from
these classes. Descriptions are in Finnish and Swedish because editors read them in their
editor's tooltips. Cross-references (source ids, inherited sources, official or translated
Swedish) are resolved afterwards in `resolve.py`; everything here is per-field.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal, overload
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


def _editor_schema(schema: dict, cls) -> None:
    """Class docstrings are English notes for developers; editors' tooltips show each field's own
    Finnish and Swedish description instead, so the docstring stays out of the JSON Schema."""
    schema.pop("description", None)
    schema.pop("title", None)
    for key, prop in schema.get("properties", {}).items():
        prop["title"] = key  # the key as written in YAML, not pydantic's English title ("Success Factors")


def _text_schema(schema: dict, cls) -> None:
    _editor_schema(schema, cls)
    schema["anyOf"] = [{"required": ["fi"]}, {"required": ["sv"]}]  # a text in at least one language


class Model(BaseModel):
    # strict: YAML's `no` must not become the text "False", `1.10` must not become 1.1
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False, json_schema_extra=_editor_schema)


class Text(Model):
    """Words in Finnish and/or Swedish that belong to a sourced fact."""

    model_config = ConfigDict(json_schema_extra=_text_schema)

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
        return lang in self._marks()

    def mark_official(self, lang: str, source_id: str) -> None:
        """Record that the source gives this text in lang in the organisation's own words (resolve.py)."""
        self._marks()[lang] = source_id

    def _marks(self) -> dict:
        """_official, from where pydantic keeps it: `self._official` goes through pydantic's __getattr__
        for private attributes (3 µs: it probes the attribute for a descriptor), this takes 0.2 µs,
        and resolve marks some 50 texts a file and every page asks."""
        private = self.__pydantic_private__
        assert private is not None  # Text has a private attribute
        return private["_official"]


class Fact(Text):
    """A statement taken from a source: the words and where they come from."""

    source: SourceId | None = Field(None, description=_doc(
        "Lähde, josta tieto on; jos puuttuu, käytetään strategian tai organisaation source-kenttää",
        "Källan för uppgiften; om den saknas används strategins eller organisationens source"))
    note: Text | None = Field(None, description=_doc("Toimituksen huomautus lukijalle", "Redaktionens anmärkning"))


class Search(Text):
    """What an editor looked for in the sources and did not find, and when: the site's own words."""

    date: Date = Field(description=_doc(
        "Milloin etsittiin (päivä, esim. 2026-03-14)", "När det söktes (dag, t.ex. 2026-03-14)"))
    strategy: Slug | None = Field(None, description=_doc(
        "Strategiaversion tunnus, jos haku koski yhtä versiota", "Strategiversionens id om sökningen gällde en version"))

    @model_validator(mode="after")
    def _day(self):
        if self.date.precision != "day":
            raise ValueError(f"write the day of the search, such as 2026-03-14 (not {self.date})")
        return self


class Brand(Model):
    """A short name used in both languages (Soite, Keusote)."""

    name: Words = Field(description=_doc("Lyhyt nimi, joka on sama molemmilla kielillä (esim. Soite)",
                                         "Kort namn som är detsamma på båda språken (t.ex. Soite)"))
    source: SourceId | None = Field(None, description=_doc("Lähde, jossa lyhyt nimi mainitaan",
                                                           "Källa där det korta namnet nämns"))


class Source(Model):
    id: Slug = Field(description=_doc("Lyhyt tunnus, jolla tiedot viittaavat lähteeseen",
                                      "Kort id som uppgifterna hänvisar till"))
    title: Words = Field(description=_doc("Lähteen otsikko sen omalla kielellä", "Källans rubrik på dess eget språk"))
    # A name that reads the same in both languages ("STT Info", "HUS") is plain text; a publisher
    # with words in it ("..., aluevaltuusto (pöytäkirja)") is given in both languages, and the
    # page shows it in its own language (the site's translation marked as such).
    publisher: Words | Text = Field(description=_doc(
        "Julkaisija: nimi sellaisenaan tai fi ja sv, jolloin sivu näyttää sen omalla kielellään",
        "Utgivare: ett namn som det är, eller fi och sv, som sidan då visar på sitt eget språk"))
    date: Date | None = Field(description=_doc("Julkaisu- tai päivityspäivä; null jos ei tiedossa",
                                               "Publicerings- eller uppdateringsdag; null om okänd"))
    # An English source is allowed (some organisations publish key texts in English only); its
    # facts are then the site's translation in both Finnish and Swedish, and marked so.
    language: Literal["fi", "sv", "en"] = Field(description=_doc(
        "Lähteen kieli (fi, sv tai en)", "Källans språk (fi, sv eller en)"))
    url: Url | None = Field(None, description=_doc("Lähteen verkko-osoite (https://...)",
                                                   "Källans webbadress (https://...)"))
    document: Words | Text | None = Field(None, description=_doc(
        "Asiakirjan kuvaus, jos verkko-osoitetta ei ole (tekstinä tai fi ja sv)",
        "Beskrivning av dokumentet om webbadress saknas (som text eller fi och sv)"))

    def as_given(self, value: str | Text | None) -> str:
        """A publisher or document description as the source itself gives it (for the CSV)."""
        if isinstance(value, Text):
            own = value.get(self.language) if self.language in LANGS else None
            return own or value.fi or value.sv or ""
        return value or ""

    @model_validator(mode="after")
    def _findable(self):
        if not self.url and not self.document:
            raise ValueError("a source needs a url or a document description, so a reader can find it")
        return self


class Period(Model):
    start: int = Field(ge=1990, le=2100, description=_doc("Kauden ensimmäinen vuosi, esim. 2023",
                                                          "Periodens första år, t.ex. 2023"))
    end: int | None = Field(None, ge=1990, le=2100, description=_doc(
        "Kauden viimeinen vuosi; jätä pois, jos lähde ei kerro", "Periodens sista år; utelämna om källan inte anger det"))
    source: SourceId | None = Field(None, description=_doc("Lähde, joka kertoo kauden", "Källa som anger perioden"))

    @model_validator(mode="after")
    def _in_order(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class Approval(Model):
    date: Date | None = Field(None, description=_doc(
        "Hyväksymispäivä niin tarkasti kuin lähde kertoo, esim. 2022-06-13",
        "Dagen för godkännandet så exakt som källan anger, t.ex. 2022-06-13"))
    body: Text | None = Field(None, description=_doc("Päättävä toimielin, esim. aluevaltuusto",
                                                      "Beslutande organ, t.ex. välfärdsområdesfullmäktige"))
    reference: Words | None = Field(None, description=_doc("Pykälä tai diaarinumero", "Paragraf eller diarienummer"))
    source: SourceId | None = Field(None, description=_doc("Lähde, joka kertoo hyväksymisestä",
                                                           "Källa som berättar om godkännandet"))


class Priority(Fact):
    description: Text | None = Field(None, description=_doc(
        "Painopisteen kuvaus lähteen sanoin", "Beskrivning av prioriteringen med källans ord"))


PartKind = Literal["service_strategy", "rescue_service_level", "programme", "other"]


class Part(Fact):
    kind: PartKind = Field(description=_doc(
        "Osan laji: service_strategy = palvelustrategia, rescue_service_level = pelastustoimen palvelutasopäätös, "
        "programme = ohjelma, other = muu",
        "Delens typ: service_strategy = servicestrategi, rescue_service_level = räddningsväsendets "
        "servicenivåbeslut, programme = program, other = annat"))
    timing: Date | None = Field(None, description=_doc("Milloin osa laaditaan tai hyväksytään",
                                                       "När delen utarbetas eller godkänns"))
    status: Literal["planned", "done"] | None = Field(None, description=_doc(
        "Lähteen kirjoittamisen aikaan: planned = suunniteltu, done = valmis",
        "När källan skrevs: planned = planerad, done = klar"))


MilestoneKind = Literal["start", "interviews", "survey", "working_group", "seminar", "evening_school", "workshop",
                        "consultation", "draft", "board", "council_decision", "implementation", "other"]


class Milestone(Fact):
    date: Date | None = Field(description=_doc(
        "Vaiheen ajankohta niin tarkasti kuin lähde kertoo; null, jos lähde ei kerro",
        "Tidpunkten för skedet så exakt som källan anger; null om källan inte anger den"))
    status: Literal["done", "ongoing", "planned"] = Field(description=_doc(
        "Lähteen kirjoittamisen aikaan: done = tapahtunut, ongoing = käynnissä, planned = suunniteltu",
        "När källan skrevs: done = har skett, ongoing = pågår, planned = planerat"))
    kind: MilestoneKind = Field(description=_doc(
        "Vaiheen laji, esim. start, survey, workshop, board = aluehallitus, council_decision = valtuuston päätös",
        "Skedets typ, t.ex. start, survey, workshop, board = styrelsen, council_decision = fullmäktiges beslut"))


class Quantity(Model):
    value: int = Field(ge=0, description=_doc("Lukumäärä lähteen mukaan", "Antal enligt källan"))
    qualifier: Literal["exactly", "about", "over", "under"] = Field("exactly", description=_doc(
        "Lähteen tarkkuus: exactly = tasan, about = noin, over = yli, under = alle",
        "Källans exakthet: exactly = exakt, about = cirka, over = över, under = under"))
    who: Text | None = Field(None, description=_doc("Keitä luku koskee, esim. vastaajaa",
                                                    "Vilka talet gäller, t.ex. svarande"))


class Participation(Fact):
    kind: Literal["survey", "register", "workshop", "event", "interviews", "consultation", "other"] = Field(
        description=_doc("Osallistumisen tapa: survey = kysely, register = rekisteri, workshop = työpaja, "
                         "event = tilaisuus, interviews = haastattelut, consultation = lausunnot, other = muu",
                         "Sätt att delta: survey = enkät, register = register, workshop = workshop, "
                         "event = evenemang, interviews = intervjuer, consultation = remiss, other = annat"))
    date: Date | None = Field(None, description=_doc("Milloin osallistuminen alkoi tai tapahtui",
                                                     "När deltagandet började eller ägde rum"))
    open_until: Date | None = Field(None, description=_doc("Viimeinen päivä, jona saattoi osallistua",
                                                           "Sista dagen då man kunde delta"))
    participants: Quantity | None = Field(None, description=_doc("Osallistujien määrä lähteen mukaan",
                                                                 "Antalet deltagare enligt källan"))


class Statement(Fact):
    items: list[Text] = Field([], description=_doc("Luettelon kohdat, jos lähde luettelee",
                                                   "Listans punkter om källan räknar upp"))


class Quote(Fact):
    speaker: Text = Field(description=_doc("Puhuja ja hänen tehtävänsä lähteen mukaan",
                                           "Den som talar och hens uppdrag enligt källan"))


ListField = Literal["values", "priorities", "success_factors", "parts", "milestones", "participation"]
# The elements a source can show a strategy not to have ("absent is not unknown").
AbsentElement = Literal["mission", "vision", "values", "priorities"]


class Absence(Model):
    """A source shows that the strategy has no such element (not: the element is not in the sources yet)."""

    element: AbsentElement = Field(description=_doc(
        "Osa, jota strategiassa ei ole: missio (mission), visio (vision), arvot (values) tai painopisteet (priorities)",
        "Del som strategin inte har: mission (mission), vision (vision), värderingar (values) eller prioriteringar "
        "(priorities)"))
    source: SourceId | None = Field(None, description=_doc(
        "Lähde, josta näkyy, ettei strategiassa ole tätä osaa (esim. strategian osien luettelo)",
        "Källa som visar att strategin saknar delen (t.ex. en förteckning över strategins delar)"))
    note: Text | None = Field(None, description=_doc(
        "Miten lähteestä näkyy, ettei osaa ole", "Hur det framgår av källan att delen saknas"))


class Strategy(Model):
    id: Slug = Field(description=_doc("Version tunnus, esim. 2022 tai 2026-2030", "Versionens id"))
    organisation: Slug | None = Field(None, description=_doc(
        "Edeltäjäorganisaation tunnus, jos strategia on sen", "Företrädarens id om strategin är dess"))
    source: SourceId | None = Field(None, description=_doc(
        "Strategian oletuslähde: koskee sen tietoja, joilla ei ole omaa source-kenttää",
        "Strategins standardkälla: gäller dess uppgifter som saknar eget source-fält"))
    title: Fact | None = Field(None, description=_doc("Strategian nimi lähteen mukaan", "Strategins namn enligt källan"))
    period: Period | None = Field(None, description=_doc("Voimassaolokausi vuosina, esim. {start: 2023, end: 2025}",
                                                         "Giltighetsperiod i år, t.ex. {start: 2023, end: 2025}"))
    status: Literal["in_preparation", "approved", "superseded"] = Field(description=_doc(
        "Tila lähteen mukaan: in_preparation = valmisteilla, approved = hyväksytty, superseded = korvattu uudella",
        "Status enligt källan: in_preparation = under beredning, approved = godkänd, superseded = ersatt av en ny"))
    status_source: SourceId | None = Field(None, description=_doc(
        "Lähde, joka kertoo tilan, jos eri kuin strategian source", "Källa för statusen om annan än strategins source"))
    approval: Approval | None = Field(None, description=_doc(
        "Strategian hyväksyminen: päivä, päättävä toimielin, pykälä", "Godkännandet av strategin: dag, organ, paragraf"))
    mission: Fact | None = Field(None, description=_doc(
        "Missio eli perustehtävä lähteen sanoin; jätä pois, jos lähteissä ei ole",
        "Mission (grunduppgift) med källans ord; utelämna om den inte finns i källorna"))
    vision: Fact | None = Field(None, description=_doc(
        "Visio lähteen sanoin; jätä pois, jos lähteissä ei ole (tai kirjaa not_in_strategy, jos lähde osoittaa, "
        "ettei visiota ole)",
        "Vision med källans ord; utelämna om den inte finns i källorna (eller anteckna not_in_strategy om källan "
        "visar att det inte finns någon vision)"))
    values: list[Fact] = Field([], description=_doc("Arvot, yksi kohta kutakin arvoa kohden",
                                                    "Värden, en punkt per värde"))
    priorities: list[Priority] = Field([], description=_doc(
        "Strategiset painopisteet tai tavoitteet lähteen sanoin, yksi kohta kutakin kohden",
        "Strategiska prioriteringar eller mål med källans ord, en punkt per prioritering"))
    success_factors: list[Fact] = Field([], description=_doc("Menestystekijät tai onnistumisen edellytykset",
                                                             "Framgångsfaktorer eller förutsättningar för framgång"))
    parts: list[Part] = Field([], description=_doc(
        "Strategiaan kuuluvat asiakirjat, esim. palvelustrategia", "Dokument som hör till strategin, t.ex. servicestrategi"))
    implementation: Fact | None = Field(None, description=_doc("Miten strategiaa toteutetaan ja seurataan",
                                                               "Hur strategin genomförs och följs upp"))
    milestones: list[Milestone] = Field([], description=_doc(
        "Valmistelun ja päätöksenteon vaiheet aikajärjestyksessä", "Beredningens och beslutens skeden i tidsordning"))
    participation: list[Participation] = Field([], description=_doc(
        "Miten asukkaat, henkilöstö tai muut osallistuivat", "Hur invånare, personal eller andra deltog"))
    statements: list[Statement] = Field([], description=_doc("Muuta lähteissä kerrottua strategiasta",
                                                             "Annat som källorna berättar om strategin"))
    quotes: list[Quote] = Field([], description=_doc("Suorat lainaukset puhujineen", "Direkta citat med den som talar"))
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
    id: Slug = Field(description=_doc("Edeltäjän tunnus, johon strategian organisation-kenttä viittaa",
                                      "Företrädarens id som strategins organisation-fält hänvisar till"))
    kind: Literal["joint_municipal_authority", "municipality", "other"] = Field(description=_doc(
        "Edeltäjän muoto: joint_municipal_authority = kuntayhtymä, municipality = kunta, other = muu",
        "Företrädarens form: joint_municipal_authority = samkommun, municipality = kommun, other = annan"))
    name: Fact = Field(description=_doc("Edeltäjän nimi", "Företrädarens namn"))
    short_name: Brand | None = Field(None, description=_doc("Edeltäjän lyhyt nimi", "Företrädarens korta namn"))
    business_id: Annotated[str, Field(pattern=r"^\d{7}-\d$")] | None = Field(None, description=_doc(
        "Y-tunnus muodossa 1234567-8", "FO-nummer i formen 1234567-8"))
    address: Words | None = Field(None, description=_doc("Edeltäjän osoite", "Företrädarens adress"))
    municipalities: list[Words] = Field([], description=_doc("Edeltäjän omistajakunnat", "Företrädarens ägarkommuner"))
    source: SourceId | None = Field(None, description=_doc("Edeltäjän tietojen oletuslähde",
                                                           "Standardkälla för företrädarens uppgifter"))
    participation: list[Participation] = Field([], description=_doc("Edeltäjän järjestämä osallistuminen",
                                                                    "Deltagande som företrädaren ordnade"))
    statements: list[Statement] = Field([], description=_doc("Muuta lähteissä kerrottua edeltäjästä",
                                                             "Annat som källorna berättar om företrädaren"))


MunicipalityName = Annotated[Words, Field(max_length=60)]


class Municipality(Model):
    """A municipality whose services the organisation arranges, by its names in both languages."""

    fi: MunicipalityName = Field(description=_doc("Kunnan suomenkielinen nimi", "Kommunens finska namn"))
    sv: MunicipalityName | None = Field(None, description=_doc(
        "Kunnan ruotsinkielinen nimi, jos kunnalla on sellainen (reference/municipalities-2026.yaml)",
        "Kommunens svenska namn, om kommunen har ett (reference/municipalities-2026.yaml)"))
    source: SourceId | None = Field(None, description=_doc(
        "Lähde, jonka mukaan kunta kuuluu organisaatioon; jos puuttuu, käytetään municipalities_source-kenttää",
        "Källan för att kommunen hör till organisationen; om den saknas används municipalities_source"))
    sv_source: SourceId | None = Field(None, description=_doc(
        "Lähde, jossa ruotsinkielinen nimi esiintyy", "Källan där det svenska namnet förekommer"))
    remark: Fact | None = Field(None, description=_doc(
        "Lähteeseen perustuva lisätieto kunnan palvelujen järjestämisestä (esim. HUS)",
        "Uppgift med källa om hur kommunens tjänster ordnas (t.ex. HUS)"))

    @model_validator(mode="after")
    def _sv_source_has_name(self):
        if self.sv_source and self.sv is None:
            raise ValueError("sv_source is given but there is no Swedish name (sv)")
        return self


class Organisation(Model):
    slug: Slug = Field(description=_doc("Tiedoston nimi ilman .yaml-päätettä; myös sivun osoite",
                                        "Filens namn utan .yaml; också sidans adress"))
    kind: Literal["welfare_area", "city", "joint_authority"] = Field(description=_doc(
        "Organisaation muoto: welfare_area = hyvinvointialue, city = kaupunki, joint_authority = hyvinvointiyhtymä",
        "Organisationsform: welfare_area = välfärdsområde, city = stad, joint_authority = välfärdssammanslutning"))
    name: Fact = Field(description=_doc("Organisaation virallinen nimi suomeksi ja ruotsiksi",
                                        "Organisationens officiella namn på finska och svenska"))
    short_name: Brand | None = Field(None, description=_doc("Lyhyt nimi tai tuotenimi, esim. Soite",
                                                            "Kort namn eller varumärke, t.ex. Soite"))
    languages: list[Literal["fi", "sv"]] = Field(min_length=1, max_length=2, description=_doc(
        "Viralliset kielet, enemmistön kieli ensin", "Officiella språk, majoritetens språk först"))
    # A list: the rule (Language Act 6 §: an area is bilingual if one of its municipalities is) and
    # the fact it applies to (the decree that names the bilingual municipalities) are two documents.
    languages_source: list[SourceId] = Field([], max_length=5, description=_doc(
        "Lähteet, joista viralliset kielet ilmenevät, esim. [kielilaki, asetus kuntien kielellisestä asemasta]",
        "Källor som visar de officiella språken, t.ex. [språklagen, förordningen om kommunernas språkliga status]"))
    municipalities: list[Municipality] = Field([], description=_doc(
        "Kunnat, joiden sosiaali- ja terveyspalvelut organisaatio järjestää",
        "Kommunerna vars social- och hälsovårdstjänster organisationen ordnar"))
    municipalities_source: SourceId | None = Field(None, description=_doc("Lähde, joka luettelee jäsenkunnat",
                                                                          "Källa som räknar upp medlemskommunerna"))
    website: Url | None = Field(None, description=_doc("Organisaation verkkosivusto", "Organisationens webbplats"))
    source: SourceId | None = Field(None, description=_doc(
        "Tiedoston oletuslähde: koskee tietoja, joilla ei ole omaa source-kenttää",
        "Filens standardkälla: gäller uppgifter som saknar eget source-fält"))
    predecessors: list[Predecessor] = Field([], description=_doc("Edeltäjäorganisaatiot, esim. kuntayhtymä",
                                                                 "Företrädande organisationer, t.ex. samkommun"))
    participation: list[Participation] = Field([], description=_doc(
        "Osallistuminen, joka ei koske yhtä strategiaversiota", "Deltagande som inte gäller en enskild strategiversion"))
    statements: list[Statement] = Field([], description=_doc(
        "Organisaation omat lausumat, jotka eivät kuulu yhteen strategiaversioon",
        "Organisationens egna uttalanden som inte hör till en enskild strategiversion"))
    strategies: list[Strategy] = Field([], description=_doc("Strategiaversiot, uusin ensin",
                                                            "Strategiversioner, den senaste först"))
    last_checked: Date | None = Field(None, description=_doc(
        "Päivä, jona toimittaja viimeksi tarkisti tiedoston lähteet organisaation ajantasaisia sivuja vasten "
        "(esim. 2026-03-14); jätä pois, jos tarkistusta ei ole tehty",
        "Dagen då en redaktör senast kontrollerade filens källor mot organisationens aktuella sidor "
        "(t.ex. 2026-03-14); utelämna om ingen kontroll har gjorts"))
    not_found: list[Search] = Field([], description=_doc(
        "Mitä lähteistä on etsitty turhaan ja milloin, ettei seuraava toimittaja etsi samaa uudelleen",
        "Vad som har sökts i källorna utan resultat och när, så att nästa redaktör inte söker igen"))
    sources: list[Source] = Field(min_length=1, description=_doc(
        "Lähteet, joihin tiedot viittaavat tunnuksella", "Källor som uppgifterna hänvisar till med id"))

    @model_validator(mode="after")
    def _checked_on_a_day(self):
        if self.last_checked is not None and self.last_checked.precision != "day":
            raise ValueError(f"last_checked is the day of the check, such as 2026-03-14 (not {self.last_checked})")
        return self

    @model_validator(mode="after")
    def _unique_languages(self):
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("a language is listed twice in `languages`")
        return self


def allowed_values(model: type[BaseModel], field: str) -> list[str]:
    """The values a Literal field (or a list or optional of one) accepts, in the model's order."""
    def literals(annotation) -> list[str]:
        if typing.get_origin(annotation) is Literal:
            return list(typing.get_args(annotation))
        return [value for arg in typing.get_args(annotation) for value in literals(arg)]

    return literals(model.model_fields[field].annotation)


class MunicipalDivision(Model):
    """The reference list of mainland Finland's municipalities in one year (reference/municipalities-<year>.yaml).

    The organisation files must list exactly these municipalities between them, each once and
    with the same names; the total is the number the source gives, so a lost line is caught."""

    year: int = Field(ge=2021, le=2100, description=_doc("Kuntajaon vuosi", "Kommunindelningens år"))
    source: SourceId = Field(description=_doc("Kuntaluettelon lähde", "Källan för kommunförteckningen"))
    total: int = Field(ge=1, description=_doc("Kuntien määrä lähteen mukaan", "Antalet kommuner enligt källan"))
    total_source: SourceId = Field(description=_doc("Lähde, joka kertoo kuntien määrän", "Källan för antalet kommuner"))
    total_note: Text | None = Field(None, description=_doc("Toimituksen huomautus määrästä",
                                                           "Redaktionens anmärkning om antalet"))
    aland: Fact = Field(description=_doc("Yksi rivi Ahvenanmaasta lukijalle", "En rad om Åland för läsaren"))
    municipalities: list[Municipality] = Field(min_length=1, description=_doc(
        "Jokainen kunta kerran, ruotsinkielisine niminen", "Varje kommun en gång, med sina svenska namn"))
    sources: list[Source] = Field(min_length=1, description=_doc(
        "Lähteet, joihin tiedot viittaavat tunnuksella", "Källor som uppgifterna hänvisar till med id"))


# Fields whose texts the site's editors wrote, not taken from a source.
# not_found: what editors searched in vain; document: a source's description, in the editors' words
EDITORIAL_FIELDS = frozenset({"note", "not_found", "document"})


@overload
def nodes_of(obj: BaseModel, path: tuple = (), leaves: Literal[False] = False,
             skip: Callable[[BaseModel, str], bool] | None = None) -> Iterator[tuple[tuple, BaseModel]]: ...
@overload
def nodes_of(obj: BaseModel, path: tuple = (), *, leaves: bool,
             skip: Callable[[BaseModel, str], bool] | None = None) -> Iterator[tuple[tuple, Any]]: ...
def nodes_of(obj: BaseModel, path: tuple = (), leaves: bool = False,
             skip: Callable[[BaseModel, str], bool] | None = None) -> Iterator[tuple[tuple, Any]]:
    """(path, model) for obj and every model inside it, each before what it holds, in field order;
    with `leaves`, also (path, value) for every other field value and list item where it stands
    (None included), so the walk gives the whole document in order. A path is field names and
    list indices: ("strategies", 0, "values", 2). A field for which skip(model, name) is true is
    left out with all it holds.

    The one walk over the model: texts, sources, checks and the CSV export all go through it. A
    consumer may change a node when it is yielded; what the node holds is read after that.
    """
    yield path, obj
    for name in type(obj).model_fields:
        if skip is not None and skip(obj, name):
            continue
        value = getattr(obj, name)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from nodes_of(item, path + (name, i), leaves=leaves, skip=skip)
                elif leaves:
                    yield path + (name, i), item
        elif isinstance(value, BaseModel):
            yield from nodes_of(value, path + (name,), leaves=leaves, skip=skip)
        elif leaves:
            yield path + (name,), value


def is_editorial(path: tuple) -> bool:
    """Whether the path lies inside an editorial note."""
    return not EDITORIAL_FIELDS.isdisjoint(path)


def texts_of(obj: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, Text]]:
    """(path, Text) for every sourced text inside obj; editorial notes are the site's own words."""
    for where, node in nodes_of(obj, path):
        if isinstance(node, Text) and not is_editorial(where[len(path):]):
            yield where, node
