"""Component `vonnis_victims`: victims of trafficking (only read in trafficking cases).

Number of victims (distinct pseudonyms such as "[slachtoffer 1]" in the proven facts),
minors, vulnerabilities (minor, LVB, unaccompanied minor migrant, labour migrant,
dependency, other), nationalities and whether recruitment or transport crossed a border.

Like `vonnis_exploitation`, it reads the inhoudsindicatie of every document (evidence in the
summary) and the text: the fact sections of a complete judgment, the whole excerpt of a
partial one. `minor_victim` and `cross_border` are null when what there is does not say:
- minor_victim is true on a minor cue; false when the summary describes the victim as an
  adult ("een kwetsbare, verstandelijk beperkte vrouw", "uit China afkomstige man") or when a
  complete judgment's proven facts name no minor; else null;
- cross_border is true on a cue of recruitment or transport across a border (or art. 273f
  lid 1 sub 3, which is that by definition); false for a complete judgment without one.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._common import add_evidence, is_conclusion, section_index, set_fact, usable
from nlp.components.exploitation import (
    about_exploitation,
    fact_spans,
    is_trafficking,
    masked,
    statute_subs,
    text_spans,
    trafficking_facts,
)
from nlp.components.verdict_cues import (
    ACQUIT_RE,
    TRAFFICKING_TERM_RE,
    finding_sentences,
    sentences,
)
from nlp.extensions import facts, summary_of, text_of

Span = tuple[int, int]

VICTIM_PSEUDONYM_RE = re.compile(
    r"\[(?:slachtoffer|benadeelde|aangever|aangeefster|minderjarige|naam\s+slachtoffer|"
    r"slachtoffer\s+naam)(?:\s*\d+|\s+[A-Z0-9]{1,3})?\]", re.IGNORECASE
)
_CHILD = r"(?:meisje|jongen|dochter|zoon|kleindochter|kleinzoon|nichtje|neefje|kind|" \
         r"slachtoffer|aangeefster|aangever|vriendin|zus|broer)"
MINOR_RE = re.compile(
    r"\bminderjarig\w*|nog\s+niet\s+de\s+leeftijd\s+van\s+(?:achttien|zestien|18|16)|"
    r"leeftijd\s+van\s+(?:achttien|zestien|twaalf|18|16|12)\s+jaren?\s+nog\s+niet|"
    r"beneden\s+de\s+leeftijd\s+van\s+(?:achttien|zestien|18|16)|jonger\s+dan\s+(?:achttien|"
    r"zestien|18|16)|\b(?:1[0-7][- ]|(?:twaalf|dertien|veertien|vijftien|zestien|zeventien)[- ]?)"
    r"jarig\w*|"
    # Younger ages only next to a person: "5-jarige kleindochter" (not "3-jarige periode").
    r"\b[1-9][- ]jarige?\s+" + _CHILD + r"|"
    r"\bpersoon\s+onder\s+(?:de\s+)?(?:16|18|zestien|achttien)\s+jaren|"
    # Children used by a parent or grandparent: "het inzetten van kinderen", "haar (klein)kind
    # heeft ingezet", "dochter en kleindochter heeft uitgebuit".
    r"(?:inzetten|ingezet|uitbuiten|uitgebuit|uitbuiting)\s+van\s+(?:\w+\s+)?"
    r"(?:\(klein\))?(?:kinderen|kind|kleinkind\w*)\b|"
    r"(?:\(klein\))?(?:kinderen|kind|kleinkind\w*|kleindochter|kleinzoon)\b[^.;]{0,40}?"
    r"\b(?:heeft|hebben)\s+(?:ingezet|uitgebuit)",
    re.IGNORECASE,
)
# "minderjarig" that is not about the victim: the defendant ("verdachte was nog minderjarig";
# "zich - deels toen zij zelf nog minderjarig was - schuldig heeft gemaakt": "zelf" sets the
# offender against the victims), or a legal rule stated in the abstract ("in geval van
# minderjarige slachtoffers kan de beoordeling ...").
NOT_VICTIM_MINOR_RE = re.compile(
    r"minderjarige?\s+(?:mede)?verdachten?|verdachte\s+(?:was|is)\s+(?:toen\s+|destijds\s+)?"
    r"(?:nog\s+)?minderjarig|\bzelf\s+(?:ook\s+)?(?:nog\s+)?minderjarig\w*|"
    r"in\s+(?:het\s+)?geval\s+(?:van\s+)?(?:een\s+)?minderjarige?\s+(?:slachtoffers?|s\.o\.)",
    re.IGNORECASE,
)
# The summary's description of the victim as an adult, within the phrase that names the
# offence ("Mensenhandel door medenemen van uit Roemenië afkomstige vrouw"). A possessive
# ("samen met haar man") is the defendant's spouse, not a victim.
_SAME_SENTENCE = r"(?:(?!\.\s+(?-i:[A-Z0-9])|;).){0,150}?"
_NOT_POSSESSED = r"(?<!haar\s)(?<!zijn\s)(?<!hun\s)(?<!mijn\s)(?<!met\s)(?<!\bde\s)"
_WOMEN = _NOT_POSSESSED + r"\b(?:vrouw|vrouwen)\b"
ADULT_VICTIM_RE = re.compile(
    r"\bmensenhandel\b" + _SAME_SENTENCE +
    # Not any "mannen": in these summaries they are often the clients ("met zoveel mogelijk mannen
    # tegen betaling seks te hebben"); not "de man": press-style summaries call the
    # defendant so.
    # "mannen" only with a number or an adjective that describes victims.
    r"(?:" + _NOT_POSSESSED + r"\b(?:vrouw|vrouwen|man)|"
    r"(?:(?:twee|drie|vier|vijf|\d+|jonge|kwetsbare|verslaafde|afkomstige),?\s+)+mannen)\b|"
    r"\bmeerderjarige\s+(?:vrouw|man|slachtoffer|aangeefster|aangever)\w*|"
    # the exploitation named instead of the offence ("de seksuele uitbuiting van een jonge
    # Bulgaarse vrouw"), or after the women ("twee kwetsbare vrouwen dwongen om ... als
    # prostituee te werken"); only women here, as men are often the clients or defendants
    r"\b(?:uitbuiting|uitgebuit|uitbuiten|prostitutie)\b" + _SAME_SENTENCE + _WOMEN + r"|" +
    _WOMEN + _SAME_SENTENCE + r"\b(?:mensenhandel|uitbuiting|uitgebuit|uit\s+te\s+buiten|"
    r"prostitu\w+|kwetsbare\s+positie)\b|"
    # an age of 18 or more ("het toen 18-jarige slachtoffer")
    r"\b(?:1[89]|[2-9]\d)-?jarige\s+(?:slachtoffer|aangeefster|aangever|vrouw)\w*",
    re.IGNORECASE | re.DOTALL,
)
# A proven fact gives the victim's year of birth next to the pseudonym ("[slachtoffer]
# (geboren [geboortedatum] 1984)", "(geboren op [1998] )", ", geboren 31 januari 1991,") and
# the years of the acts ("in de periode van 1 maart 2009 tot en met 31 januari 2015"): the age
# follows, at whole years' margin.
VICTIM_BORN_RE = re.compile(
    r"\](?:\s*,)?\s*\(?(?:geboren|geb\.)\s+(?:op\s+)?(?:\[geboortedatum\]\s*|\d{1,2}[-\s]"
    r"(?:\d{1,2}|[a-z]+)[-\s])?\[?(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def ages_by_birth_year(text: str, spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """(minors, adults): the birth years of victims in `spans` (proven facts) whose age at
    the time of the acts is certain: under 18 at the last year named before it in the same
    fact, or 19 or more at the first."""
    minors: list[Span] = []
    adults: list[Span] = []
    for start, end in spans:
        for m in VICTIM_BORN_RE.finditer(text, start, end):
            if not VICTIM_PSEUDONYM_RE.search(text, max(start, m.start() - 60), m.start() + 1):
                continue  # the defendant's or a witness's birth, not a victim's
            born = int(m.group("y"))
            years = [int(y.group(0)) for y in _YEAR_RE.finditer(
                text, max(start, m.start() - 400), m.start()) if int(y.group(0)) > born]
            if not years:
                continue
            if max(years) - born <= 17:
                minors.append((m.start("y"), m.end("y")))
            elif min(years) - born >= 19:
                adults.append((m.start("y"), m.end("y")))
    return minors, adults


COUNTRIES = (
    "Hongarije", "Roemenië", "Bulgarije", "Nigeria", "China", "Polen", "Indonesië", "Brazilië",
    "Turkije", "Marokko", "Litouwen", "Letland", "Slowakije", "Tsjechië", "Oekraïne",
    "Rusland", "Filipijnen", "Thailand", "Vietnam", "Ghana", "Sierra Leone", "Eritrea",
    "Somalië", "Syrië", "Afghanistan", "India", "Suriname", "Venezuela", "Colombia",
    "Dominicaanse Republiek", "Albanië", "Moldavië", "Slovenië", "Servië", "Curaçao",
    "Guinee", "Kameroen", "Oeganda", "Ethiopië", "Duitsland", "België", "Frankrijk", "Spanje",
    "Italië", "Engeland", "Verenigd Koninkrijk", "Oostenrijk", "Zwitserland", "Singapore",
    "Portugal", "Griekenland", "Zweden", "Denemarken", "Noorwegen", "Ierland", "Oost-Europa",
    "Afrika", "Azië", "Zuid-Amerika", "Aruba", "Sint Maarten", "Bonaire", "Ecuador", "Peru",
    "Bolivia", "Brazilië", "Mexico", "Jamaica", "Sint Eustatius", "Saba", "Kosovo", "Bosnië",
    "Macedonië", "Kroatië", "Estland", "Pakistan", "Bangladesh", "Nepal", "Sri Lanka",
    "Egypte", "Libië", "Soedan", "Guinee-Bissau", "Liberia", "Ivoorkust", "Angola", "Congo",
    "Kenia", "Irak", "Iran", "Japan", "Korea", "Maleisië", "Cambodja", "Laos", "Myanmar",
)
# Parts of the world: abroad for cross_border, but no one's nationality.
REGIONS = frozenset({"Oost-Europa", "Afrika", "Azië", "Zuid-Amerika"})
_FOREIGN = r"(?:" + "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True)) + r")"
_ABROAD = r"(?:het\s+buitenland|" + _FOREIGN + r")"
_RECRUITED = r"(?:aan)?ge?worven|werven|medegenomen|meegenomen|gehaald|gebracht|overgebracht"
VULNERABILITY_RES = {
    "lvb": re.compile(r"licht\s+verstandelijk\w*\s+beperk\w*|\bLVB\b|verstandelijke\s+beperking|"
                      r"verstandelijk\s+beperkt\w*|zwakbegaafd\w*", re.IGNORECASE),
    "unaccompanied_minor_migrant": re.compile(r"alleenstaande\s+minderjarige\s+(?:vreemdeling|"
                                              r"asielzoeker)\w*|\bAMV'?s?\b"),
    "labour_migrant": re.compile(r"arbeidsmigrant\w*|seizoen(?:s)?arbeid\w*|seizoenswerk\w*|"
                                 r"(?:werknemers|arbeiders|arbeidskrachten)\s+uit\s+" + _FOREIGN,
                                 re.IGNORECASE),
    # Not plain "schulden": fraud counts speak of "het aangaan van schulden" by the victim.
    "dependency": re.compile(r"\b(?:drugs|alcohol|gok)?verslaaf\w*|\bverslaving\w*|"
                             r"afhankelijkheid\w*|"
                             r"(?:financieel|emotioneel)\s+afhankelijk|afhankelijke\s+positie|"
                             r"schuldslavernij|schuldbinding", re.IGNORECASE),
    # Irregular residence, homelessness, mental illness.
    "other": re.compile(r"zonder\s+(?:geldige\s+)?verblijfs(?:vergunning|titel)|illegaal\s+(?:in\s+"
                        r"(?:Nederland|huis|het\s+land)|hier\s+te\s+lande|verbl\w*)|"
                        r"(?:geen|zonder)\s+rechtmatig\s+verblijf|ongedocumenteerd|\bdakloos|"
                        r"psychische\s+(?:problemen|stoornis)|\bautis\w*|communicatiestoornis|"
                        r"persoonlijkheidsstoornis|"
                        # economic need, not speaking the language: "in een zwakke economische
                        # en financiële positie verkeerden en de Nederlandse en Engelse taal
                        # onvoldoende machtig waren"
                        r"zwakke\s+(?:economische|financiële|sociaal-economische)\s+(?:en\s+"
                        r"financiële\s+)?(?:positie|situatie)|"
                        r"\btaal\s+(?:onvoldoende|niet)\s+machtig",
                        re.IGNORECASE),
}
# Recruited abroad: with labour exploitation, these are labour migrants.
RECRUITED_ABROAD_RE = re.compile(
    r"(?:ge)?worven(?:\s+(?:of|en/of)\s+doen\s+werven)?\s+(?:in|uit)\s+" + _ABROAD, re.IGNORECASE)
NATIONALITIES = {
    "Hongaars": "Hongarije", "Hongarije": "Hongarije", "Roemeens": "Roemenië",
    "Roemenië": "Roemenië", "Bulgaars": "Bulgarije", "Bulgarije": "Bulgarije",
    "Nigeriaans": "Nigeria", "Nigeria": "Nigeria", "Chinees": "China", "China": "China",
    "Pools": "Polen", "Polen": "Polen", "Indonesisch": "Indonesië", "Indonesië": "Indonesië",
    "Braziliaans": "Brazilië", "Brazilië": "Brazilië", "Turks": "Turkije", "Turkije": "Turkije",
    "Marokkaans": "Marokko", "Marokko": "Marokko", "Litouws": "Litouwen",
    "Litouwen": "Litouwen", "Lets": "Letland", "Letland": "Letland", "Slowaaks": "Slowakije",
    "Slowakije": "Slowakije", "Tsjechisch": "Tsjechië", "Oekraïens": "Oekraïne",
    "Oekraïne": "Oekraïne", "Russisch": "Rusland", "Filipijns": "Filipijnen",
    "Filipijnen": "Filipijnen", "Thais": "Thailand", "Thailand": "Thailand",
    "Vietnamees": "Vietnam", "Vietnam": "Vietnam", "Ghanees": "Ghana", "Ghana": "Ghana",
    "Sierra Leoons": "Sierra Leone", "Eritrees": "Eritrea", "Eritrea": "Eritrea",
    "Somalisch": "Somalië", "Syrisch": "Syrië", "Afghaans": "Afghanistan", "Indiaas": "India",
    "Surinaams": "Suriname", "Suriname": "Suriname", "Venezolaans": "Venezuela",
    "Colombiaans": "Colombia", "Dominicaans": "Dominicaanse Republiek", "Albanees": "Albanië",
    "Moldavisch": "Moldavië", "Sloveens": "Slovenië", "Servisch": "Servië",
    "Nederlands": "Nederland", "Curaçaos": "Curaçao", "Guinees": "Guinee",
    "Kameroens": "Kameroen", "Oegandees": "Oeganda", "Ethiopisch": "Ethiopië",
}
NATIONALITY_RE = re.compile(
    r"\b(?P<n>" + "|".join(sorted(NATIONALITIES, key=len, reverse=True)) + r")e?\b"
)
# A country name (not an adjective: "Hongaarse") says where someone comes from only after
# "uit" ("vrouwen uit Nigeria", "van uit Roemenië afkomstige vrouw", "uit Polen en/of
# Litouwen") or "geboren in/te"; else it is a place of the acts ("in/vanuit Nederland en/of
# Hongarije en/of Roemenië" in a charge, "naar Duitsland laten reizen"), no nationality.
_PLACE_LIST = r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s*(?:,|\(?en/of\)?|en|of)\s*)*"
# Recruited in a country ("geworven of doen werven in Slowakije") also says where the victims
# come from.
_RECRUITED_IN = r"\b(?:ge)?worven(?:\s+(?:of|en/of)\s+doen\s+werven)?\s+(?:in|uit)"
ORIGIN_BEFORE_RE = re.compile(r"(?:(?<![\w/])uit|\bgeboren\s+(?:in|te)|" + _RECRUITED_IN + r")\s+"
                              + _PLACE_LIST + r"$")
# Those recruited are the victims, even in a sentence that does not name them (a proven
# fact cut into indented lines: "- geworven of doen werven in Slowakije terwijl zij ...").
RECRUITED_IN_BEFORE_RE = re.compile(_RECRUITED_IN + r"\s+" + _PLACE_LIST + r"$")
VICTIM_WORD_RE = re.compile(r"slachtoffer|benadeelde|aangeefster|aangever|\bvrouw(?:en)?\b|"
                            r"\bmeisjes?\b|\bjongens?\b|\bminderjarige\b|\bau[\s-]?pair|"
                            r"\bwerknemers?\b|arbeidsmigrant|\bkinderen\b|\bnichtje\b|"
                            # the pseudonyms of victims in a proven fact
                            r"\[(?:betrokkene|slachtoffer|aangever|aangeefster)\s*\d",
                            re.IGNORECASE)
CROSS_BORDER_RE = re.compile(
    r"naar\s+Nederland\s+(?:te\s+|zijn\s+|is\s+)?(?:gehaald|gebracht|overgebracht|vervoerd|laten\s+komen|"
    r"gekomen|te\s+komen|gereisd|halen|brengen)|vanuit\s+(?:het\s+buitenland|[A-Z]\w+)\s+naar\s+"
    r"(?:Nederland|België|Duitsland)|over\s+de\s+grens|grensoverschrijdend\w*|"
    r"(?:uit|vanuit)\s+[A-Z]\w+\s+(?:naar\s+Nederland|hierheen|laten\s+komen|gehaald)|"
    r"ander\s+land\s+(?:te\s+)?(?:over\s*te\s*brengen|overbrengen)|"
    # Movement from or to a foreign country ("vanuit Turkije bij verdachte in huis kwam",
    # "naar Duitsland laten reizen", "uit Indonesië naar Nederland heeft laten komen").
    r"\bvanuit\s+" + _ABROAD + r"|\bnaar\s+" + _ABROAD + r"\b|"
    r"\buit\s+" + _ABROAD + r"\s+naar\b|"
    # brought in unlawfully: "minderjarig nichtje uit Turkije illegaal in huis te nemen"
    r"\buit\s+" + _ABROAD + r"\s+illegaal\b|"
    r"\bvan\s+" + _ABROAD + r"\s+naar\s+(?:Nederland|" + _ABROAD + r")\b|"
    # victims from abroad put to work here ("2 vrouwen uit Duitsland prostitutiewerkzaamheden
    # in Nederland te laten verrichten"); not any "uit <land>", which often is the defendant's
    r"\b(?:vrouw|vrouwen|meisjes?|slachtoffers?|arbeiders|werknemers|arbeidskrachten)\s+uit\s+"
    + _ABROAD + r"\b[^.;]{0,80}?\bin\s+Nederland\b|"
    r"(?:uit|in)\s+het\s+buitenland\s+(?:\w+\s+){0,2}(?:" + _RECRUITED + r")\b|"
    r"(?:ge)?worven(?:\s+(?:of|en/of)\s+doen\s+werven)?\s+(?:in|uit)\s+" + _ABROAD + r"|"
    r"(?:binnen|op)\s+het\s+grondgebied\s+van\s+Nederland\s+(?:te\s+)?(?:brengen|gebracht)|"
    r"Nederland\s+binnen\s+(?:te\s+)?(?:brengen|gebracht|gesmokkeld|smokkelen)|"
    # Art. 273f lid 1 sub 3: recruiting or taking someone to another country for prostitution.
    # (the other citation forms are read by statute_subs).
    r"(?:aanhef\s+en\s+)?(?:onder|sub)\s+3°?[^.;]{0,40}273f",
    re.IGNORECASE,
)

# Sub-paragraphs of art. 273f lid 1 whose victim is a minor by definition ("terwijl die ander
# de leeftijd van achttien jaren nog niet heeft bereikt"), and the cross-border one.
MINOR_SUBS = (2, 5, 8)
CROSS_BORDER_SUBS = (3,)


def _statute_hit(text: str, spans: list[Span], subs: tuple[int, ...]) -> Span | None:
    for sub, start, end in statute_subs(text, spans):
        if sub in subs:
            return start, end
    return None


def _search(pattern: re.Pattern[str], text: str, spans: list[Span]) -> re.Match[str] | None:
    for start, end in spans:
        m = pattern.search(text, start, end)
        if m:
            return m
    return None


def _minor_match(text: str, spans: list[Span]) -> re.Match[str] | None:
    """The first minor cue about a victim (not the defendant, not a rule in the abstract)."""
    excluded = [(n.start(), n.end()) for n in NOT_VICTIM_MINOR_RE.finditer(text)]
    for start, end in spans:
        for m in MINOR_RE.finditer(text, start, end):
            if not any(s < m.end() and m.start() < e for s, e in excluded):
                return m
    return None


def _exploitation_sentences(summary: str) -> list[Span]:
    """The sentences of a summary about the exploitation: where, after an acquittal of
    trafficking, a minor can still be its (alleged) victim. A minor in a sentence about another
    offence ("Veroordeling voor stalking minderjarige dochter. ... Vrijspraak seksuele
    uitbuiting") is the victim of that offence."""
    return [(s, e) for s, e in sentences(summary) if about_exploitation(summary, s, e)]


# -- what the summary states about the victims ---------------------------------------------

_NOT_VICTIM_AFTER_RE = re.compile(r"\s+(?:verdachten?|medeverdachten?|daders?|hoofdverdachte|"
                                  r"pooiers?|mensenhandelaars?)\b", re.IGNORECASE)
_VICTIM_FROM_RE = re.compile(
    r"\b(?:vrouw|vrouwen|meisjes?|slachtoffers?|aangeefsters?|mannen|jongens?|kinderen|"
    r"\w*arbeiders|werknemers|arbeidsmigranten|au[\s-]?pairs?)\b(?:\s+\w+){0,2}?\s+"
    r"(?:uit|afkomstig(?:\s+(?:waren|zijn|was|is))?\s+uit|vanuit)\s+"
    # "seizoenarbeiders afkomstig waren uit Oost-Europa, merendeels uit Slowakije"
    r"(?:[\w-]+,\s+(?:merendeels|grotendeels|voornamelijk|vooral|veelal|meestal)\s+uit\s+)?"
    r"(?P<c>" + _FOREIGN + r")\b|"
    # the other word order: "door uit China afkomstige man als kok te laten werken"
    r"\buit\s+(?P<c2>" + _FOREIGN + r")\s+afkomstige\s+(?:\w+\s+){0,2}?(?:vrouw|vrouwen|meisjes?|"
    r"slachtoffers?|aangeefsters?|aangevers?|mannen|man|jongens?|kinderen|arbeiders|werknemers|"
    r"arbeidsmigranten|au[\s-]?pairs?)\b", re.IGNORECASE)
_COUNT_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                "negen": 9, "tien": 10, "elf": 11, "twaalf": 12}
# what stands between the number and the noun: adjectives ("twee jonge, kwetsbare vrouwen"),
# so that "acht bewezen dat de verdachte vier vrouwen" is four, not eight
_ADJ = r"(?:[\w-]+e,?\s+){0,3}?"
_ONE_ADJ = r"(?:(?!(?:een|de|het|van|in|met|door|aan)\b)[\w()/-]+,?\s+){0,5}?"
# Without an article only adjectives, an origin or "destijds" may stand before the noun
# ("door kwetsbare, verslaafde man", "van uit Roemenië afkomstige vrouw", "minderjarig nichtje").
_BARE_ADJ = r"(?:(?:destijds|toen|nog|(?:van)?uit\s+[A-Z][\w-]*|[\w-]+(?:e|ig)),?\s+){0,4}?"
# "ten aanzien van een zevental slachtoffers", "twee kwetsbare vrouwen", "3 vrouwen"; one
# victim only after a preposition ("de seksuele uitbuiting van een jonge Bulgaarse vrouw"), as
# "een vrouw" alone is often the defendant; men only after one, as they are often defendants.
_VICTIM_COUNT_RE = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(_COUNT_WORDS) + r")(?P<tal>tal)?\s+" + _ADJ +
    r"(?:slachtoffers|vrouwen|meisjes|minderjarigen|aangeefsters|aangevers|kinderen|"
    r"arbeidsmigranten|prostituees|\w*koeriers)\b|"
    r"\b(?:van|jegens|voor|t\.a\.v\.|ten\s+aanzien\s+van)\s+(?P<n2>\d{1,3}|" +
    "|".join(_COUNT_WORDS) + r")(?P<tal2>tal)?\s+" + _ADJ + r"(?:mannen|jongens|personen)\b|"
    # persons a single offender "heeft uitgebuit" (the plural is the object, not the subject):
    # "omdat hij ... twee illegale vreemdelingen heeft uitgebuit"
    r"\b(?P<n3>\d{1,3}|" + "|".join(_COUNT_WORDS) + r")\s+" + _ADJ +
    r"(?:mannen|jongens|personen|mensen|vreemdelingen|werknemers|arbeiders|arbeidskrachten)"
    r"(?=[^.;]{0,60}?\bheeft\s+(?:\w+\s+){0,2}?(?:uitgebuit|tewerkgesteld|gedwongen)\b)|"
    r"\b(?P<one>een|de|het)\s+" + _ONE_ADJ + r"(?:vrouw|meisje|minderjarige|jongen|man|slachtoffer|"
    r"aangeefster|prostituee|\[slachtoffer\])(?![\w\[])|"
    # the telegram style of the Hoge Raad's summaries leaves the article out: "door medenemen
    # van uit Roemenië afkomstige vrouw", "door kwetsbare, verslaafde man ... te laten werken",
    # "door destijds 5-jarige kleindochter en 13-jarige dochter in te zetten", "door samen met
    # haar man minderjarig nichtje uit Turkije illegaal in huis te nemen"
    r"\b(?P<bare>van|door|m\.b\.t\.|t\.a\.v\.|jegens|en(?=\s+\d{1,2}-jarige))\s+"
    r"(?:samen\s+met\s+(?:(?:zijn|haar|hun)\s+)?[\w-]+\s+)?" + _BARE_ADJ +
    r"(?:vrouw|meisje|minderjarige|jongen|man|slachtoffer|aangeefster|aangever|prostituee|"
    r"nichtje|dochter|kleindochter|zoon|stiefdochter)(?![\w\[])",
    re.IGNORECASE)
# A victim named in the singular anywhere in a summary ("contactverbod met het slachtoffer",
# "Betrouwbaarheid verklaring aangeefster"), when no sentence counts them and no plural names
# several: one victim.
_ONE_VICTIM_RE = re.compile(r"\b(?:het\s+slachtoffer|aangeefster|aangever)\b(?!\s*\d)",
                            re.IGNORECASE)
_SEVERAL_VICTIMS_RE = re.compile(
    r"\b(?:slachtoffers|aangeefsters|aangevers|vrouwen|meisjes|minderjarigen|kinderen|"
    r"benadeelden|benadeelde\s+partijen|arbeidsmigranten|werknemers|arbeiders)\b|"
    r"\b(?:aangeefster|aangever|slachtoffer)\s*\d|\[(?:slachtoffer|aangeefster|aangever)\s*\d",
    re.IGNORECASE)
# A singular noun that is the subject of the verdict is the defendant ("Een 26-jarige vrouw uit
# Enschede is veroordeeld"), not a victim; so is its object ("De rechtbank veroordeelt een
# 40-jarige man tot ...") and whoever acted with him ("samen met een andere man").
_SUBJECT_AFTER_RE = re.compile(r"[^.;]{0,60}?\b(?:is|zijn|wordt|worden|werd|heeft|hebben)\s+"
                               r"(?:\w+\s+){0,3}?(?:veroordeeld|vrijgesproken|schuldig|"
                               r"gemaakt|ontslagen)\b", re.IGNORECASE)
_OFFENDER_BEFORE_RE = re.compile(r"\b(?:veroordeelt|veroordeelde|veroordeeld|straft|bestraft|"
                                 r"spreekt|sprak|(?:samen|tezamen|in\s+vereniging)\s+met)\s+$",
                                 re.IGNORECASE)
_OFFENDER_AFTER_RE = re.compile(r"(?:\s+uit\s+[A-Z][\w-]*)?\s+(?:tot\s+(?:een\s+)?(?:\w+\s+)?"
                                r"(?:gevangenisstraf|taakstraf|werkstraf|jeugddetentie|"
                                r"celstraf|\d)|wegens\b|vrij\b)", re.IGNORECASE)


def _offender(sent: str, m: re.Match[str]) -> bool:
    """A singular noun phrase of _VICTIM_COUNT_RE that names the defendant or an accomplice."""
    phrase = m.group(0).lower()
    # "de man" is how press-style summaries go on to call the defendant ("wat de man wilde")
    return bool(m.start() < 3 or (phrase.startswith("de ") and phrase.endswith(" man")) or
                _SUBJECT_AFTER_RE.match(sent, m.end()) or
                _OFFENDER_BEFORE_RE.search(sent, 0, m.start()) or
                _OFFENDER_AFTER_RE.match(sent, m.end()))


_PREPARATION_RE = re.compile(r"\bvoorbereiding", re.IGNORECASE)


def _victim_sentences(summary: str) -> list[Span]:
    """The sentences of a summary that state findings, then those of an acquittal: these name
    the alleged victims ("Vrijspraak mensenhandel door destijds 5-jarige kleindochter en
    13-jarige dochter in te zetten"). Not the acquittal of a preparation ("ter voorbereiding
    van ... de seksuele uitbuiting van een minderjarige" names whom it would have been)."""
    found_in = finding_sentences(summary)
    return found_in + [(s, e) for s, e in sentences(summary) if (s, e) not in found_in
                       and ACQUIT_RE.search(summary, s, e)
                       and not _PREPARATION_RE.search(summary, s, e)]


def _summary_nationalities(summary: str) -> list[tuple[int, int, str]]:
    """Victims' countries the summary states ("een jonge Bulgaarse vrouw", "2 vrouwen uit
    Duitsland"), not a defendant's ("een Poolse verdachte")."""
    out = []
    for start, end in _victim_sentences(summary):
        sent = summary[start:end]
        # an adjective needs a victim in the sentence; the "uit" phrase names its own person
        if VICTIM_WORD_RE.search(sent):
            for m in NATIONALITY_RE.finditer(sent):
                country = NATIONALITIES[m.group("n")]
                if country != "Nederland" and not _NOT_VICTIM_AFTER_RE.match(sent, m.end()) \
                        and is_nationality(sent, m):
                    out.append((start + m.start(), start + m.end(), country))
        for m in _VICTIM_FROM_RE.finditer(sent):
            group = "c" if m.group("c") else "c2"
            if group == "c2" and (_SUBJECT_AFTER_RE.match(sent, m.end())
                                  or _OFFENDER_BEFORE_RE.search(sent, 0, m.start())):
                continue  # "Een uit Polen afkomstige man is veroordeeld"
            if _country_name(m.group(group)) in REGIONS:
                continue
            out.append((start + m.start(group), start + m.end(group),
                        _country_name(m.group(group))))
    return out


def is_nationality(text: str, m: re.Match[str]) -> bool:
    """A NATIONALITY_RE hit states where someone is from: an adjective ("Roemeense"), or a
    country name after "uit" (not a place of the acts, "in/vanuit ... Hongarije")."""
    found = m.group("n")
    if NATIONALITIES[found] != found:
        return True
    return bool(ORIGIN_BEFORE_RE.search(text[max(0, m.start() - 120):m.start()]))


def _country_name(found: str) -> str:
    return next((c for c in COUNTRIES if c.lower() == found.lower()), found)


# The abuse that art. 273f names as a means: a sentence about it is about the trafficking too
# ("De man zocht contact met een drugsverslaafde vrouw ... en maakte misbruik van haar
# kwetsbare positie").
_ABUSE_RE = re.compile(r"misbruik\s+(?:\w+\s+){0,3}?(?:kwetsbare\s+positie|overwicht)",
                       re.IGNORECASE)


def _summary_victim_count(summary: str) -> tuple[int, Span] | None:
    """The number of victims the summary states in a sentence about the exploitation."""
    for start, end in _victim_sentences(summary):
        if not (about_exploitation(summary, start, end) or
                _ABUSE_RE.search(summary, start, end)):
            continue
        sent = summary[start:end]
        found = [m for m in _VICTIM_COUNT_RE.finditer(sent)
                 if not ((m.group("one") or m.group("bare")) and _offender(sent, m))]
        if not found:
            continue
        m = found[0]
        word = (m.group("n") or m.group("n2") or m.group("n3") or m.group("one") or "").lower()
        if m.group("bare"):
            n = sum(1 for f in found if f.group("bare"))
        elif word in ("een", "de", "het"):
            # "een kwetsbare vrouw ... alsmede ... een 15-jarig meisje": two victims
            # (not "een andere man": a man named next to a victim is mostly a client)
            n = max(1, sum(1 for f in found if (f.group("one") or "").lower() == "een"
                           and not f.group(0).lower().endswith(" man")))
        else:
            n = _COUNT_WORDS.get(word) or int(word)
        return n, (start + m.start(), start + m.end())
    if TRAFFICKING_TERM_RE.search(summary) and not _SEVERAL_VICTIMS_RE.search(summary):
        one = _ONE_VICTIM_RE.search(summary)
        if one:
            return 1, (one.start(), one.end())
    return None


def is_complete_judgment(doc: Doc) -> bool:
    """A whole judgment of a court that decides the facts: its proven facts tell whether the
    victim was a minor or crossed a border, so silence there means no (not unknown)."""
    if doc._.reason or is_conclusion(doc):
        return False
    return any(s.label == "proven" for s in section_index(doc).spans)


@Language.factory("vonnis_victims")
def make_victims(nlp: Language, name: str) -> VictimsComponent:
    return VictimsComponent()


class VictimsComponent:
    def __call__(self, doc: Doc) -> Doc:
        for key, empty in (("minor_victim", None), ("number_of_victims", None),
                           ("victim_vulnerabilities", []), ("victim_nationalities", []),
                           ("cross_border", None)):
            set_fact(doc, key, empty)
        if not usable(doc) or not is_trafficking(doc):
            return doc
        index = section_index(doc)
        text = masked(text_of(doc))
        summary = masked(summary_of(doc))
        spans = text_spans(doc)
        whole_summary = [(0, len(summary))] if summary else []
        complete = is_complete_judgment(doc)

        def evidence(key: str, m: re.Match[str] | Span, label: str, in_summary: bool) -> None:
            start, end = (m.start(), m.end()) if isinstance(m, re.Match) else m
            if in_summary:
                add_evidence(doc, key, start, end, label, in_summary=True)
            else:
                add_evidence(doc, key, start, end, label, index)

        def statute(subs: tuple[int, ...]) -> tuple[Span | None, bool]:
            """A citation of one of `subs` in the summary, else in the text."""
            hit = _statute_hit(summary, whole_summary, subs)
            if hit:
                return hit, True
            return _statute_hit(text, spans, subs), False

        def first(pattern: re.Pattern[str]) -> tuple[re.Match[str] | None, bool]:
            """The first hit in the summary, else in the text; and whether in the summary."""
            m = _search(pattern, summary, whole_summary)
            if m:
                return m, True
            return _search(pattern, text, spans), False

        proven = [(s.start, s.end) for s in index.spans if s.label == "proven"]
        names: dict[str, Span] = {}
        for start, end in trafficking_facts(text, proven or (fact_spans(doc) if spans else [])):
            for m in VICTIM_PSEUDONYM_RE.finditer(text, start, end):
                names.setdefault(m.group(0).lower(), (m.start(), m.end()))
        if names:
            set_fact(doc, "number_of_victims", len(names))
            for s, e in names.values():
                add_evidence(doc, "number_of_victims", s, e, "victim", index)

        vulns: list[str] = []
        minor_in_summary = True
        acquitted = facts(doc).get("convicted_of_trafficking") is False
        minor = _minor_match(summary, _exploitation_sentences(summary) if acquitted
                             else whole_summary)
        if minor is None:
            minor_in_summary = False
            minor = _minor_match(text, proven or spans)
        minor_span: Span | None = (minor.start(), minor.end()) if minor else None
        if minor_span is None and facts(doc).get("convicted_of_trafficking"):
            # A sub-paragraph cited for a conviction; in a charge, an acquittal or a conclusie
            # it says what was alleged, not how old the victim was.
            minor_span, minor_in_summary = statute(MINOR_SUBS)
        born_minors, born_adults = ages_by_birth_year(
            text, trafficking_facts(text, proven or spans))
        if minor_span is None and born_minors:
            minor_span, minor_in_summary = born_minors[0], False
        if minor_span:
            set_fact(doc, "minor_victim", True)
            evidence("minor_victim", minor_span, "minor", minor_in_summary)
            evidence("victim_vulnerabilities", minor_span, "minor", minor_in_summary)
            vulns.append("minor")
        else:
            adult = _search(ADULT_VICTIM_RE, summary, whole_summary)
            if adult:
                evidence("minor_victim", adult, "adult", True)
            elif born_adults:
                evidence("minor_victim", born_adults[0], "adult", False)
            set_fact(doc, "minor_victim", False if adult or born_adults or complete else None)

        for name, pattern in VULNERABILITY_RES.items():
            hit, in_summary = first(pattern)
            if hit:
                vulns.append(name)
                evidence("victim_vulnerabilities", hit, name, in_summary)
        if "labour_migrant" not in vulns and "labour" in (facts(doc).get("exploitation_types")
                                                          or []):
            hit, in_summary = first(RECRUITED_ABROAD_RE)
            if hit:
                vulns.append("labour_migrant")
                evidence("victim_vulnerabilities", hit, "labour_migrant", in_summary)
        set_fact(doc, "victim_vulnerabilities", vulns)

        nations: list[str] = []
        for sent in doc.sents if spans else []:
            s_text = sent.text
            victims_named = bool(VICTIM_WORD_RE.search(s_text))
            for m in NATIONALITY_RE.finditer(s_text):
                country = NATIONALITIES[m.group("n")]
                if country == "Nederland" or country in nations or not is_nationality(s_text, m):
                    continue
                if not victims_named and not RECRUITED_IN_BEFORE_RE.search(
                        s_text, max(0, m.start() - 120), m.start()):
                    continue
                nations.append(country)
                add_evidence(doc, "victim_nationalities", sent.start_char + m.start(),
                             sent.start_char + m.end(), country, index)
        for start, end, country in _summary_nationalities(summary):
            if country not in nations:
                nations.append(country)
                evidence("victim_nationalities", (start, end), country, True)
        set_fact(doc, "victim_nationalities", nations)
        if not names and summary:
            count = _summary_victim_count(summary)
            if count:
                set_fact(doc, "number_of_victims", count[0])
                evidence("number_of_victims", count[1], "victims", True)

        border: re.Match[str] | Span | None
        border, in_summary = first(CROSS_BORDER_RE)
        if border is None:
            border, in_summary = statute(CROSS_BORDER_SUBS)
        if border:
            set_fact(doc, "cross_border", True)
            evidence("cross_border", border, "cross_border", in_summary)
        else:
            set_fact(doc, "cross_border", False if complete else None)
        return doc
