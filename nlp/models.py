"""The extraction result: one per judgment, with the exact keys other tools rely on (issue 3).

Every filled key has evidence: spans (offsets into `Document.text`) that a researcher can
open to check the value in seconds. Units: days for prison and detention (1 month = 30,
1 year = 365, 1 week = 7), hours for community service, euros for money, years for probation.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Outcome = Literal[
    "conviction", "acquittal", "partial", "dismissal", "inadmissible", "appeal_dismissed", "other"
]
ExploitationType = Literal["sexual", "labour", "criminal", "begging", "organ_removal", "other"]
Vulnerability = Literal[
    "minor", "lvb", "unaccompanied_minor_migrant", "labour_migrant", "dependency", "other"
]

# The keys of issue 3 point 2, in order; evaluation and the CLI use this list.
RESULT_KEYS: tuple[str, ...] = (
    "outcome", "convicted_of_trafficking", "articles", "prison_days_total",
    "prison_days_suspended", "probation_years", "detention_days", "community_service_hours",
    "community_service_hours_suspended", "fine_eur", "fine_eur_suspended", "juvenile", "tbs",
    "isd", "pij", "compensation_eur_total", "compensation", "demand",
    # Not in issue 3's list: an addition, the decisions on earlier suspended sentences (tul).
    "executions",
    "exploitation_types",
    "coercive_means", "minor_victim", "number_of_victims", "victim_vulnerabilities",
    "victim_nationalities", "cross_border", "co_offences", "defendant_birth_year",
    "court_level", "evidence",
)

# The sentence keys, shared by the decision and the prosecutor's demand.
SENTENCE_KEYS: tuple[str, ...] = (
    "prison_days_total", "prison_days_suspended", "probation_years", "detention_days",
    "community_service_hours", "community_service_hours_suspended", "fine_eur",
    "fine_eur_suspended", "tbs", "isd", "pij",
)


class Evidence(BaseModel):
    """Where a value came from: a span of `Document.text` and the section it lies in; when
    `section` is "inhoudsindicatie", a span of `Document.summary` instead (documents kept as
    a summary only, or excerpts that stop before the facts)."""

    start: int
    end: int
    text: str
    section: str | None = None
    # What this span shows when a key has spans of several kinds, e.g. "acquittal" or
    # "suspended" (optional; the four fields above are the contract).
    label: str | None = None


class Article(BaseModel):
    article: str  # "273f"
    law: str = "Sr"  # "Sr", "Opiumwet", "WWM", "WVW 1994", ...
    paragraph: int | None = None  # lid
    sub: str | None = None  # "1", "4"
    text: str  # normalised, e.g. "273f lid 1 sub 1"
    charged: bool = False
    proven: bool = False
    acquitted: bool = False


class Compensation(BaseModel):
    """One claimant's claim as decided (benadeelde partij)."""

    claimant: str | None = None  # the pseudonym, e.g. "[benadeelde 1]"
    amount_eur: float | None = None  # awarded (toegewezen) in total
    material_eur: float | None = None
    immaterial_eur: float | None = None
    joint: bool | None = None  # hoofdelijk: jointly with co-defendants
    admissible: bool | None = None  # False: wholly niet-ontvankelijk
    partly_inadmissible: bool | None = None
    measure: bool | None = None  # schadevergoedingsmaatregel (art. 36f Sr) imposed


class Demand(BaseModel):
    """The prosecutor's demand (officier van justitie / advocaat-generaal): not the sentence."""

    by: str | None = None  # "officier van justitie" | "advocaat-generaal"
    prison_days_total: float | None = None
    prison_days_suspended: float | None = None
    probation_years: float | None = None
    detention_days: float | None = None
    community_service_hours: float | None = None
    community_service_hours_suspended: float | None = None
    fine_eur: float | None = None
    fine_eur_suspended: float | None = None
    tbs: bool | None = None
    isd: bool | None = None
    pij: bool | None = None
    acquittal: bool | None = None  # the prosecutor asked for an acquittal


ExecutionDecision = Literal[
    "granted", "rejected", "converted", "probation_extended", "revoked_release"
]


class Execution(BaseModel):
    """A decision on the execution (tul) of an earlier suspended sentence, or on revoking a
    conditional release: not this court's sentence, so never in the sentence keys."""

    decision: ExecutionDecision
    # What is executed: for "converted", the punishment that replaces the earlier one.
    kind: Literal["prison", "community_service", "fine"] | None = None
    # As read from the decision, None when not stated (days; hours; euros).
    prison_days: float | None = None
    community_service_hours: float | None = None
    fine_eur: float | None = None
    case_number: str | None = None  # the parketnummer of the earlier case, when stated


class CoOffence(BaseModel):
    """Another offence proven in the same judgment."""

    type: str  # smuggling | sexual | money_laundering | assault | weapons | drugs | ...
    label: str  # as the qualification words it
    articles: list[str] = Field(default_factory=list)


class ExtractionResult(BaseModel):
    outcome: Outcome | None = None
    convicted_of_trafficking: bool | None = None
    articles: list[Article] = Field(default_factory=list)
    prison_days_total: float | None = None
    prison_days_suspended: float | None = None
    probation_years: float | None = None
    detention_days: float | None = None
    community_service_hours: float | None = None
    community_service_hours_suspended: float | None = None
    fine_eur: float | None = None
    fine_eur_suspended: float | None = None
    juvenile: bool | None = None
    tbs: bool | None = None
    isd: bool | None = None
    pij: bool | None = None
    compensation_eur_total: float | None = None
    compensation: list[Compensation] = Field(default_factory=list)
    demand: Demand | None = None
    executions: list[Execution] = Field(default_factory=list)
    exploitation_types: list[ExploitationType] = Field(default_factory=list)
    coercive_means: list[str] = Field(default_factory=list)
    minor_victim: bool | None = None
    number_of_victims: int | None = None
    victim_vulnerabilities: list[Vulnerability] = Field(default_factory=list)
    victim_nationalities: list[str] = Field(default_factory=list)
    cross_border: bool | None = None
    co_offences: list[CoOffence] = Field(default_factory=list)
    defendant_birth_year: int | None = None
    court_level: str | None = None
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    # Why the result is empty or partly empty (empty, truncated, non-Dutch, summary only).
    reason: str | None = None

    @classmethod
    def empty(cls, reason: str) -> ExtractionResult:
        return cls(reason=reason)
