"""The flet build configuration points at files that exist, so `flet build apk|ipa|web` can find the app."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_flet_build_configuration_is_consistent() -> None:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    flet = cfg["tool"]["flet"]
    app_path = ROOT / flet["app"]["path"]
    module = flet["app"]["module"].removesuffix(".py")
    entry = app_path / f"{module}.py"
    assert entry.is_file(), "the entry module must be a real file in the app path"
    assert "ft.run(" in entry.read_text(encoding="utf-8")
    assert (app_path / "assets" / "icon.png").is_file(), "flet build takes the app icon from assets/icon.png"
    assert flet["web"]["cdn"] is False, "the web build must not load its renderer from a CDN"
    deps = cfg["project"]["dependencies"]
    assert any(d.startswith("flet[web]==1.0.") for d in deps)
    for excluded in flet["app"]["exclude"]:
        assert excluded not in ("mobile_app", "assets", "locales"), "the app's own files must be packaged"
