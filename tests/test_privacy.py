"""Nothing a person enters leaves the app: no print or logging of it, no network client, no file written behind
their back. The app's code is scanned (its syntax tree, so comments and strings do not count)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

APP = ROOT / "mobile_app"
ALLOWED_PRINTS = {
    ("mobile_app/__main__.py", "_announce"): "the one startup line: the address the server listens on",
    ("mobile_app/core/simulate.py", "main"): "a developer tool that plays vignette files; it never runs in the app",
}
"""(file, enclosing function) where print() is allowed, and why."""
LOGGER_NAMES = {"logging", "logger", "log", "_log", "_logger", "LOG", "LOGGER"}
LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "fatal"}
NETWORK_MODULES = {"urllib.request", "http.client", "requests", "httpx", "aiohttp", "smtplib", "ftplib", "telnetlib"}
WRITE_METHODS = {"write_text", "write_bytes"}


def sources() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def enclosing_functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Every node -> the name of the function it is in ("" at module level)."""
    owner: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else name
            owner[child] = inner
            visit(child, inner)

    visit(tree, "")
    return owner


def findings(path: Path) -> list[str]:
    return findings_in(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())


def findings_in(text: str, rel: str) -> list[str]:
    tree = ast.parse(text, filename=rel)
    owner = enclosing_functions(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id == "print" and (rel, owner.get(node, "")) not in ALLOWED_PRINTS:
                found.append(f"{where}: print()")
            if isinstance(f, ast.Attribute):
                base = f.value
                base_name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                if base_name in LOGGER_NAMES and f.attr in LOG_METHODS:
                    found.append(f"{where}: {base_name}.{f.attr}()")
                if f.attr == "getLogger":
                    found.append(f"{where}: getLogger()")
                if base_name in ("stdout", "stderr") and f.attr == "write":
                    found.append(f"{where}: sys.{base_name}.write()")
                if f.attr in WRITE_METHODS:
                    found.append(f"{where}: {f.attr}() writes a file")
            if isinstance(f, ast.Name) and f.id == "open":
                mode = (
                    node.args[1]
                    if len(node.args) > 1
                    else next((k.value for k in node.keywords if k.arg == "mode"), None)
                )
                if isinstance(mode, ast.Constant) and any(c in str(mode.value) for c in "wax+"):
                    found.append(f"{where}: open() for writing")
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "logging" or alias.name in NETWORK_MODULES:
                    found.append(f"{where}: import {alias.name}")
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and (
                node.module == "logging"
                or node.module in NETWORK_MODULES
                or node.module.split(".")[0] in NETWORK_MODULES
            )
        ):
            found.append(f"{where}: from {node.module} import ...")
    return found


def test_the_app_prints_logs_sends_and_writes_nothing_of_what_people_enter() -> None:
    problems = [f for path in sources() for f in findings(path)]
    assert not problems, "\n".join(problems)


def test_the_allowed_prints_are_still_there() -> None:
    """The allow-list stays honest: each entry names a print() that exists."""
    for rel, function in ALLOWED_PRINTS:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        owner = enclosing_functions(tree)
        calls = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name)
            and n.func.id == "print"
            and owner.get(n) == function
        ]
        assert calls, f"no print() in {rel}:{function}; remove it from ALLOWED_PRINTS"
    startup = [
        n
        for n in ast.walk(ast.parse((APP / "__main__.py").read_text()))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"
    ]
    assert len(startup) == 1, "one startup line, and only the address in it"


@pytest.mark.parametrize(
    "code",
    [
        "print(answers)",
        "import logging",
        "logger.info('pain %s', pain)",
        "logging.getLogger(__name__)",
        "sys.stderr.write(note)",
        "Path('x').write_text(diary)",
        "open('diary.json', 'w')",
        "import requests",
        "from urllib.request import urlopen",
    ],
)
def test_the_scan_catches_leaks(code: str) -> None:
    assert findings_in(f"def f(answers, pain, note, diary, sys, Path, logger):\n    {code}\n", "mobile_app/x.py")
