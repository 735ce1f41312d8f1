"""Content files as plain data: YAML in the source tree, JSON twins in the browser build (which has no PyYAML)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

__all__ = ["ContentFileError", "json_twin", "read_content_file", "to_json", "without_anchor_blocks"]


class ContentFileError(ValueError):
    """A content file that is not valid YAML; `where` is its line ("line 12") when the parser knows it."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


def json_twin(path: Path) -> Path:
    """Where the browser build keeps a YAML file's data as JSON: the same name with `.json`."""
    return path.with_suffix(".json")


def read_content_file(path: Path) -> Any:
    """The data of one content file.

    The YAML file when it exists (the source tree, the server, the phone builds). When it does not and its JSON
    twin does, the twin: `tools/build_pwa.py` writes one per YAML file, because PyYAML has no WebAssembly wheel
    and the browser build cannot parse YAML. Raises FileNotFoundError when neither exists."""
    if not path.exists():
        twin = json_twin(path)
        if twin.exists():
            return json.loads(twin.read_text(encoding="utf-8"))
        raise FileNotFoundError(path)
    import yaml  # only where the YAML is read: the browser build has no PyYAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when present: same result, faster
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise ContentFileError(where, f"not valid YAML: {exc}") from None


def without_anchor_blocks(data: Any) -> Any:
    """The data without its top-level "x-" keys: they only hold YAML anchors, already expanded where used."""
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if not str(k).startswith("x-")}
    return data


def _json_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()  # YAML dates (meta.yaml's review dates); the models parse them back
    raise TypeError(f"{value!r} cannot be written as JSON")


def to_json(data: Any) -> str:
    """A content file's data as compact JSON (UTF-8 text, keys in their YAML order)."""
    return json.dumps(without_anchor_blocks(data), ensure_ascii=False, separators=(",", ":"), default=_json_value)
