"""The browser build's content is the YAML content: JSON twins hold the same data and load to the same models."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from mobile_app.core.content_files import json_twin, read_content_file, to_json, without_anchor_blocks
from mobile_app.core.loader import CONTENT_DIR, ContentError, load_content

YAML_FILES = sorted(CONTENT_DIR.glob("*.yaml"))


def _plain(value: Any) -> Any:
    """YAML data with its dates written as JSON writes them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def json_content_dir(target: Path) -> Path:
    """A content folder holding only the JSON twins of the package's YAML files (as the browser build ships it)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in YAML_FILES:
        json_twin(target / path.name).write_text(to_json(read_content_file(path)), encoding="utf-8")
    return target


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_each_json_twin_holds_the_yaml_data(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert json.loads(to_json(data)) == _plain(without_anchor_blocks(data))


def test_the_json_twins_load_to_the_same_content(tmp_path: Path) -> None:
    from_yaml = load_content(CONTENT_DIR)
    from_json = load_content(json_content_dir(tmp_path / "content"))
    for name in ("questions", "rules", "screens", "advice", "medicines", "countries", "meta", "followup"):
        assert getattr(from_json, name) == getattr(from_yaml, name), name
    assert from_json.question_by_id == from_yaml.question_by_id
    assert from_json.version == from_yaml.version


def test_the_yaml_wins_over_a_stale_twin_and_a_missing_file_is_named(tmp_path: Path) -> None:
    for path in YAML_FILES:
        shutil.copy(path, tmp_path / path.name)
    json_twin(tmp_path / "meta.yaml").write_text("{}", encoding="utf-8")  # never read while the YAML is there
    assert load_content(tmp_path).meta == load_content(CONTENT_DIR).meta
    (tmp_path / "meta.yaml").unlink()
    json_twin(tmp_path / "meta.yaml").unlink()
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert (err.value.code, err.value.file) == ("CONTENT_MISSING_FILE", "meta.yaml")
