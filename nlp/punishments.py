"""Punishments of a dictum: items with amounts, suspended parts, probation, and spans.

An item is one imposed punishment ("gevangenisstraf voor de duur van 12 maanden"). Later
clauses modify it ("bepaalt dat een gedeelte, groot 4 maanden, ... niet ten uitvoer",
"stelt daarbij een proeftijd vast van 2 jaren"). What is *not* an item: vervangende
hechtenis, voorlopige hechtenis and time credited ("in mindering"), the execution (tul) of an
earlier suspended sentence ("gelast de tenuitvoerlegging", "gelast dat de voorwaardelijke straf
... ten uitvoer zal worden gelegd") with what converts it ("in plaats van de vrijheidsstraf een
taakstraf") or prolongs its probation ("verlengt de proeftijd"), the prosecutor's demand, the
lower court's sentence and sentences of co-defendants or other cases. A substitute
("subsidiair 60 dagen hechtenis") covers only the amount right after its cue, and a proeftijd
is never the term ("vier maanden jeugddetentie, geheel voorwaardelijk met een proeftijd van
twee jaar": 120 days). The tul decisions themselves are read apart by `executions_of`, from
the clauses `extract_items` skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from nlp import regexes as rx
from nlp.decision import Clause
from nlp.numbers import parse_duration, parse_money

_PRE_DURATION_RE = re.compile(r"(?P<dur>" + rx.DURATION_RE.pattern + r")\s+(?:(?:on)?"
                              r"voorwaardelijke\s+)?$", re.IGNORECASE)
_WHOLE_SUSPENDED_AFTER_RE = re.compile(
    r"^[\s,]*(?:\([^)]*\)\s*)?(?:,\s*)?(?:geheel\s+|volledig\s+)?voorwaardelijk\b", re.IGNORECASE
)
_KIND_WORD_RE = re.compile(r"gevangenisstraf|jeugddetentie|hechtenis|taakstraf|werkstraf|"
                           r"leerstraf|geldboete", re.IGNORECASE)
_VERVANGEND_LEFT_RE = re.compile(r"(?:vervangende|voorlopige|subsidiaire)\s*$", re.IGNORECASE)
# "de taakstraf wordt vervangen door 100 dagen jeugddetentie", "subsidiair 60 dagen
# hechtenis": default detention. The cue covers only the amount right after it, so it must
# end just before the mention: in "werkstraf van 120 uren, subsidiair 60 dagen hechtenis, en
# een gevangenisstraf van 2 maanden" the prison term after ", en een" is a punishment of its
# own, not a second substitute.
_REPLACED_BY_RE = re.compile(
    r"(?:vervangen\s+door|vervangende|\bsubsidiair\b)[\s,:]*(?:(?:een|de)\s+)?"
    r"(?:(?:" + rx.DURATION_RE.pattern + r")\s*)?(?:\([^)]*\)\s*)?(?:vervangende\s+)?$",
    re.IGNORECASE,
)
# What may stand between a punishment word and its own amount after it ("gevangenisstraf
# voor de duur van 12 maanden", "geldboete van € 500", "taakstraf, groot 40 uren").
_ATTACHED_RE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?[,:]?\s*(?:van|groot|ter\s+grootte\s+van|voor\s+(?:de|een)\s+"
    r"(?:duur|tijd|periode)\s+van)?\s*$", re.IGNORECASE)
_IMPOSING_RE = re.compile(r"\b(?:veroordeelt|veroordeeld|veroordelen|legt\b[^;]{0,60}\bop|oplegt|"
                          r"op\s+te\s+leggen|opleggen|"
                          r"opgelegd\s+wordt|wordt\s+opgelegd|zal\s+worden\s+opgelegd|"
                          r"vermindert)\b", re.IGNORECASE)


def _kind_of(word: str) -> str:
    w = word.lower()
    for key, kind in rx.PUNISHMENT_KINDS.items():
        if w.startswith(key.split()[0]):
            return kind
    return "prison"


def _amount_after(kind: str, text: str, pos: int, limit: int) -> tuple[float, int, int] | None:
    """The first amount of the right unit after `pos` (fines: euros; others: durations)."""
    window = text[pos:limit]
    # A proeftijd is never the term itself ("vier maanden jeugddetentie, geheel voorwaardelijk
    # met een proeftijd van twee jaar").
    probation = [(p.start("dur"), p.end("dur")) if p.group("dur") else
                 (p.start("dur2"), p.end("dur2")) for p in rx.PROBATION_RE.finditer(window)]
    if kind == "fine":
        m = rx.MONEY_RE.search(window)
        if m:
            value = parse_money(m)
            if value is not None:
                return value, pos + m.start(), pos + m.end()
        return None
    for m in rx.DURATION_RE.finditer(window):
        d = parse_duration(m.group(0))
        if d is None or any(s < m.end() and m.start() < e for s, e in probation):
            continue
        if kind == "community_service":
            if d.hours is not None:
                return d.hours, pos + m.start(), pos + m.end()
            continue
        if d.days is not None and d.hours is None:
            return d.days, pos + m.start(), pos + m.end()
    return None


def is_excluded_clause(clause: str, *, demand: bool = False, first_instance: bool = False
                       ) -> str | None:
    """Why a dictum clause holds no punishment of this court for this defendant, or None.
    With `demand`, the clause is read as (part of) the prosecutor's demand; with
    `first_instance`, "de rechtbank heeft ..." is this court, not a lower one."""
    if not demand and rx.DEMAND_CUE_RE.search(clause) and not re.search(
            r"\bwijst\b|\bverklaart\b", clause, re.IGNORECASE):
        return "demand"
    if rx.REVOCATION_RE.search(clause) or is_tul_clause(clause):
        return "revocation"
    if not demand and rx.CREDIT_RE.search(clause) and not _IMPOSING_RE.search(clause):
        return "credit"
    if not first_instance and rx.LOWER_COURT_CUE_RE.search(clause):
        return "lower_court"
    return None


def items_in_clause(clause: Clause, *, strict: bool = False, demand: bool = False,
                    first_instance: bool = False) -> list[dict[str, Any]]:
    """Punishment items imposed in one clause. `strict` (outside a dictum) also rejects
    clauses with co-defendant or other-case cues and requires an imposing verb."""
    text = clause.text
    if is_excluded_clause(text, demand=demand, first_instance=first_instance):
        return []
    if strict and (rx.COLLATERAL_CUE_RE.search(text) or not _IMPOSING_RE.search(text)
                   or rx.DEMAND_CUE_RE.search(text)):
        return []
    mentions = [m for m in rx.PUNISHMENT_RE.finditer(text)]
    items: list[dict[str, Any]] = []
    for i, m in enumerate(mentions):
        kind = _kind_of(m.group("kind"))
        left = text[max(0, m.start() - 30):m.start()]
        if _VERVANGEND_LEFT_RE.search(left) or _REPLACED_BY_RE.search(
                text[max(0, m.start() - 80):m.start()]):
            continue
        if kind == "detention" and rx.SUBSTITUTE_DETENTION_RE.search(
                text[max(0, m.start() - 160):m.end() + 40]):
            continue
        # A modifier clause ("een gedeelte, groot 4 maanden, van deze gevangenisstraf ...").
        if rx.SUSPENDED_PART_RE.search(text) or rx.SUSPENDED_WHOLE_RE.search(text):
            continue
        limit = mentions[i + 1].start() if i + 1 < len(mentions) else len(text)
        limit = min(limit, m.end() + 220)
        amount = _amount_after(kind, text, m.end(), limit)
        # The amount just before the word ("vier maanden jeugddetentie") is the term, unless
        # the word is followed by an amount of its own ("... van 2 maanden"): a later amount
        # that is not attached to it belongs to something else ("..., waarvan 2 maanden
        # voorwaardelijk").
        if kind != "fine" and (amount is None or not _ATTACHED_RE.match(
                text[m.end():amount[1]])):
            pre = _PRE_DURATION_RE.search(text[max(0, m.start() - 60):m.start()])
            d = parse_duration(pre.group("dur")) if pre else None
            if pre and d is not None:
                value = d.hours if kind == "community_service" else d.days
                if value is not None:
                    s = max(0, m.start() - 60) + pre.start("dur")
                    amount = (value, s, m.start())
        if amount is None:
            continue
        value, a_start, a_end = amount
        # The amount must belong to this mention, not to "vervangende hechtenis" after it.
        if rx.SUBSTITUTE_DETENTION_RE.search(text[m.end():a_start]) or \
                _KIND_WORD_RE.search(text[m.end():a_start]):
            continue
        item: dict[str, Any] = {
            "kind": kind,
            "word": m.group("kind").lower(),
            "amount": value,
            "suspended": None,
            "probation_years": None,
            "start": clause.start + min(m.start(), a_start),
            "end": clause.start + max(m.end(), a_end),
            "suspended_span": None,
            "probation_span": None,
        }
        cond = (m.group("cond") or "").lower()
        if cond.startswith("voorwaardelijke"):
            item["suspended"] = value
            item["suspended_span"] = (item["start"], item["end"])
        elif cond.startswith("onvoorwaardelijk") and not re.search(
                r"(?<!on)voorwaardelijk", text[m.end():m.end() + 200], re.IGNORECASE):
            # "een geheel onvoorwaardelijke gevangenisstraf": no part of it is suspended,
            # which a summary then states (elsewhere it leaves the suspended part unknown);
            # not when it goes on "Hoewel het hof in beginsel een onvoorwaardelijke geldboete
            # van € 750,- ... passend acht, legt het hof deze geldboete geheel voorwaardelijk op".
            item["suspended"] = 0
            item["suspended_span"] = (clause.start + m.start("cond"), clause.start + m.end("cond"))
        elif not cond:
            # After the amount, or after the word when the amount stands before it.
            after = text[max(a_end, m.end()):limit]
            whole = _WHOLE_SUSPENDED_AFTER_RE.match(after)
            if whole:
                item["suspended"] = value
                item["suspended_span"] = (clause.start + a_start, clause.start
                                          + max(a_end, m.end()) + whole.end())
            else:
                part = rx.SUSPENDED_OF_RE.search(after)
                dur = part.group("dur") if part else None
                if part is None:
                    part, dur = _bare_suspended(after, text[a_start:a_end])
                if part is None:
                    part = _COMMA_SUSPENDED_RE.match(after)
                    dur = part.group("dur") if part else None
                if part and dur:
                    sus = _parse_amount(kind, dur)
                    if sus is not None:
                        base = max(a_end, m.end())
                        item["suspended"] = sus
                        item["suspended_span"] = (clause.start + base + part.start(),
                                                  clause.start + base + part.end())
        prob = rx.PROBATION_RE.search(text, m.end())
        if prob and (i + 1 >= len(mentions) or prob.start() < mentions[i + 1].start()):
            years = _years(prob.group("dur") or prob.group("dur2"))
            if years is not None and item["suspended"]:
                item["probation_years"] = years
                item["probation_span"] = (clause.start + prob.start(), clause.start + prob.end())
        items.append(item)
    return items


# "30 maanden waarvan 10 voorwaardelijk" (summaries): the part takes the term's unit.
# Also after the credit ("8 maanden met aftrek van voorarrest, waarvan 3 voorwaardelijk").
_BARE_SUSPENDED_RE = re.compile(r"^\s*,?\s*(?:met\s+aftrek\b[^,;]{0,80},\s*)?waarvan\s+"
                                r"(?P<dur>\d{1,3})\s+(?:voorwaardelijk|niet\s+ten\s+uitvoer)",
                                re.IGNORECASE)
_UNIT_RE = re.compile(r"\b(dagen|dag|weken|week|maanden|maand|jaren|jaar|uren|uur)\b",
                      re.IGNORECASE)


# "Jeugddetentie 150 dagen, 70 dagen voorwaardelijk" (summaries): the part after a comma.
_COMMA_SUSPENDED_RE = re.compile(r"^\s*,\s*(?P<dur>" + rx.DURATION + r")\s+voorwaardelijk\b",
                                 re.IGNORECASE)


def _bare_suspended(after: str, amount: str) -> tuple[re.Match[str] | None, str | None]:
    """The part and its duration in the term's unit ("10" of "30 maanden" -> "10 maanden")."""
    unit = _UNIT_RE.search(amount)
    part = _BARE_SUSPENDED_RE.match(after) if unit else None
    if part is None or unit is None:
        return None, None
    return part, f"{part.group('dur')} {unit.group(1)}"


def _parse_amount(kind: str, text: str) -> float | None:
    if kind == "fine":
        m = rx.MONEY_RE.search(text)
        return parse_money(m) if m else None
    d = parse_duration(text)
    if d is None:
        return None
    return d.hours if kind == "community_service" else d.days


def _years(text: str | None) -> float | None:
    if not text:
        return None
    d = parse_duration(text)
    if d is None or d.days is None:
        return None
    return round(d.days / 365, 2)


def apply_modifiers(clause: Clause, items: list[dict[str, Any]]) -> bool:
    """Suspended parts and probation stated in their own clause; True if it was one."""
    text = clause.text
    touched = False
    part = rx.SUSPENDED_PART_RE.search(text)
    whole = rx.SUSPENDED_WHOLE_RE.search(text) if not part else None
    if part or whole:
        kw = _KIND_WORD_RE.search(text)
        kind = _kind_of(kw.group(0)) if kw else None
        target = _last(items, kind)
        if target is not None:
            if part:
                value = _parse_amount(target["kind"], part.group("dur"))
                if value is not None:
                    target["suspended"] = (target["suspended"] or 0) + value \
                        if target.get("suspended_from_part") else value
                    target["suspended_from_part"] = True
                    target["suspended_span"] = (clause.start + part.start(),
                                                clause.start + part.end())
            else:
                assert whole is not None  # `part or whole` and not `part`
                target["suspended"] = target["amount"]
                target["suspended_span"] = (clause.start + whole.start(),
                                            clause.start + whole.end())
            touched = True
    prob = rx.PROBATION_RE.search(text)
    if prob and (touched or not rx.PUNISHMENT_RE.search(text)):
        years = _years(prob.group("dur") or prob.group("dur2"))
        target = next((it for it in reversed(items) if it.get("suspended")), None) or \
            (items[-1] if items else None)
        if target is not None and years is not None:
            target["probation_years"] = years
            target["probation_span"] = (clause.start + prob.start(), clause.start + prob.end())
            touched = True
    return touched


def _last(items: list[dict[str, Any]], kind: str | None) -> dict[str, Any] | None:
    for it in reversed(items):
        if kind is None or it["kind"] == kind:
            return it
    return items[-1] if items and kind is None else None


# A clause of the dictum that reads like a heading: short, no decision verb, no amount
# ("Vordering tenuitvoerlegging met parketnummer 16/285711-14", "Voorlopige hechtenis",
# "De benadeelde partijen").
_DECISION_VERB_RE = re.compile(
    r"\b(?:verklaart|veroordeelt|legt|bepaalt|beveelt|gelast|wijst|spreekt|stelt|heft|verstaat|"
    r"verlengt|ontslaat|vernietigt|bevestigt|draagt|geeft|kent|verbindt|onttrekt|beslist)\b",
    re.IGNORECASE,
)
_CASE_NUMBER_ONLY_RE = re.compile(r"^\W*(?:onder\s+|in\s+de\s+zaak\s+(?:met\s+)?)?"
                                  r"parketnummers?\b", re.IGNORECASE)
# What an earlier sentence's execution speaks of, to tell a conversion of it ("in plaats van de
# vrijheidsstraf") from other uses of "in plaats van".
_TUL_WORD_RE = re.compile(r"\btenuitvoerlegging\b|\bten\s*uitvoer\s+te\s+leggen\b|"
                          r"\bvoorwaardelijk\w*\b|\boorspronkelijk\b", re.IGNORECASE)


def _is_heading(text: str) -> bool:
    t = text.strip().rstrip(":.").strip()
    return 0 < len(t) <= 120 and not _DECISION_VERB_RE.search(t) and \
        not rx.PUNISHMENT_RE.search(t) and not rx.DURATION_RE.search(t)


def is_tul_clause(text: str, *, in_tul: bool = False) -> bool:
    """A clause about the execution (tul) of an earlier suspended sentence: the order, the
    claim, a conversion of it or a longer probation. `in_tul`: the clause follows a tul
    heading or order, so a bare conversion ("gelast in plaats van de vrijheidsstraf het
    verrichten van een taakstraf") belongs to it too."""
    if rx.TUL_ORDER_RE.search(text) or rx.PROBATION_EXTENSION_RE.search(text) or \
            rx.TUL_CLAIM_RE.search(text):
        return True
    return bool(rx.TUL_CONVERSION_RE.search(text)) and (in_tul or bool(_TUL_WORD_RE.search(text)))


def _own_part_end(text: str, *, demand: bool) -> int | None:
    """Where a clause that also decides on a tul stops being about this court's own sentence
    (or the demand proper): "veroordeelt verdachte tot een gevangenisstraf van 6 maanden en
    wijst de vordering tot tenuitvoerlegging af". None when nothing of its own comes first,
    and for conversions, whose replacing sentence may come before the cue ("Gelast het
    verrichten van een werkstraf voor de duur van 180 uren, in plaats van de last tot ...")."""
    if rx.TUL_CONVERSION_RE.search(text) or rx.CREDIT_RE.search(text):
        return None
    cues = [m.start() for p in (rx.REVOCATION_RE, rx.TUL_CLAIM_RE, rx.TUL_ORDER_RE,
                                rx.PROBATION_EXTENSION_RE) if (m := p.search(text))]
    if not cues:
        return None
    cut = min(cues)
    head = text[:cut]
    if not rx.PUNISHMENT_RE.search(head) or not (demand or _IMPOSING_RE.search(head)):
        return None
    return cut


# The verbs a tul decision starts with, when it shares a clause with this court's sentence.
_TUL_VERB_RE = re.compile(r"\b(?:wijst|gelast|beveelt|verlengt)\b(?![^;]{0,40}?\bveroordeelt\b)",
                          re.IGNORECASE)


def extract_items(clauses: Iterable[Clause], *, strict: bool = False, demand: bool = False,
                  tul: list[Clause] | None = None, first_instance: bool = False
                  ) -> list[dict[str, Any]]:
    """The punishment items of a run of clauses (a dictum, or a demand with `demand`).

    The part of a dictum on the execution (tul) of an earlier suspended sentence is skipped as a
    block: it starts at a tul heading or order and runs through what the order lists ("te
    weten: een werkstraf van 20 uren") and converts ("bepaalt dat deze ten uitvoer te leggen
    gevangenisstraf zal worden vervangen door een werkstraf van 60 uren"), until another
    heading or a clause that imposes a sentence of its own ("veroordeelt", "legt ... op").
    `tul`, when given, receives the skipped clauses of a dictum's tul part in order (for
    `executions_of`)."""
    items: list[dict[str, Any]] = []
    keep = tul.append if tul is not None and not demand else (lambda _c: None)
    in_tul = False
    # "... bij niet betaling te vervangen door het daarbij vermelde aantal dagen hechtenis:"
    # lists each victim's amount with its own substitute ("- benadeelde partij [x], € 1,00,
    # 1 dag hechtenis,"): the list holds no sentence, up to the next imposing clause.
    in_substitutes = False
    for clause in clauses:
        text = clause.text
        if in_substitutes:
            if not (_IMPOSING_RE.search(text) or rx.CONVICTION_RE.search(text)
                    or _is_heading(text)):
                continue
            in_substitutes = False
        if rx.SUBSTITUTE_DETENTION_RE.search(text) and text.rstrip().endswith(":"):
            in_substitutes = True
        # REVOCATION_RE also catches time credited "bij de uitvoering van de opgelegde
        # gevangenisstraf": that clause is no item, but it opens no tul part either.
        # (`tul_clause`, not `tul`: that name is the parameter `keep` appends to)
        tul_clause = is_tul_clause(text, in_tul=in_tul) or (
            rx.REVOCATION_RE.search(text) is not None and not rx.CREDIT_RE.search(text))
        cut = _own_part_end(text, demand=demand) if tul_clause and not in_tul else None
        if cut is not None:
            # One clause with both: read the own part, leave the tul part out.
            head = Clause(clause.start, clause.start + cut, text[:cut])
            items.extend(items_in_clause(head, strict=strict, demand=demand,
                                         first_instance=first_instance))
            # The tul part starts at its own verb ("... en wijst de vordering tot
            # tenuitvoerlegging ... toe"), so that what it decides can still be read.
            verbs = [m.start() for m in _TUL_VERB_RE.finditer(text, 0, cut)]
            tail = verbs[-1] if verbs else cut
            keep(Clause(clause.start + tail, clause.end, text[tail:]))
            in_tul = text.rstrip().endswith(":")
            continue
        if demand:
            # A demand is prose, not a dictum with headings: only the clause itself and what
            # its "te weten:" lists are left out.
            if in_tul or tul_clause:
                in_tul = text.rstrip().endswith(":")
                continue
        elif tul_clause:
            in_tul = True
            keep(clause)
            continue
        elif _is_heading(text):
            if not _CASE_NUMBER_ONLY_RE.search(text):
                in_tul = False
            elif in_tul:
                keep(clause)
            continue
        elif in_tul:
            if _IMPOSING_RE.search(text) or rx.CONVICTION_RE.search(text):
                in_tul = False
            else:
                keep(clause)
                continue
        if apply_modifiers(clause, items):
            continue
        items.extend(items_in_clause(clause, strict=strict, demand=demand,
                                     first_instance=first_instance))
    return items


def measures_in_clause(clause: Clause, *, demand: bool = False) -> list[tuple[str, int, int]]:
    """TBS / ISD / PIJ imposed (or, with `demand`, demanded) in a clause."""
    text = clause.text
    if rx.NOT_IMPOSE_RE.search(text) and not re.search(r"\bverlenging\b|\bverlengt\b", text):
        return []
    if is_excluded_clause(text, demand=demand) in ("demand", "lower_court", "revocation"):
        return []
    if not rx.IMPOSE_RE.search(text) and not re.search(r"\bplaatsing\b", text, re.IGNORECASE):
        return []
    found = []
    for name, pattern in (("tbs", rx.TBS_RE), ("isd", rx.ISD_RE), ("pij", rx.PIJ_RE)):
        m = pattern.search(text)
        if m:
            found.append((name, clause.start + m.start(), clause.start + m.end()))
    return found


def aggregate(items: list[dict[str, Any]]) -> dict[str, float | None]:
    """Sentence keys from items: several items of one kind add up."""
    out: dict[str, float | None] = {}
    pairs = (("prison", "prison_days_total", "prison_days_suspended"),
             ("detention", "detention_days", None),
             ("community_service", "community_service_hours",
              "community_service_hours_suspended"),
             ("fine", "fine_eur", "fine_eur_suspended"))
    for kind, total_key, sus_key in pairs:
        its = [it for it in items if it["kind"] == kind]
        if not its:
            out[total_key] = None
            if sus_key:
                out[sus_key] = None
            continue
        out[total_key] = round(sum(it["amount"] for it in its), 2)
        if sus_key:
            out[sus_key] = round(sum(it["suspended"] or 0 for it in its), 2)
    probations = [it["probation_years"] for it in items if it.get("probation_years")]
    out["probation_years"] = max(probations) if probations else None
    return out


# -- decisions on the execution (tul) of earlier suspended sentences ------------------------

# "parketnummer 16/285711-14", "parketnummer: 05-720123-13", "met parketnummer 16.212602.21".
_CASE_NUMBER_RE = re.compile(r"\bparketnummers?\s*:?\s*(?P<num>\d{2}[/.-]\d{3,7}(?:[-/.]\d{2,4})?)",
                             re.IGNORECASE)
# A rejected claim: "wijst af de gevorderde tenuitvoerlegging", "wijst de vordering tot
# tenuitvoerlegging af". A claim declared inadmissible is not granted either, so it counts here.
_TUL_REJECTED_RE = re.compile(r"\bwijst\b[^;]{0,300}?\baf\b|\bafgewezen\b|\bafwijzing\b|"
                              r"\bniet[- ]?ontvankelijk\b", re.IGNORECASE)
_TUL_GRANTED_RE = re.compile(r"\b(?:gelast|beveelt)\b[^;]{0,60}?\btenuitvoerlegging\b|"
                             r"\bwijst\b[^;]{0,300}?\btoe\b", re.IGNORECASE)
_RELEASE_REVOKED_RE = re.compile(r"\bherroep\w*\b[^;]{0,80}?\bvoorwaardelijke\s+"
                                 r"invrijheidstelling\b", re.IGNORECASE)
# The executed punishment's word. A vrijheidsstraf, hechtenis and jeugddetentie all count as
# prison for a tul: the order executes time in custody, whatever the earlier judgment called it.
_TUL_KIND_RE = re.compile(r"\b(?:gevangenisstraf(?:fen)?|jeugddetentie|militaire\s+detentie|"
                          r"hechtenis|vrijheidsstraf(?:fen)?|taakstraf(?:fen)?|werkstraf|"
                          r"leerstraf|geldboete)\b", re.IGNORECASE)


def _tul_decision(text: str) -> str | None:
    """What a tul clause decides, or None for a heading or what an order lists ("te weten: een
    taakstraf van 20 uren"). A rejection first: its clause names the claim as well."""
    if _TUL_REJECTED_RE.search(text) and (rx.TUL_CLAIM_RE.search(text) or
                                          rx.REVOCATION_RE.search(text)):
        return "rejected"
    if rx.PROBATION_EXTENSION_RE.search(text):
        return "probation_extended"
    if _RELEASE_REVOKED_RE.search(text) and _DECISION_VERB_RE.search(text):
        return "revoked_release"
    if rx.TUL_CONVERSION_RE.search(text):
        return "converted"
    # Only an order or an allowed claim: "verstaat dat tenuitvoerlegging van de opgelegde
    # gevangenisstraf ... binnen de penitentiaire inrichting" (this court's own sentence) and
    # "bepaalt dat de bijzondere voorwaarden ... komen te vervallen" grant nothing.
    if rx.TUL_ORDER_RE.search(text) or _TUL_GRANTED_RE.search(text):
        return "granted"
    return None


def _tul_kind(word: str) -> str:
    w = word.lower()
    if w.startswith(("taakstraf", "werkstraf", "leerstraf")):
        return "community_service"
    return "fine" if w.startswith("geldboete") else "prison"


def _tul_amounts(text: str) -> list[tuple[str, float | None, bool]]:
    """(kind, amount, replaced) for each punishment word of a tul clause, in order; `replaced`
    marks the earlier punishment a conversion replaces ("in plaats van de vrijheidsstraf").
    Default detention ("vervangen door 14 dagen hechtenis", "subsidiair") is no amount of the
    tul: the clause is read up to its cue, except the conversion's own "vervangen door"."""
    conversion = rx.TUL_CONVERSION_RE.search(text)
    conv_span = (conversion.start(), conversion.end()) if conversion else (0, 0)
    limit = len(text)
    for m in rx.SUBSTITUTE_DETENTION_RE.finditer(text):
        if m.start() >= conv_span[1] or not conversion:
            limit = m.start()
            break
    words = [m for m in _TUL_KIND_RE.finditer(text, 0, limit)
             if not _VERVANGEND_LEFT_RE.search(text, 0, m.start())]
    out: list[tuple[str, float | None, bool]] = []
    for i, m in enumerate(words):
        kind = _tul_kind(m.group(0))
        nxt = words[i + 1].start() if i + 1 < len(words) else limit
        unit = "prison" if kind == "prison" else kind
        found = _amount_after(unit, text, m.end(), min(nxt, m.end() + 100, limit))
        amount = found[0] if found else None
        if amount is None and kind != "fine":
            before = _PRE_DURATION_RE.search(text, 0, m.start())
            d = parse_duration(before.group("dur")) if before else None
            if d is not None:
                amount = d.hours if kind == "community_service" else d.days
        out.append((kind, amount, conv_span[0] <= m.start() < conv_span[1]))
    return out


_AMOUNT_FIELD = {"prison": "prison_days", "community_service": "community_service_hours",
                 "fine": "fine_eur"}


def _read_amounts(execution: dict[str, Any], text: str) -> None:
    """Fill the amounts a clause states (the first of each kind wins) and the kind executed:
    the first named, or for a conversion the punishment that replaces the earlier one."""
    if execution["decision"] == "revoked_release":
        # "herroeping van de voorwaardelijke invrijheidstelling van de gevangenisstraf van 30
        # maanden voor de duur van 120 dagen": the earlier sentence comes first, the part
        # revoked last.
        durations = [d for m in rx.DURATION_RE.finditer(text)
                     if (d := parse_duration(m.group(0))) is not None and d.days is not None]
        if durations and execution.get("prison_days") is None:
            execution["prison_days"] = durations[-1].days
    for kind, amount, replaced in _tul_amounts(text):
        field = _AMOUNT_FIELD[kind]
        if amount is not None and execution.get(field) is None:
            execution[field] = amount
        if replaced:
            continue
        if execution["decision"] == "converted" and execution.get("converted_kind") is None:
            execution["converted_kind"] = kind
            execution["kind"] = kind
        elif execution["kind"] is None:
            execution["kind"] = kind


def executions_of(tul_clauses: Iterable[Clause]) -> list[dict[str, Any]]:
    """The decisions of a dictum's tul part (the clauses `extract_items` skipped), one per
    claim: decision, kind, prison_days / community_service_hours / fine_eur as stated,
    case_number, and the span from the deciding clause through what it lists. A conversion
    right after the grant it converts ("wijst de vordering toe; gelast in plaats van de
    vrijheidsstraf een taakstraf") is one decision, "converted"; so is an allowed claim and
    the order that spells it out."""
    out: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    case_number: str | None = None
    for clause in tul_clauses:
        text = clause.text
        num = _CASE_NUMBER_RE.search(text)
        decision = _tul_decision(text)
        if decision is None:
            if _is_heading(text) or current is None:
                # A new claim's heading: its case number holds for the decisions under it.
                case_number = num.group("num") if num else None
                current = None
                continue
            if _DECISION_VERB_RE.search(text):
                # A decision of its own that executes nothing ("bepaalt dat de bijzondere
                # voorwaarden ... komen te vervallen"): not part of the decision before it.
                current = None
                continue
            _read_amounts(current, text)
            current["end"] = clause.end
            continue
        if current is not None and current["decision"] == "granted" and \
                decision in ("granted", "converted"):
            # One claim: "wijst de vordering toe" then "gelast de tenuitvoerlegging van ...
            # drie (3) weken", or the grant then its conversion.
            current["decision"] = decision
            _read_amounts(current, text)
            current["end"] = clause.end
            continue
        current = {"decision": decision, "kind": None, "prison_days": None,
                   "community_service_hours": None, "fine_eur": None,
                   "case_number": num.group("num") if num else case_number,
                   "start": clause.start, "end": clause.end}
        _read_amounts(current, text)
        out.append(current)
    for e in out:
        e.pop("converted_kind", None)
    return out
