"""Babel extractor for the YAML content: every patient-facing string, with its place in the content as context."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

# Strings under these keys are shown to people; everything else (ids, finding values, source keys,
# citations, numbers) is data. "self" and "caregiver" are the two wordings of every Wording; "by" is the
# reviewer's role in meta.yaml review (null until a clinician has checked the content).
TRANSLATABLE_KEYS = frozenset({"self", "caregiver", "why", "label", "meaning", "where", "intended_purpose", "by"})
# Sections that hold no patient-facing text (medicine names per language live in countries.yaml).
SKIP_TOP = frozenset({"sources", "countries", "languages", "medicines"})

ExtractResult = tuple[int, str | None, str, list[str]]


def _walk(node: yaml.Node, path: str, key: str | None) -> Iterator[tuple[int, str, str]]:
    if isinstance(node, yaml.MappingNode):
        ident = None
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "id" and isinstance(v, yaml.ScalarNode):
                ident = v.value
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else "?"
            if not path and (name in SKIP_TOP or name.startswith("x-")):
                continue
            where = f"{path}.{name}" if path else name
            if ident and not path.endswith(ident):
                where = f"{path}[{ident}].{name}" if path else f"{ident}.{name}"
            yield from _walk(v, where, name)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _walk(item, f"{path}.{i}", key)
    elif (
        isinstance(node, yaml.ScalarNode)
        and key in TRANSLATABLE_KEYS
        and node.tag.endswith(":str")
        and node.value.strip()
    ):
        yield node.start_mark.line + 1, path, node.value


def extract_content(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[ExtractResult]:
    """Babel extraction method (configured in pyproject.toml) for mobile_app/content/*.yaml."""
    text = fileobj.read().decode("utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return
    for line, path, value in _walk(root, "", None):
        # A composed scalar's value is already folded and unescaped: the msgid equals the shown text.
        yield line, None, value, [path]
