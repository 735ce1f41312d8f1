"""Test helper: builds answers that make a condition true or false (to prove every rule can fire)."""

from __future__ import annotations

from typing import Any

from mobile_app.core.loader import Content
from mobile_app.core.models import AllOf, AnswerIn, AnyOf, Condition, Not, NumberCompare, Question


def _values(q: Question) -> list[Any]:
    if q.type == "bool":
        return [True, False, "not_sure"]
    if q.type == "choice":
        return [o.value for o in q.options]
    assert q.min is not None and q.max is not None
    return list(range(q.min, q.max + 1))


def _merge(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    if a is None or b is None:
        return None
    for k, v in b.items():
        if k in a and (type(a[k]) is not type(v) or a[k] != v):
            return None
    return {**a, **b}


def satisfy(
    cond: Condition, content: Content, want: bool = True, base: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """Answers (extending base) under which cond evaluates to want, or None if this simple search finds none."""
    base = dict(base or {})
    if isinstance(cond, AnswerIn):
        q = content.question_by_id[cond.finding]
        options = [v for v in _values(q) if (any(type(v) is type(x) and v == x for x in cond.in_)) == want]
        if cond.finding in base:
            return base if base[cond.finding] in options else None
        return {**base, cond.finding: options[0]} if options else None
    if isinstance(cond, NumberCompare):
        q = content.question_by_id[cond.finding]
        for n in _values(q):
            ok = (cond.at_least is None or n >= cond.at_least) and (cond.below is None or n < cond.below)
            if ok == want and (cond.finding not in base or base[cond.finding] == n):
                return {**base, cond.finding: n}
        return None
    if isinstance(cond, Not):
        return satisfy(cond.not_, content, not want, base)
    if isinstance(cond, AllOf if want else AnyOf):
        parts = cond.all if isinstance(cond, AllOf) else cond.any
        out: dict[str, Any] | None = base
        for c in parts:
            out = satisfy(c, content, want, out)
            if out is None:
                return None
        return out
    parts = cond.any if isinstance(cond, AnyOf) else cond.all
    for c in parts:
        got = satisfy(c, content, want, base)
        if got is not None:
            return got
    return None
