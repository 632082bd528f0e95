"""Component `vonnis_victims`: victims of trafficking (only read in trafficking cases).

Number of victims (distinct pseudonyms such as "[slachtoffer 1]" in the proven facts),
minors, vulnerabilities (minor, LVB, unaccompanied minor migrant, labour migrant,
dependency, other), nationalities and whether recruitment or transport crossed a border.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._common import add_evidence, section_index, set_fact, usable
from nlp.components.exploitation import TRAFFICKING_DOC_RE, fact_spans, masked
from nlp.extensions import text_of

VICTIM_PSEUDONYM_RE = re.compile(
    r"\[(?:slachtoffer|benadeelde|aangever|aangeefster|minderjarige|naam\s+slachtoffer|"
    r"slachtoffer\s+naam)(?:\s*\d+|\s+[A-Z0-9]{1,3})?\]", re.IGNORECASE
)
MINOR_RE = re.compile(
    r"\bminderjarig\w*|nog\s+niet\s+de\s+leeftijd\s+van\s+(?:achttien|zestien|18|16)|"
    r"leeftijd\s+van\s+(?:achttien|zestien|twaalf|18|16|12)\s+jaren?\s+nog\s+niet|"
    r"beneden\s+de\s+leeftijd\s+van\s+(?:achttien|zestien|18|16)|jonger\s+dan\s+(?:achttien|"
    r"zestien|18|16)|\b(?:1[0-7]|twaalf|dertien|veertien|vijftien|zestien|zeventien)[- ]jarig\w*|"
    r"\bpersoon\s+onder\s+(?:de\s+)?(?:16|18|zestien|achttien)\s+jaren",
    re.IGNORECASE,
)
VULNERABILITY_RES = {
    "lvb": re.compile(r"licht\s+verstandelijk\w*\s+beperk\w*|\bLVB\b|verstandelijke\s+beperking|"
                      r"zwakbegaafd\w*", re.IGNORECASE),
    "unaccompanied_minor_migrant": re.compile(r"alleenstaande\s+minderjarige\s+(?:vreemdeling|"
                                              r"asielzoeker)\w*|\bAMV'?s?\b"),
    "labour_migrant": re.compile(r"arbeidsmigrant\w*", re.IGNORECASE),
    "dependency": re.compile(r"\bverslaaf\w*|\bverslaving\w*|afhankelijkheid\w*|"
                             r"(?:financieel|emotioneel)\s+afhankelijk|schulden", re.IGNORECASE),
    "other": re.compile(r"zonder\s+(?:geldige\s+)?verblijfs(?:vergunning|titel)|illegaal\s+in\s+"
                        r"Nederland|ongedocumenteerd|\bdakloos|psychische\s+(?:problemen|"
                        r"stoornis)", re.IGNORECASE),
}
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
VICTIM_WORD_RE = re.compile(r"slachtoffer|benadeelde|aangeefster|aangever|\bvrouwen?\b|"
                            r"\bmeisjes?\b|\bjongens?\b|\bminderjarige\b|\bau[\s-]?pair|"
                            r"\bwerknemers?\b|arbeidsmigrant|\bkinderen\b|\bnichtje\b",
                            re.IGNORECASE)
CROSS_BORDER_RE = re.compile(
    r"naar\s+Nederland\s+(?:te\s+)?(?:gehaald|gebracht|overgebracht|vervoerd|laten\s+komen|"
    r"gekomen|te\s+komen|gereisd|halen|brengen)|vanuit\s+(?:het\s+buitenland|[A-Z]\w+)\s+naar\s+"
    r"(?:Nederland|België|Duitsland)|over\s+de\s+grens|grensoverschrijdend\w*|"
    r"(?:uit|vanuit)\s+[A-Z]\w+\s+(?:naar\s+Nederland|hierheen|laten\s+komen|gehaald)|"
    r"ander\s+land\s+(?:te\s+)?(?:over\s*te\s*brengen|overbrengen)|"
    r"(?:aanhef\s+en\s+)?(?:onder|sub)\s+3°?[^.;]{0,40}273f|273f[^.;]{0,40}(?:onder|sub)\s+3\b",
    re.IGNORECASE,
)


@Language.factory("vonnis_victims")
def make_victims(nlp: Language, name: str) -> VictimsComponent:
    return VictimsComponent()


class VictimsComponent:
    def __call__(self, doc: Doc) -> Doc:
        for key, empty in (("minor_victim", None), ("number_of_victims", None),
                           ("victim_vulnerabilities", []), ("victim_nationalities", []),
                           ("cross_border", None)):
            set_fact(doc, key, empty)
        if not usable(doc) or not TRAFFICKING_DOC_RE.search(text_of(doc)):
            return doc
        index = section_index(doc)
        text = masked(text_of(doc))
        proven = [(s.start, s.end) for s in index.spans if s.label == "proven"]
        spans = proven or fact_spans(doc)
        names: dict[str, tuple[int, int]] = {}
        for start, end in spans:
            for m in VICTIM_PSEUDONYM_RE.finditer(text, start, end):
                names.setdefault(m.group(0).lower(), (m.start(), m.end()))
        if names:
            set_fact(doc, "number_of_victims", len(names))
            for s, e in names.values():
                add_evidence(doc, "number_of_victims", s, e, "victim", index)
        minor = None
        for start, end in spans:
            m = MINOR_RE.search(text, start, end)
            if m:
                minor = m
                break
        set_fact(doc, "minor_victim", minor is not None)
        vulns: list[str] = []
        if minor:
            add_evidence(doc, "minor_victim", minor.start(), minor.end(), "minor", index)
            vulns.append("minor")
            add_evidence(doc, "victim_vulnerabilities", minor.start(), minor.end(), "minor",
                         index)
        for name, pattern in VULNERABILITY_RES.items():
            for start, end in fact_spans(doc):
                m = pattern.search(text, start, end)
                if m:
                    vulns.append(name)
                    add_evidence(doc, "victim_vulnerabilities", m.start(), m.end(), name, index)
                    break
        set_fact(doc, "victim_vulnerabilities", vulns)
        nations: list[str] = []
        for sent in doc.sents:
            s_text = sent.text
            if not VICTIM_WORD_RE.search(s_text):
                continue
            for m in NATIONALITY_RE.finditer(s_text):
                country = NATIONALITIES[m.group("n")]
                if country == "Nederland" or country in nations:
                    continue
                nations.append(country)
                add_evidence(doc, "victim_nationalities", sent.start_char + m.start(),
                             sent.start_char + m.end(), country, index)
        set_fact(doc, "victim_nationalities", nations)
        border = None
        for start, end in fact_spans(doc):
            border = CROSS_BORDER_RE.search(text, start, end)
            if border:
                break
        set_fact(doc, "cross_border", border is not None)
        if border:
            add_evidence(doc, "cross_border", border.start(), border.end(), "cross_border", index)
        return doc
