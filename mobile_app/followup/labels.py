"""Translated labels for diary values (cramps, exercise sessions) and answers (literal tr.t calls, so babel
extracts every one)."""

from __future__ import annotations

from mobile_app.core.i18n import Translator
from mobile_app.core.models import NOT_SURE, AnswerValue, Question


def leg_label(tr: Translator, leg: str) -> str:
    labels = {"left": tr.t("Left leg"), "right": tr.t("Right leg"), "both": tr.t("Both legs")}
    return labels[leg]


def duration_label(tr: Translator, duration: str) -> str:
    labels = {
        "under_1_min": tr.t("Less than 1 minute"),
        "1_to_5_min": tr.t("1 to 5 minutes"),
        "5_to_10_min": tr.t("5 to 10 minutes"),
        "over_10_min": tr.t("More than 10 minutes"),
    }
    return labels[duration]


def helped_label(tr: Translator, helped: str) -> str:
    labels = {
        "stretching": tr.t("Stretching"),
        "walking": tr.t("Walking around"),
        "massage": tr.t("Rubbing the muscle"),
        "warmth": tr.t("Warmth"),
        "drink": tr.t("A drink"),
        "medicine": tr.t("Pain medicine"),
        "nothing": tr.t("Nothing helped"),
    }
    return labels[helped]


def session_label(tr: Translator, kind: str) -> str:
    """An exercise session's activity (followup.diary.SESSION_KINDS), on its button, in the diary and the summary."""
    labels = {
        "heel_raises": tr.t("Heel raises"),
        "walking": tr.t("Walking"),
        "stretching": tr.t("Stretching"),
    }
    return labels[kind]


def level_word(tr: Translator, level: str) -> str:
    """The level in a few words, for summaries and comparisons."""
    words = {
        "emergency": tr.t("Emergency: call for help now"),
        "urgent": tr.t("Urgent: be seen today"),
        "soon": tr.t("See a doctor within 1 to 2 weeks"),
        "self_care": tr.t("Care at home"),
    }
    return words[level]


def answer_label(tr: Translator, question: Question, value: AnswerValue) -> str:
    """How an answer reads on a summary: Yes / No / Not sure, the option's label, or the number."""
    if question.type == "bool":
        return tr.t("Yes") if value is True else tr.t("No") if value is False else tr.t("Not sure")
    if question.type == "choice":
        option = next((o for o in question.options if o.value == value), None)
        if option is None:
            return tr.t("Not sure") if value == NOT_SURE else str(value)
        return tr.t(option.label)
    return tr.number(value) if isinstance(value, int) else str(value)
