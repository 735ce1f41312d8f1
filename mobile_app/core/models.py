"""Content schema: the clinical content as frozen, strictly validated pydantic models."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

Level = Literal["emergency", "urgent", "soon", "self_care"]
"""Triage levels, most to least urgent."""

LEVELS: tuple[Level, ...] = ("emergency", "urgent", "soon", "self_care")
LEVEL_RANK: dict[str, int] = {"self_care": 0, "soon": 1, "urgent": 2, "emergency": 3}

NOT_SURE = "not_sure"
"""The answer a person gives when they cannot tell. Valid for every finding except age."""

LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "pt_BR", "ar", "zh_Hans", "hi", "vi")
"""App languages, as babel locale identifiers."""

TOPICS: tuple[str, ...] = (
    "call_emergency",
    "same_day_assessment",
    "dvt_check",
    "stretching",
    "hydration",
    "electrolytes",
    "heat_cooling",
    "stop_activity",
    "medication_review",
    "do_not_stop_medicine",
    "acetaminophen_max_dose",
    "avoid_nsaid",
    "topical_nsaid",
    "rice_injury",
    "safety_net",
    "see_gp_routine",
    "pregnancy_advice",
    "quinine_not_recommended",
    "exercise_therapy",
)
"""Advice topic ids the result can name (the shared clinical vocabulary)."""

BoolAnswer = bool | Literal["not_sure"]
AnswerValue = bool | int | str
"""An answer: true/false/"not_sure" for yes-no findings, an option value for choices, an int for numbers."""


class Strict(BaseModel):
    """Base for every content model: immutable, and unknown keys are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Wording(Strict):
    """The same sentence said to the person themselves and to someone caring for them."""

    self_: str = Field(alias="self", min_length=1)
    """Second person: "Is your foot cold?"."""
    caregiver: str = Field(min_length=1)
    """About the person cared for: "Is their foot cold?"."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def for_who(self, who: str) -> str:
        return self.caregiver if who == "caregiver" else self.self_


class Option(Strict):
    value: str
    label: str = Field(min_length=1)


class Question(Strict):
    """One finding of the shared vocabulary, as the app asks it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["bool", "choice", "int"]
    text: Wording
    why: str = Field(min_length=1)
    """One neutral sentence for the "Why we ask" line."""
    help: Wording | None = None
    """A short "how to tell" hint for questions that are hard for a lay person."""
    options: tuple[Option, ...] = ()
    unit: str | None = None
    min: int | None = None
    max: int | None = None
    red_flag: bool = False
    """A danger sign: "yes" alone brings at least an urgent result (checked against the rules on load)."""
    soft_sign: bool = False
    """A danger sign that counts where the story makes it one (one leg, nothing benign explains it): it
    escalates only inside a rule, and a benign alternative may keep it from escalating."""
    risk_factor: bool = False
    """Raises the likelihood of a compatible picture; never escalates alone, never makes a result milder."""

    @property
    def danger(self) -> bool:
        """Red flags, soft signs and risk factors: a "yes" or "not sure" may never lower the level."""
        return self.red_flag or self.soft_sign or self.risk_factor

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type == "choice":
            values = [o.value for o in self.options]
            if len(values) < 2 or len(set(values)) != len(values):
                raise ValueError("a choice question needs two or more distinct options")
            if NOT_SURE not in values:
                raise ValueError("a choice question must offer not_sure")
        elif self.options:
            raise ValueError(f"a {self.type} question has no options")
        if self.type == "int":
            if self.min is None or self.max is None or self.min > self.max:
                raise ValueError("a number question needs min <= max")
        elif self.min is not None or self.max is not None:
            raise ValueError("only number questions have min and max")
        return self

    def allowed(self, value: object) -> bool:
        """Whether value is a valid answer to this question."""
        if self.type == "bool":
            return value is True or value is False or value == NOT_SURE
        if self.type == "choice":
            return isinstance(value, str) and any(o.value == value for o in self.options)
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.min is not None
            and self.max is not None
            and self.min <= value <= self.max
        )


class QuestionFile(Strict):
    schema_version: Literal[1]
    questions: tuple[Question, ...]


# ---------------------------------------------------------------- conditions


class AllOf(Strict):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(Strict):
    any: tuple[Condition, ...] = Field(min_length=1)


class Not(Strict):
    not_: Condition = Field(alias="not")
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class AnswerIn(Strict):
    """True when the finding's answer is one of the listed values."""

    finding: str
    in_: tuple[AnswerValue, ...] = Field(alias="in", min_length=1)
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @field_validator("in_", mode="before")
    @classmethod
    def _strict_values(cls, v: Any) -> Any:
        # pydantic would turn "yes" into True; content must write true/false/not_sure literally.
        for item in v if isinstance(v, (list, tuple)) else []:
            if not isinstance(item, (bool, int, str)):
                raise ValueError(f"answer values are true, false, not_sure or an option, not {item!r}")
        return v


class NumberCompare(Strict):
    """A numeric comparison on a number finding: at_least <= value < below."""

    finding: str
    at_least: int | None = None
    below: int | None = None

    @model_validator(mode="after")
    def _bound(self) -> NumberCompare:
        if self.at_least is None and self.below is None:
            raise ValueError("a comparison needs at_least or below")
        return self


def _condition_kind(v: Any) -> str | None:
    if isinstance(v, dict):
        keys = set(v)
    elif isinstance(v, BaseModel):
        return {AllOf: "all", AnyOf: "any", Not: "not", AnswerIn: "in", NumberCompare: "compare"}.get(type(v))
    else:
        return None
    for key in ("all", "any", "not", "in"):
        if key in keys:
            return key
    if keys & {"at_least", "below"}:
        return "compare"
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[AnswerIn, Tag("in")]
    | Annotated[NumberCompare, Tag("compare")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message="a condition is one of: all, any, not, {finding, in}, {finding, at_least/below}",
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


# ---------------------------------------------------------------- rules, screens


class Rule(Strict):
    """A triage rule: when its condition holds, the result is at least its level."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    level: Level
    when: Condition
    unless: Condition | None = None
    """A benign alternative at least as likely (Wells' "alternative diagnosis"): when it certainly holds, the
    rule does not fire. Only confirmed answers count (never not_sure), and a danger finding may appear in it
    only as a real "no", so a "yes" or "not sure" to a danger sign can never make it hold."""
    reason: Wording
    """Lay text for "Why we say this"."""
    topics: tuple[str, ...] = ()
    go_to_ed: bool = False
    """Emergency rules only: go straight to an emergency department (call if you cannot get there safely)."""
    sources: tuple[str, ...] = Field(min_length=1)
    """Keys into meta.yaml sources."""

    @model_validator(mode="after")
    def _ed_only_for_emergency(self) -> Rule:
        if self.go_to_ed and self.level != "emergency":
            raise ValueError("go_to_ed is only for emergency rules")
        return self


class Fallback(Strict):
    """What happens when no rule matched: the engine fails closed, never to "fine"."""

    level: Level
    level_if_unsure_danger: Level
    reason: Wording
    reason_if_unsure_danger: Wording
    reason_if_mostly_unsure: Wording
    """When most danger signs asked were "not sure": no benign pattern can be trusted (REASONING 1.4)."""
    mostly_unsure_at_least: int = Field(default=3, ge=1)
    """How many danger signs must be unsure (and at least twice as many as were a real "no") for that floor."""
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)


class RuleFile(Strict):
    schema_version: Literal[1]
    rules: tuple[Rule, ...]
    fallback: Fallback


class Screen(Strict):
    """A group of findings asked together, in the order the engine considers them."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Wording
    findings: tuple[str, ...] = Field(min_length=1)
    ask_if: Condition | None = None
    """Ask this group only when this holds (unknown counts as "ask")."""
    alone: bool = False
    """Never merge this group with the next one on a screen."""
    checklist: bool = False
    """Ask as one list ("Do you have any of these?") with "None of these"; each item can be marked yes or
    not sure. Only yes-no findings, at most 6 (a list read at a glance on a phone)."""


class ScreenFile(Strict):
    schema_version: Literal[1]
    max_per_screen: int = Field(ge=1, le=8)
    screens: tuple[Screen, ...]


# ---------------------------------------------------------------- advice


class AdviceStep(Strict):
    text: Wording
    image: str | None = None
    """An illustration in assets/, relative path."""


class Advice(Strict):
    """One piece of advice shown on the result, tagged with a topic."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    topic: str
    title: Wording
    text: Wording
    steps: tuple[AdviceStep, ...] = ()
    when: Condition | None = None
    """Show only when this holds (for example: only for someone pregnant)."""
    levels: tuple[Level, ...] = LEVELS
    """Show only at these result levels."""
    sources: tuple[str, ...] = Field(min_length=1)


class LevelInfo(Strict):
    level: Level
    title: Wording
    action: Wording
    """What to do now, in one or two sentences."""
    meaning: str
    """What the level means, for the "When to see a doctor" screen."""
    where: str | None = None
    """What kind of place to go to."""
    topics: tuple[str, ...]
    """Topics every result at this level brings."""


class AdviceFile(Strict):
    schema_version: Literal[1]
    levels: tuple[LevelInfo, ...]
    advice: tuple[Advice, ...]
    unsure_check: Wording
    unsure_check_seen: Wording
    """The same note on a same-day or emergency result: "get seen today" is already its heading (issue 14)."""
    """Said for each danger sign the person was not sure about: "Check again: ..."."""
    go_to_ed_action: Wording
    """The emergency action when every emergency rule that fired says go straight to an emergency department."""


# ---------------------------------------------------------------- medicines


class Medicine(Strict):
    id: Literal["acetaminophen", "ibuprofen", "naproxen", "diclofenac_gel"]
    kind: Literal["analgesic", "oral_nsaid", "topical_nsaid"]
    max_daily_mg: int | None = Field(default=None, gt=0)
    """Adult maximum in 24 hours, in milligrams (shown in grams where whole: 4 g)."""
    lower_max_daily_mg: int | None = Field(default=None, gt=0)
    """The lower adult maximum where the liver is at more risk (under 50 kg, frail, liver disease, alcohol)."""
    sources: tuple[str, ...] = Field(min_length=1)


class Guidance(Strict):
    """One personalised statement about medicines."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Literal["may_help", "avoid", "caution", "info"]
    topic: str | None = None
    when: Condition | None = None
    levels: tuple[Level, ...] = LEVELS
    text: Wording
    """May use {acetaminophen}, {ibuprofen}, {naproxen}, {diclofenac_gel}, {max_daily} and {lower_max_daily}."""
    countries: tuple[str, ...] = ()
    """Shown only where the person's country is one of these (a local label fact); empty: everywhere."""
    sources: tuple[str, ...] = Field(min_length=1)


class MedicineFile(Strict):
    schema_version: Literal[1]
    medicines: tuple[Medicine, ...]
    guidance: tuple[Guidance, ...]
    until_answered: tuple[Guidance, ...] = ()
    """Notes shown while the medicine-safety questions (asked after the result) are unanswered: what the
    app assumes until then, never less safe than a "yes" to any of them."""


# ---------------------------------------------------------------- countries


class UrgentLine(Strict):
    """A nationwide nurse or non-emergency medical line that answers at any hour (else the country has none)."""

    number: str = Field(pattern=r"^[0-9]{2,12}$")
    kind: Literal["nurse_line", "non_emergency_medical"]


class OtherEmergencyNumber(Strict):
    """Another emergency number of the country, shown beside the one-tap call button."""

    number: str = Field(pattern=r"^[0-9]{2,6}$")
    kind: Literal["all_services", "from_mobiles", "ambulance", "civil_protection"]
    """What it reaches, said in a few words beside it: all_services (police, fire and ambulance), from_mobiles
    (works from a mobile phone), ambulance, civil_protection (fire and rescue)."""


class CountryMedicine(Strict):
    name: dict[str, str]
    brands: tuple[str, ...] = ()
    availability: Literal["otc", "pharmacy", "prescription", "not_available"]

    @field_validator("name")
    @classmethod
    def _all_languages(cls, v: dict[str, str]) -> dict[str, str]:
        missing = [lang for lang in LANGUAGES if not v.get(lang)]
        extra = [lang for lang in v if lang not in LANGUAGES]
        if missing or extra:
            raise ValueError(f"names needed for every app language; missing {missing}, unknown {extra}")
        return v


class CountryMedicines(Strict):
    acetaminophen: CountryMedicine
    ibuprofen: CountryMedicine
    naproxen: CountryMedicine
    diclofenac_gel: CountryMedicine


class Country(Strict):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    emergency_number: str = Field(pattern=r"^[0-9]{2,6}$")
    """The number the one-tap call button dials: the one that reaches an ambulance fastest there."""
    other_emergency_numbers: tuple[OtherEmergencyNumber, ...] = ()
    """Other emergency numbers that also work there, each with what it reaches."""
    urgent_line: UrgentLine | None
    default_language: str
    medicines: CountryMedicines
    sources: tuple[str, ...] = Field(min_length=1)
    """Keys into meta.yaml sources (checked on load)."""

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, v: str) -> str:
        if v not in LANGUAGES:
            raise ValueError(f"unknown language {v!r}")
        return v

    @model_validator(mode="after")
    def _other_numbers_differ(self) -> Country:
        numbers = [self.emergency_number, *(o.number for o in self.other_emergency_numbers)]
        if len(set(numbers)) != len(numbers):
            raise ValueError("other_emergency_numbers repeats a number (or the emergency number)")
        return self


class CountryFile(Strict):
    schema_version: Literal[1]
    countries: tuple[Country, ...]


# ---------------------------------------------------------------- follow-up thresholds

DiaryDuration = Literal["under_1_min", "1_to_5_min", "5_to_10_min", "over_10_min"]
"""How long a cramp logged in the diary lasted (mobile_app.followup.diary.DURATIONS: a test keeps them equal)."""


class ReviewWithin(Strict):
    """Cramps that keep coming are reviewed by a doctor within this many months of first being seen in the app."""

    within_months: int = Field(ge=1, le=120, strict=True)
    sources: tuple[str, ...] = Field(min_length=1)


class DiaryKeepsComing(Strict):
    """A diary shows cramps that keep coming: this many cramps or more, first to last over this many weeks or more."""

    cramps_at_least: int = Field(ge=2, strict=True)
    weeks_at_least: int = Field(ge=1, strict=True)


class KeepsComing(Strict):
    """When the cramps keep coming (only then is the review reminder shown)."""

    answers: tuple[AnswerIn, ...] = ()
    """Any one of these answers in the last check (values checked against questions.yaml on load)."""
    diary: DiaryKeepsComing
    sources: tuple[str, ...] = Field(min_length=1)


class DueToday(Strict):
    """Answers of the last check saying the cramps already lasted longer than the review time: the review is due."""

    answers: tuple[AnswerIn, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)


class DiaryDangerSign(Strict):
    """A diary entry of this duration is this danger sign of the check (a red flag or soft sign, checked on load)."""

    duration: DiaryDuration
    finding: str
    sources: tuple[str, ...] = Field(min_length=1)


class FollowUpFile(Strict):
    schema_version: Literal[1]
    review: ReviewWithin
    keeps_coming: KeepsComing
    due_today: DueToday
    diary_danger: tuple[DiaryDangerSign, ...] = Field(min_length=1)


# ---------------------------------------------------------------- metadata


class LanguageCheck(Strict):
    """A check of a translation short of a clinician's review: what was checked, how, when, and where it is."""

    date: dt.date
    how: str = Field(min_length=1)
    """For example "back-translation by a language model of the red flags, result headings and medicine notes"."""
    record: str = Field(pattern=r"^docs/translations/[A-Za-z_]+\.md$")
    """The file that holds the back-translation, in the repository."""


class LanguageStatus(Strict):
    code: str
    review: Literal["source", "drafted", "clinician_reviewed"]
    """source: the language the content is written in; drafted: translated, not yet reviewed by a clinician."""
    checked: LanguageCheck | None = None
    """A back-translation check (never shown as a clinician's review: the app still says "not reviewed")."""


class Review(Strict):
    """Who checked the clinical content, when, and which version: data, never a person's name.

    by and on are both null while no clinician has checked the content ("not reviewed").
    """

    by: str | None = Field(default=None, min_length=1)
    """The reviewer's role or credential ("clinician", "general practitioner"), never a person's name."""
    on: dt.date | None = None
    """The day the review was finished."""
    content_version: str = Field(min_length=1)
    """The content version the review covers."""

    @model_validator(mode="before")
    @classmethod
    def _yaml_on_key(cls, data: Any) -> Any:
        # YAML 1.1 (PyYAML) reads an unquoted key `on` as the boolean true: take it back as the field "on".
        if isinstance(data, dict) and True in data and "on" not in data:
            data = {("on" if k is True else k): v for k, v in data.items()}
        return data

    @property
    def done(self) -> bool:
        """Whether a clinician has checked this content (by and on are set)."""
        return self.by is not None and self.on is not None

    @model_validator(mode="after")
    def _both_or_neither(self) -> Review:
        if (self.by is None) != (self.on is None):
            raise ValueError("review: by and on are both set (reviewed) or both null (not reviewed)")
        return self


class Meta(Strict):
    schema_version: Literal[1]
    content_version: str
    review: Review
    """Review status of the clinical content itself."""
    sources: dict[str, str]
    """Short source key -> full citation."""
    languages: tuple[LanguageStatus, ...]
    intended_purpose: str

    @model_validator(mode="after")
    def _review_covers_this_version(self) -> Meta:
        if self.review.done and self.review.content_version != self.content_version:
            raise ValueError(
                f"review covers content version {self.review.content_version}, not {self.content_version}:"
                " review the changed content, or set review.by and review.on to null"
            )
        return self
