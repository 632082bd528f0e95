"""The regular expressions of the extraction, in one place so they can be read and tested.

Everything here is matched case-insensitively against `Document.text` unless noted.
"""

from __future__ import annotations

import re

from nlp.numbers import DURATION, MONEY, NUMBER

I = re.IGNORECASE  # noqa: E741

# -- section headings ---------------------------------------------------------------------

# Leading numbering of a heading: "10 ", "4.3. ", "II. ", "A. ", "10 . "
HEADING_NUMBER = r"(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5}|[A-H])\s?\.?\s+)?"

# (label, pattern of the heading text after its number), first match wins. A pattern must
# match the whole heading (re.fullmatch after stripping ":" and "."), so that a sentence
# starting with "Beslissing" is no heading.
SECTION_PATTERNS: tuple[tuple[str, str], ...] = (
    # "Eis van de officier van justitie", and the terse "Eis officier van justitie".
    ("demand", r"(?:de\s+)?(?:vordering|eis|strafeis|requisitoir)(?:\s+(?:(?:van|door)\s+(?:de|het)"
               r"\s+)?(?:officier\s+van\s+justitie|advocaat[- ]generaal|openbaar\s+ministerie))?"
               r"(?:\s+(?:ter\s+terechtzitting|in\s+(?:eerste\s+aanleg|hoger\s+beroep)))?"),
    ("demand", r"(?:het\s+)?standpunt\s+(?:van\s+)?(?:de\s+|het\s+)?(?:officier\s+van\s+justitie|"
               r"advocaat[- ]generaal|het\s+openbaar\s+ministerie)(?:\s+(?:ten\s+aanzien\s+van|"
               r"over|omtrent)\s+de\s+(?:straf|strafoplegging|sanctie)\w*)?"),
    ("victim_claim", r"(?:de\s+)?(?:vordering(?:en)?|beslissing(?:en)?\s+(?:op|over|omtrent)\s+"
                     r"de\s+vordering(?:en)?)(?:\s+(?:tot\s+schadevergoeding\s+)?(?:van|door)\s+"
                     r"(?:de\s+)?)?(?:\s*)benadeelde\s+partij(?:en)?(?:\s+\[[^\]]+\])?(?:\s+.{0,40})?"),
    ("victim_claim", r"(?:de\s+)?benadeelde(?:\s+partij(?:en)?)?(?:\s+\[[^\]]+\])?(?:\s+en\s+"
                     r"(?:de\s+)?schadevergoedingsmaatregel)?"),
    ("victim_claim", r"(?:de\s+)?(?:vordering(?:en)?\s+tot\s+)?schadevergoeding(?:smaatregel)?"
                     r"(?:\s+.{0,30})?"),
    ("victim_claim", r"(?:de\s+)?(?:vorderingen?\s+van\s+)?(?:de\s+)?(?:slachtoffers?|"
                     r"benadeelden)(?:\s+.{0,30})?"),
    ("revocation", r"(?:de\s+)?(?:vordering(?:en)?|beslissing(?:en)?\s+op\s+de\s+vordering(?:en)?)"
                   r"(?:\s+tot)?\s+(?:tenuitvoerlegging|tul|herroeping|verlenging).{0,60}"),
    ("indictment", r"(?:de\s+|inhoud\s+van\s+de\s+|bijlage\s*(?:[IVX]+|\d+)?\s*:?\s*(?:de\s+)?)?"
                   r"(?:tenlastelegging|ten\s*laste\s*legging|telastelegging)(?:\s+.{0,40})?"),
    ("qualification", r"(?:de\s+)?(?:juridische\s+)?kwalificatie(?:\s+.{0,40})?"),
    ("qualification", r"(?:de\s+)?strafbaarheid\s+van\s+(?:het\s+|de\s+)?(?:bewezen\s*verklaarde|"
                      r"bewezene|feit(?:en)?|bewezen\s+verklaarde\s+feit(?:en)?)"),
    ("proven", r"(?:de\s+)?bewezen\s*verklaring(?:\s+.{0,40})?"),
    ("proven", r"(?:de\s+)?bewezen\s*verklaarde(?:\s+.{0,30})?"),
    ("culpability", r"(?:de\s+)?strafbaarheid(?:\s+van\s+(?:de\s+)?(?:verdachte|dader|"
                    r"verdachten|verdachte\s+rechtspersoon))?"),
    ("culpability", r"(?:de\s+)?strafbaarheid\s+van\s+(?:de\s+)?(?:feiten?\s+en\s+"
                    r"(?:de\s+)?verdachte|"
                    r"verdachte\s+en\s+(?:het\s+|de\s+)?feit(?:en)?)"),
    ("sentencing", r"(?:de\s+)?(?:strafoplegging|strafmotivering|strafmaat(?:bepaling)?|"
                   r"straf(?:fen)?(?:\s+en\s+(?:de\s+)?maatregel(?:en)?)?|sancties?|maatregel(?:en)?|"
                   r"(?:op\s+te\s+leggen|opgelegde)\s+(?:straf|sanctie)\w*(?:\s+en\s+(?:de\s+)?"
                   r"maatregel(?:en)?)?)(?:\s+.{0,40})?"),
    ("sentencing", r"(?:de\s+)?(?:oplegging|motivering|bepaling|overwegingen\s+(?:ten\s+aanzien\s+"
                   r"van|omtrent|met\s+betrekking\s+tot))\s+(?:van\s+)?(?:de\s+)?(?:straf|sanctie|"
                   r"op\s+te\s+leggen\s+straf|strafoplegging|straffen|strafmaat)\w*"
                   r"(?:\s+.{0,40})?"),
    ("sentencing", r"(?:de\s+)?(?:straf|sanctie)\w*\s+(?:en|of)\s+(?:de\s+)?maatregel\w*.{0,30}"),
    ("law", r"(?:de\s+)?(?:toegepaste|toepasselijke|toepassing\s+van(?:\s+de)?)\s+"
            r"(?:wettelijke\s+voorschriften|wetsartikelen|artikelen|wettelijke\s+bepalingen)"
            r"(?:\s+.{0,30})?"),
    ("law", r"(?:de\s+)?(?:wettelijke\s+voorschriften|wetsartikelen|toepassing\s+wetsartikelen)"),
    ("decision", r"(?:de\s+)?(?:beslissing|uitspraak|beslissingen)(?:\s+(?:van\s+de\s+rechtbank|"
                 r"van\s+het\s+hof|in\s+hoger\s+beroep|op\s+het\s+hoger\s+beroep))?"),
    ("decision", r"(?:de\s+)?uitspraak\s+van\s+de\s+(?:rechtbank|politierechter|kinderrechter)\s+"
                 r"luidt\b.{0,30}"),
    ("decision", r"(?:de\s+)?beslissing\s+(?:ten\s+aanzien\s+van|in|inzake)\s+(?:de\s+)?"
                 r"(?:zaak|strafzaak)\b.{0,60}"),
    ("decision", r"(?:het\s+)?dictum"),
    ("seizure", r"(?:de\s+)?(?:beslag|beslagen\s+voorwerpen|inbeslaggenomen\s+voorwerpen|"
                r"beslissing\s+(?:over|omtrent|inzake|ten\s+aanzien\s+van)\s+(?:het\s+|de\s+)?"
                r"(?:beslag|inbeslaggenomen).{0,40})(?:\s+.{0,30})?"),
    ("evidence", r"(?:de\s+)?(?:waardering|beoordeling)\s+van\s+het\s+bewijs(?:\s+.{0,40})?"),
    ("evidence", r"(?:de\s+)?(?:bewijs|bewijsmiddelen|bewijsoverweging(?:en)?|bewijsmotivering|"
                 r"bewijsvoering|bewijsbeslissing|bewijsverweren|bewijsuitsluiting|vrijspraak|"
                 r"partiële\s+vrijspraak|overwegingen\s+(?:ten\s+aanzien\s+van|omtrent)\s+het\s+"
                 r"bewijs)(?:\s+.{0,40})?"),
    ("lower_court", r"(?:het\s+)?(?:vonnis|arrest)\s+waarvan\s+(?:hoger\s+)?beroep"),
    ("admissibility", r"(?:de\s+)?ontvankelijkheid(?:\s+.{0,60})?"),
    ("preliminary", r"(?:de\s+)?(?:voorvragen|formele\s+voorvragen|geldigheid\s+van\s+de\s+"
                    r"dagvaarding|bevoegdheid(?:\s+van\s+de\s+rechtbank)?|schorsing\s+der\s+"
                    r"vervolging|redenen\s+voor\s+schorsing.{0,30})"),
    ("procedure", r"(?:het\s+)?(?:onderzoek\s+(?:ter|op\s+de|van\s+de)\s+(?:terechtzitting|zaak)|"
                  r"procesverloop|inleiding|onderzoek\s+van\s+de\s+zaak|de\s+zitting|"
                  r"procesgang|geding\s+in\s+cassatie|procesverloop\s+in\s+cassatie)"
                  r"(?:\s+.{0,40})?"),
    ("defence", r"(?:het\s+)?(?:standpunt|pleidooi|verweer|verweren)\s*(?:van\s+)?(?:de\s+)?"
                r"(?:verdediging|raadsman|raadsvrouw|advocaat|verdachte)?(?:\s+.{0,40})?"),
    ("court_opinion", r"(?:het\s+)?(?:oordeel|beoordeling)(?:\s+(?:van|door)\s+(?:de\s+rechtbank|"
                      r"het\s+hof|de\s+hoge\s+raad))?"),
    ("appeal", r"(?:het\s+)?(?:hoger\s+beroep|cassatiemiddel|(?:bespreking\s+van\s+het\s+)?"
               r"(?:eerste\s+|tweede\s+|derde\s+)?cassatiemiddel\w*|middel\w*)(?:\s+.{0,40})?"),
    ("conclusion", r"(?:de\s+)?(?:conclusie|slotsom|afronding)"),
)
SECTION_RES = tuple((label, re.compile(p, I)) for label, p in SECTION_PATTERNS)

# A heading printed inline, at the start of a longer line ("10 Beslissing De rechtbank komt
# ..."), as in texts flattened to one line per section.
INLINE_HEADING_RE = re.compile(
    r"^\s*(?P<num>(?:\d{1,2}(?:\.\d{1,2}){0,2}\s?\.?)\s*)?(?P<title>(?:de\s+)?(?:beslissing|"
    r"uitspraak|bewezenverklaring|tenlastelegging|kwalificatie|strafoplegging|"
    r"bewijsbeslissing|strafbaarheid(?:\s+van\s+(?:de\s+)?(?:feiten|verdachte|het\s+feit))?|"
    r"beslissingen\s+op\s+voorwaardelijke\s+verzoeken))(?P<rest>\s*:?\s+(?-i:[A-Z]).*)$",
    I,
)

# -- decision clauses -------------------------------------------------------------------

DECISION_ANCHOR_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:DE\s+RECHTBANK|HET\s+HOF|De\s+rechtbank|Het\s+hof)\s*[,:]?\s*\n|"
    r"[^\n]{0,60}(?:RECHT\s*DOENDE|Recht\s*doende|recht\s*doende)\b[^\n]{0,60}\n|"
    r"(?:beslist|BESLIST)\s*:?\s*\n|"
    r"[Dd]e\s+(?:rechtbank|politierechter|kinderrechter)\s*[:,]\s*\n)"
)

# A conviction dictum: "verklaart (wettig en overtuigend) bewezen dat", "verklaart het ...
# ten laste gelegde bewezen"; not "verklaart niet bewezen", not "het bewezen verklaarde".
CONVICTION_RE = re.compile(
    r"\b(?:verklaart|acht)\b(?:(?!\bniet\b|\bniets\b)[^;.\n]){0,250}?\bbewezen\b"
    r"(?!\s*(?:verklaarde|verklaard\b|geachte))",
    I,
)
ACQUITTAL_RE = re.compile(
    r"\b(?:spreekt\b[^;\n]{0,160}?\bvrij\b|(?:verdachte\s+)?(?:wordt|worden)\s+"
    r"vrijgesproken)",
    I,
)
BOILERPLATE_ACQUITTAL_RE = re.compile(
    r"\bmeer\s+of\s+anders\b|\bmeer\s+en\s+anders\b|\bhet\s+overige\b|\bmeer\s+ten\s+laste", I
)
# An acquittal of only the primary charge (the subsidiary one proven): not a partial acquittal.
PRIMARY_ONLY_RE = re.compile(r"\bprimair\b", I)
SUBSIDIARY_RE = re.compile(r"\bsubsidiair\b", I)
DISMISSAL_RE = re.compile(r"\bontslaat\b[^;\n]{0,80}?\brechtsvervolging\b", I)
# "Verklaart verdachte (daarvoor) strafbaar": what turns a proven fact into a conviction; a
# proven fact the court finds not punishable ends in a discharge ("ontslaat ... van alle
# rechtsvervolging"), not a conviction.
PUNISHABLE_RE = re.compile(r"\bverklaart\b(?:(?!\bniet\b)[^;.\n]){0,120}?\bstrafbaar\b", I)
PROSECUTION_BARRED_RE = re.compile(
    r"\bverklaart\s+(?:de\s+)?(?:officier\s+van\s+justitie|het\s+openbaar\s+ministerie|"
    r"advocaat-generaal)\s+niet[- ]?ontvankelijk", I
)
APPEAL_DISMISSED_RE = re.compile(
    r"\bverwerpt\s+het\s+beroep\b|\bbevestigt\s+het\s+(?:vonnis|arrest)\b|"
    r"\bverklaart\s+(?:de\s+)?(?:verdachte|het\s+openbaar\s+ministerie|de\s+officier\s+van\s+"
    r"justitie)\s+niet[- ]?ontvankelijk\s+in\s+(?:het|zijn|haar)\s+(?:hoger\s+)?beroep", I
)
VACATES_RE = re.compile(r"\bvernietigt\b", I)
REDUCES_RE = re.compile(
    r"\bvermindert\b[^;]{0,200}?(?:in\s+die\s+zin\s+dat\s+(?:deze|die)\s+(?P<dur>" + DURATION
    + r")|tot\s+(?P<dur2>" + DURATION + r"))", I
)

# -- punishments ---------------------------------------------------------------------------

PUNISHMENT_KINDS = {
    "gevangenisstraf": "prison", "jeugddetentie": "prison", "militaire detentie": "prison",
    "hechtenis": "detention", "taakstraf": "community_service", "werkstraf": "community_service",
    "leerstraf": "community_service", "geldboete": "fine", "celstraf": "prison", "cel": "prison",
    "gs": "prison", "gvs": "prison", "ts": "community_service", "ws": "community_service",
}
PUNISHMENT_RE = re.compile(
    r"\b(?P<cond>(?:on)?voorwaardelijke\s+)?(?P<kind>gevangenisstraf(?:fen)?|jeugddetentie|"
    r"militaire\s+detentie|hechtenis|taakstraf(?:fen)?|werkstraf|leerstraf|geldboete|"
    # summaries (partial documents are read through them): "celstraf", "GS 33 maanden", and
    # "42 maanden cel" (only after a duration: "in de cel" is a place)
    r"celstraf(?:fen)?|(?-i:GV?S|TS|WS)|"
    # ... or a feed summary cut off in the word: "tot vijf jaren gev..."
    r"(?:(?<=dagen\s)|(?<=weken\s)|(?<=maanden\s)|(?<=jaar\s)|(?<=jaren\s))"
    r"(?:cel|gev\w*(?=\.\.\.|…)))\b", I
)
DURATION_RE = re.compile(DURATION, I)
MONEY_RE = re.compile(MONEY, I)
NUMBER_RE = re.compile(NUMBER, I)

# The part of a term that is suspended.
SUSPENDED_OF_RE = re.compile(
    r"\bwaarvan\s+(?:een\s+(?:gedeelte|deel)(?:,)?\s+(?:van|groot)\s+)?(?P<dur>" + DURATION
    + r"|" + MONEY + r")\s*,?\s*(?:\w+\s+){0,2}?"
    # only a suspended part has a proeftijd: "32 maanden waarvan 12 maanden met een proeftijd"
    r"(?:voorwaardelijk|niet\s+ten\s+uitvoer|met\s+(?:een\s+)?proeftijd\b)", I
)
SUSPENDED_PART_RE = re.compile(
    r"\b(?:bepaalt|beveelt|gelast)\b[^;]{0,40}?\b(?:een\s+)?(?:gedeelte|deel)\b[^;]{0,60}?"
    r"(?:groot\s+|van\s+|ter\s+grootte\s+van\s+)?(?P<dur>" + DURATION + r"|" + MONEY + r")"
    r"[^;]{0,120}?\bniet\b[^;]{0,30}?\b(?:ten\s*uitvoer|tenuitvoergelegd)", I
)
SUSPENDED_WHOLE_RE = re.compile(
    r"\b(?:bepaalt|beveelt)\b[^;]{0,20}?\bdat\s+(?:deze|die|de(?:ze)?|het)\s+(?:op\s*te\s*leggen\s+|"
    r"opgelegde\s+)?(?P<kind>gevangenisstraf|jeugddetentie|hechtenis|taakstraf|werkstraf|"
    r"geldboete|straf)\b(?:\s+in\s+(?:zijn|haar)\s+geheel)?[^;]{0,40}?\bniet\b[^;]{0,30}?"
    r"\b(?:ten\s*uitvoer|tenuitvoergelegd)", I
)
PROBATION_RE = re.compile(
    # "PT 1 jaar" in the summaries' shorthand; not a deadline within it ("gedurende de
    # proeftijd: zich binnen vijf dagen ... meldt")
    r"(?:\bproeftijd\b|(?-i:\bPT\b))[^;]{0,40}?(?<!binnen )(?P<dur>" + DURATION + r")|(?P<dur2>"
    + DURATION + r")\s+proeftijd\b", I
)

# Words that make a punishment mention something other than this court's sentence.
SUBSTITUTE_DETENTION_RE = re.compile(
    r"vervangende\s+hechtenis|\bvervangen\s+door\b|bij\s+gebreke\s+van\s+(?:volledige\s+)?"
    r"betaling|\bbij\s+niet[- ]?betaling\b|\baan\s+te\s+vullen\s+met\b|"
    r"\bsubs(?:idiair|\.)?\s+(?:" + NUMBER + r")\s+(?:dagen|dag|dgn)\b|\bgijzeling\b|"
    r"niet\s+naar\s+behoren\s+(?:is\s+)?(?:heeft\s+)?(?:uitgevoerd|verricht)", I
)
PRETRIAL_RE = re.compile(r"\bvoorlopige\s+hechtenis\b|\bvoorarrest\b|\bin\s+verzekering\b", I)
CREDIT_RE = re.compile(r"\bin\s+mindering\b|\bmet\s+aftrek\b|\baftrek\s+van\b", I)
REVOCATION_RE = re.compile(
    r"\btenuitvoerlegging\b[^;]{0,200}?\b(?:voorwaardelijk|eerder|bij\s+(?:vonnis|arrest|"
    r"uitspraak)|opgelegde)|\b(?:bij|in)\s+(?:het\s+)?(?:vonnis|arrest|(?:strafbeschikking))\s+"
    r"van\s+(?:de\s+)?\d{1,2}\s+\w+\s+\d{4}|\bparketnummer\b[^;]{0,100}?\bopgelegd",
    I,
)
DEMAND_CUE_RE = re.compile(
    r"\b(?:officier\s+van\s+justitie|advocaat[- ]generaal|openbaar\s+ministerie|OvJ|AG)\b"
    r"[^.;]{0,200}?\b(?:gevorderd|vordert|geëist|eist|eiste|vorderde|verzocht|vraagt|"
    r"requireert|gerequireerd)\b|\b(?:gevorderd|geëist|geeist)\b|\b(?:de\s+)?(?:straf)?eis\b|"
    r"\bvordering\s+van\s+de\s+(?:officier|advocaat)",
    I,
)
LOWER_COURT_CUE_RE = re.compile(
    r"\b(?:de\s+)?(?:politierechter|rechtbank|kinderrechter|economische\s+politierechter)\b"
    r"[^.;]{0,120}?\b(?:heeft|had|veroordeelde|legde|opgelegd|opgelegde)\b|"
    r"\bin\s+eerste\s+aanleg\s+(?:opgelegde|opgelegd|is\s+opgelegd)|"
    r"\b(?:bij|in)\s+(?:het\s+)?(?:vonnis|arrest)\s+waarvan\s+beroep\b",
    I,
)
COLLATERAL_CUE_RE = re.compile(
    r"\bmedeverdachten?\b|\bmededader\b|\bmedeveroordeelde\b|\bmedeverdachte\s+\[|"
    r"\b(?:ECLI:NL:|NJ\s+\d{4}|LJN)\b|\bin\s+(?:een\s+)?(?:vergelijkbare|andere)\s+za(?:ak|ken)\b|"
    r"\boriëntatiepunten\b|\bLOVS\b|\brichtlijn\b|\bwettelijk\s+strafmaximum\b|"
    r"\bmaximaal\b|\bmaximum\b|\bstrafbedreiging\b|\bbedreigd\s+met\b",
    I,
)

TBS_RE = re.compile(
    r"\bterbeschikkingstelling\b|\bter\s+beschikking\s+(?:wordt|worden|zal\s+worden)?\s*"
    r"(?:gesteld|stelt)\b|\bgelast\b[^;]{0,80}?\bter\s+beschikking\b|\bTBS\b",
)
TBS_RE_I = re.compile(TBS_RE.pattern.replace(r"\bTBS\b", r"\btbs\b"), I)
ISD_RE = re.compile(r"\binrichting\s+voor\s+stelselmatige\s+daders\b|\bISD[- ]?maatregel\b|"
                    r"\bmaatregel\s+(?:\()?ISD\b", I)
PIJ_RE = re.compile(
    r"\binrichting\s+voor\s+jeugdigen\b|\bPIJ[- ]maatregel\b|\bjeugdinrichting\b", I
)
IMPOSE_RE = re.compile(
    r"\b(?:legt\b[^;]{0,40}?\bop|gelast|beveelt|veroordeelt|veroordelen|verlengt|"
    r"wordt\s+(?:opgelegd|gelast)|"
    r"op\s+te\s+leggen|opleggen|opgelegd)\b", I
)
NOT_IMPOSE_RE = re.compile(
    r"\b(?:wijst\s+(?:de\s+vordering\s+)?af|afgewezen|verlenging|verlengt|geen\b|niet\s+"
    r"(?:op|opgelegd|te\s+leggen))\b", I
)

JUVENILE_RE = re.compile(
    r"\bjeugddetentie\b|\bjeugdstrafrecht\b|\bkinderrechter\b|\binrichting\s+voor\s+jeugdigen\b|"
    r"\bartikel(?:en)?\s+77[a-z]{1,2}\b|\bart(?:t)?\.\s*77[a-z]{1,2}\b|\b77[a-z]{1,2}\s+(?:en\s+)?"
    r"(?:\w+\s+)?(?:van\s+het\s+)?(?:Wetboek\s+van\s+Strafrecht|Sr)\b|\bPIJ\b|"
    r"\bjeugdreclassering\b|\bjeugdzaken\b|\bjeugdige\b",
    I,
)
ADOLESCENT_RE = re.compile(r"\badolescentenstrafrecht\b|\bartikel\s+77c\b", I)

# -- compensation --------------------------------------------------------------------------

CLAIMANT_RE = re.compile(r"\[(?:[^\]\n]{1,40})\]")
CLAIM_AWARD_RE = re.compile(
    r"\bwijst\b[^;]{0,200}?\btoe\b|\bveroordeelt\b[^;]{0,160}?\bbetaling\b[^;]{0,80}?\baan\s+"
    r"(?:de\s+)?(?:benadeelde|\[|slachtoffer|aangever|aangeefster)|\bbetaling\s+aan\s+(?:de\s+)?"
    r"benadeelde\s+partij", I
)
CLAIM_MEASURE_RE = re.compile(
    r"\bverplichting\b[^;]{0,60}?\bbetaling\s+aan\s+de\s+staat\b|\bverplichting\b[^;]{0,20}?\bop\b"
    r"[^;]{0,120}?\baan\s+de\s+staat\b|\bbetaling\s+aan\s+de\s+staat"
    r"\b[^;]{0,200}?\bten\s+behoeve\s+van\b|\bschadevergoedingsmaatregel\b", I
)
CLAIM_INADMISSIBLE_RE = re.compile(
    r"\bbenadeelde\s+partij\b[^;]{0,120}?\bniet[- ]?ontvankelijk|\bniet[- ]?ontvankelijk\b"
    r"[^;]{0,60}?\b(?:vordering|benadeelde)", I
)
CLAIM_REJECTED_RE = re.compile(r"\bwijst\b[^;]{0,120}?\bvordering\b[^;]{0,80}?\baf\b|"
                               r"\bwijst\s+af\b[^;]{0,60}?\bvordering", I)
JOINT_RE = re.compile(r"\bhoofdelijk\w*|\bmededader\b[^;]{0,80}?\bbetaald|"
                      r"\bmet\s+dien\s+verstande\s+dat\s+(?:indien|als|voor\s+zover)\s+"
                      r"(?:de\s+)?(?:mede)?(?:verdachte|dader|veroordeelde)", I)
MATERIAL_RE = re.compile(r"(?P<amt>" + MONEY + r")[^;]{0,30}?\b(?:aan\s+)?materi[eë]le", I)
IMMATERIAL_RE = re.compile(r"(?P<amt>" + MONEY + r")[^;]{0,30}?\b(?:aan\s+)?immateri[eë]le",
                           I)

# -- the execution (tul) of an earlier suspended sentence ----------------------------------
# Not this court's sentence (tests/gold/README.md): what a tul decision executes, converts or
# prolongs must not be added to the punishments of this judgment. REVOCATION_RE above finds the
# classic "gelast de tenuitvoerlegging van de ... voorwaardelijk opgelegde straf"; these find the
# other ways a dictum says it.

# The tul claim named in the dictum, as a heading or in a decision on it: "Vordering
# tenuitvoerlegging met parketnummer 16/285711-14", "Tenuitvoerlegging voorwaardelijke
# veroordeling", "Beslissing op de vordering na voorwaardelijke veroordeling onder parketnummer",
# "wijst de vordering tot tenuitvoerlegging ... toe", "wijst af de vordering tot tul".
# Not "de tenuitvoerlegging van deze uitspraak" (time credited) nor "tenzij de rechter
# tenuitvoerlegging gelast" (this court's own suspension).
TUL_CLAIM_RE = re.compile(
    r"\bvordering(?:en)?\b[^;]{0,40}?\b(?:tenuitvoerlegging|tul)\b|"
    r"\bvordering(?:en)?\s+(?:na\s+voorwaardelijke|ex\.?\s+art(?:ikel)?\.?\s+14g|tot\s+herroeping)\b|"
    r"\btenuitvoerlegging\s+(?:van\s+(?:de|een)\s+)?voorwaardelijke?\s+(?:veroordeling|"
    r"straf)\b|"
    # The revocation of a conditional release (v.i.) sends back to prison for the rest of an
    # earlier sentence: no new sentence either.
    r"\bherroeping\s+van\s+(?:de\s+)?voorwaardelijke\s+invrijheidstelling\b", I
)
# An order to execute an earlier sentence without the word "tenuitvoerlegging": "gelast dat de
# voorwaardelijke straf die bij vonnis d.d. 29 november 2010 is opgelegd ... ten uitvoer zal
# worden gelegd, te weten ...". A court never has to order its own sentence executed, and its
# own suspension says "niet ten uitvoer", which the negative look-ahead keeps out.
TUL_ORDER_RE = re.compile(
    r"\b(?:gelast|beveelt)\b[^;]{0,20}?\bdat\b(?:(?!\bniet\b)[^;]){0,300}?"
    r"\bten\s*uitvoer\s+(?:zal\s+)?(?:worden|wordt)\s+gelegd\b", I
)
# A tul granted and replaced (art. 14g Sr): "gelast in plaats van de vrijheidsstraf het
# verrichten van een taakstraf", "Gelast het verrichten van een werkstraf ..., in plaats van de
# last tot gedeeltelijke tenuitvoerlegging", "bepaalt dat deze ten uitvoer te leggen
# gevangenisstraf zal worden vervangen door een werkstraf".
TUL_CONVERSION_RE = re.compile(
    r"\bin\s+plaats\s+van\s+(?:de\s+|het\s+|een\s+)?(?:last\b|(?:gedeeltelijke\s+)?"
    r"tenuitvoerlegging|(?:voorwaardelijke?\s+)?(?:vrijheidsstraf|gevangenisstraf|"
    r"jeugddetentie|hechtenis|straf)\b)|"
    r"\bten\s*uitvoer\s+te\s+leggen\b[^;]{0,120}?\bvervangen\b", I
)
# A longer probation for an earlier suspended sentence: "Verlengt de ... vastgestelde proeftijd
# met één jaar voor het resterende deel van de voorwaardelijk opgelegde straf, te weten 3
# maanden gevangenisstraf".
PROBATION_EXTENSION_RE = re.compile(
    r"\bverlengt\b[^;]{0,250}?\bproeftijd\b|\bproeftijd\b[^;]{0,150}?\bverlengd\b|"
    r"\bverlenging\s+van\s+de\s+proeftijd\b", I
)
