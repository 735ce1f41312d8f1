"""The browser build (tools/build_pwa.py, issue 19) ships what the app needs and nothing else, every file it needs
for offline use is listed with its hash, and the shipped Python runs without PyYAML or the server's packages."""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from mobile_app import first_paint
from mobile_app.core.i18n import Translator
from mobile_app.core.loader import default_content
from mobile_app.core.models import LANGUAGES
from tests.conftest import ROOT
from tests.pwa_site import build_info, build_pwa, built_site

FIRST_VISIT_BUDGET_BYTES = 25_000_000
"""Issue 19's goal for the bytes of a first visit (all of it kept for offline use)."""
EMSCRIPTEN = {"platform_system": "Emscripten", "sys_platform": "emscripten", "extra": ""}


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


@pytest.fixture(scope="module")
def info(site: Path) -> dict[str, Any]:
    return build_info(site)


@pytest.fixture(scope="module")
def archive(site: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(site / build_pwa.APP_ARCHIVE) as z:
        return {name: z.read(name) for name in z.namelist()}


def _name(requirement: str) -> str:
    return build_pwa.normalize(Requirement(requirement).name)


def test_the_browser_packages_are_closed_under_their_own_requirements() -> None:
    shipped = {build_pwa.normalize(n) for n in build_pwa.BROWSER_PACKAGES}
    known = shipped | {build_pwa.normalize(n) for n in build_pwa.NOT_SHIPPED}
    runtime = build_pwa.bundled_runtime()
    environment = {**EMSCRIPTEN, "python_version": runtime.python_version, "python_full_version": "3.14.2"}
    for name in build_pwa.BROWSER_PACKAGES:
        for text in importlib.metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate(environment):
                assert build_pwa.normalize(requirement.name) in known, f"{name} needs {requirement.name}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for dependency in project:
        assert _name(dependency) in known, f"{dependency}: say whether the browser build ships it, and why"


def test_the_archive_holds_the_app_and_its_packages_only(archive: dict[str, bytes]) -> None:
    top = {name.split("/", 1)[0] for name in archive}
    assert top == {"main.py", "mobile_app", "locales", "assets", "__pypackages__"}, top
    packages = {name.split("/")[1] for name in archive if name.startswith("__pypackages__/")}
    for gone in ("yaml", "_yaml", "fastapi", "uvicorn", "starlette", "PIL", "httpx", "flet_web", "pytest"):
        assert gone not in packages, gone
    assert not any(n.endswith((".yaml", ".pyc")) or "/__pycache__/" in n for n in archive)
    for excluded in build_pwa.APP_EXCLUDED:
        assert excluded not in archive, excluded
    content = sorted(n for n in archive if n.startswith("mobile_app/content/"))
    assert content == sorted(f"mobile_app/content/{p.stem}.json" for p in build_pwa.CONTENT_DIR.glob("*.yaml"))
    locale_data = {n.rsplit("/", 1)[1] for n in archive if n.startswith("__pypackages__/babel/locale-data/")}
    assert locale_data == {f"{name}.dat" for name in build_pwa.babel_locales()}


def test_every_compiled_module_is_built_for_the_browser(archive: dict[str, bytes], info: dict[str, Any]) -> None:
    runtime = build_pwa.bundled_runtime()
    wheel_tags = {
        name.split("/")[1]: re.findall(r"^Tag: (\S+)$", data.decode(), flags=re.MULTILINE)
        for name, data in archive.items()
        if name.endswith(".dist-info/WHEEL")
    }
    assert len(wheel_tags) == len(build_pwa.BROWSER_PACKAGES)
    for dist, tags in wheel_tags.items():
        assert tags and all(t.endswith(("-any", runtime.platform)) for t in tags), (dist, tags)
    compiled = [n for n in archive if n.endswith(".so")]
    assert compiled, "pydantic-core, msgpack and uharfbuzz are compiled"
    for name in compiled:
        assert archive[name][:4] == b"\0asm", f"{name} is not WebAssembly"
    assert info["packages"] == build_pwa.pinned_packages()


def test_the_shipped_app_runs_without_pyyaml_or_the_server(archive: dict[str, bytes], tmp_path: Path) -> None:
    """The app's own files, as shipped, import and load their content (from the JSON twins) while PyYAML, the server's
    packages and Pillow cannot be imported; babel reads only the locale data that was shipped."""
    app = tmp_path / "app"
    for name, data in archive.items():
        if not name.startswith("__pypackages__/") or name.startswith("__pypackages__/babel/"):
            target = app / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    modules = sorted(
        n.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for n in archive
        if n.startswith("mobile_app/") and n.endswith(".py")
    )
    script = textwrap.dedent(
        f"""
        import importlib, sys
        BLOCKED = ("yaml", "_yaml", "fastapi", "uvicorn", "starlette", "PIL", "httpx")

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ImportError(f"{{name}} is not in the browser build")
                return None

        sys.meta_path.insert(0, Block())
        sys.path[:0] = [{str(app)!r}, {str(app / "__pypackages__")!r}]
        for module in {modules!r}:
            importlib.import_module(module)
        import main  # the entry module (it only runs the app as __main__)
        import babel, mobile_app
        assert babel.__file__.startswith({str(app)!r}) and mobile_app.__file__.startswith({str(app)!r})
        from mobile_app.core.loader import default_content
        from mobile_app.core.models import LANGUAGES
        from mobile_app.core.i18n import Translator, display_name
        import datetime as dt
        content = default_content()
        assert content.questions.questions
        for lang in LANGUAGES:
            tr = Translator(lang)
            assert display_name(lang) and tr.date(dt.date(2026, 12, 7)) and tr.number(1234)
        from mobile_app.ui import texts
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_site_lists_every_file_with_its_hash_and_fits_the_budget(site: Path, info: dict[str, Any]) -> None:
    files: dict[str, str] = info["files"]
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {"sw.js", "build.json", "404.html"} - {p for p in on_disk if p.endswith(".gz")}
    for path, digest in files.items():
        assert hashlib.sha256((site / path).read_bytes()).hexdigest() == digest, path
    for path in info["compressed"]:
        assert gzip.decompress((site / f"{path}.gz").read_bytes()) == (site / path).read_bytes(), path
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert f'const BUILD = "{info["build"]}";' in worker and "__FILES__" not in worker
    assert json.loads(worker.split("const FILES = ", 1)[1].split(";\n", 1)[0]) == files
    # The bytes of a first visit: every file but the Flutter builds this browser does not use (the largest one it may).
    wire = info["wire_bytes"]
    flutter_builds = (
        ("main.dart.wasm", "main.dart.mjs", "canvaskit/skwasm.js", "canvaskit/skwasm.wasm"),
        ("main.dart.wasm", "main.dart.mjs", "canvaskit/skwasm_heavy.js", "canvaskit/skwasm_heavy.wasm"),
        ("main.dart.js", "canvaskit/chromium/canvaskit.js", "canvaskit/chromium/canvaskit.wasm"),
        ("main.dart.js", "canvaskit/canvaskit.js", "canvaskit/canvaskit.wasm"),
    )
    assert {p for build in flutter_builds for p in build} == set(info["on_demand"])
    largest = max(sum(wire[p] for p in build) for build in flutter_builds)
    first_visit = sum(size for path, size in wire.items() if path not in info["on_demand"]) + largest
    assert first_visit <= FIRST_VISIT_BUDGET_BYTES, first_visit


def test_the_page_starts_offline_ready_and_calls_no_cdn(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert (site / "404.html").read_text(encoding="utf-8") == html, "every route of a plain host opens the app"
    assert '<script src="boot.js"></script>' in html and "flutter_bootstrap.js" not in html
    assert "flet.pyodide = true;" in html and 'flet.pyodideUrl="/pyodide/pyodide.mjs";' in html
    assert 'flet.appPackageUrl = "app.zip";' in html and 'flet.webRenderer="auto";' in html
    assert "https://" not in html.replace("https://github.com", "")
    bootstrap = (site / "flutter_bootstrap.js").read_text(encoding="utf-8")
    load_call = bootstrap.split("_flutter.loader.load(", 1)[1]
    assert "serviceWorker" not in load_call, "Flutter's own service worker would replace sw.js"
    assert not (site / "flutter_service_worker.js").exists()
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "Calf Check" and manifest["display"] == "standalone"
    assert all((site / icon["src"]).is_file() for icon in manifest["icons"])
    fonts = json.loads((site / "assets" / "FontManifest.json").read_text(encoding="utf-8"))
    assert not any(f["family"].startswith("packages/flutter_math_fork/") for f in fonts)
    assert not any(p.name.endswith((".map", ".symbols")) for p in site.rglob("*"))


def test_flutter_parses_only_the_fonts_the_app_draws_before_its_first_frame(site: Path) -> None:
    """As served (decision 39): the app's subset of the Material icons, no Cupertino icons; Flutter's engine fetches
    and parses every family of its font manifest before its first frame, offline too (decision 38)."""
    fonts = json.loads((site / "assets" / "FontManifest.json").read_text(encoding="utf-8"))
    assert not any("cupertino" in f["family"].lower() for f in fonts), fonts
    assert not (site / "assets" / "packages" / "cupertino_icons").exists()
    assert not (site / "assets" / "fonts" / "MaterialIcons-Regular.otf").exists(), "flet-web's whole icon font"
    icons = [font["asset"] for f in fonts if f["family"] == "MaterialIcons" for font in f["fonts"]]
    assert len(icons) == 1, fonts
    subset = (site / "assets" / icons[0]).resolve()
    assert subset == (site / "fonts" / "MaterialIcons-Regular.otf").resolve() and subset.is_file(), icons
    assert subset.stat().st_size < 100_000, "the app's subset (tools/subset_fonts.py), not the 1.26 MB font"


def _first_paint_table(html: str) -> dict[str, Any]:
    found = re.search(r"var D = (\{.*?\}), root = ", html)
    assert found, "the page carries no first-paint table"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_the_page_draws_the_emergency_call_before_any_engine(site: Path) -> None:
    """Issue 19 asks for the engine-free first paint of issue 18 in this build too (decision 27; hazards H56, H57):
    first in <body>, the same layer and script as the server's page, its numbers from the content the engine uses and
    every language's strings from its catalog; nothing before it waits for the network but the build's own start."""
    html = (site / "index.html").read_text(encoding="utf-8")
    head, body = html.split("<body>", 1)
    assert body.lstrip().startswith('<div id="first-paint"'), body[:200]
    assert 'id="loading"' not in html  # the layer replaces Flet's loading image
    assert 'href="tel:911"' in body and 'id="fp-change" href="/country"' in body  # as sent; the script then chooses
    scripts = re.findall(r"<script>(.*?)</script>", body, re.DOTALL)
    assert scripts == [first_paint.offline_script()]
    # One source: up to how it learns that the app has drawn, the script is the server page's, byte for byte.
    served = first_paint._SCRIPT.replace("__DATA__", "{}")
    shared = served[: served.index("  var WS = window.WebSocket;")]
    assert re.sub(r"var D = \{.*?\}, root = ", "var D = {}, root = ", scripts[0], count=1).startswith(shared)
    data = _first_paint_table(html)
    assert data["numbers"] == {c.code: c.emergency_number for c in default_content().countries.countries}
    assert data["numbers"]["ES"] == "112" and data["marker"] == first_paint.APP_DRAWN_MARKER
    assert sorted(data["langs"]) == sorted(LANGUAGES)
    for lang in LANGUAGES:
        tr = Translator(lang)
        words = first_paint.texts(tr)
        assert data["langs"][lang]["t"] == {k: v for k, v in words.items() if k != "lost"}, lang
        assert data["langs"][lang]["dir"] == ("rtl" if lang == "ar" else "ltr")
        # No server, no connection to lose: the build's page cannot say so in any language.
        assert words["lost"] not in html, lang
    assert "ws" not in data and "WebSocket" not in scripts[0]
    # Python starts seconds after Flutter's first frame: the wait for the app's sign counts from Python's word.
    assert (data["afterPython"], data["wait"]) == (first_paint.WAIT_MS, first_paint.OFFLINE_WAIT_MS)
    # Python's messages reach the layer: boot.js shows each one to it before Flutter reads it.
    boot = (site / "boot.js").read_text(encoding="utf-8")
    assert "window.firstPaint?.message?.(event.data)" in boot and "state.message = function" in scripts[0]
    blocking = [t for t in re.findall(r"<script[^>]*\bsrc=[^>]*>", head) if not re.search(r"\b(defer|async)\b", t)]
    assert blocking == ['<script src="boot.js">'], blocking
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in head
    # A static host sends no policy of ours; one added to the page would have to allow these inline scripts.
    assert "Content-Security-Policy" not in html


def test_the_first_paint_follows_the_sites_path() -> None:
    """Served under a path (--base-url), "Change country" opens the app's country list there, not the host's root."""
    page = (build_pwa.client_dir() / "index.html").read_text(encoding="utf-8")
    html = first_paint.add_to_offline_page(page, base="/calf-check/")
    assert 'id="fp-change" href="/calf-check/country"' in html
    with pytest.raises(ValueError):
        first_paint.add_to_offline_page(html)


def test_the_python_worker_is_ours_with_this_builds_snapshot_key(site: Path, info: dict[str, Any]) -> None:
    """The worker that restores a memory snapshot (decision 36, H73): ours in place of flet-web's, with the key of
    this build and the compiled libraries Python imports before the snapshot, each in the archive."""
    worker = (site / build_pwa.PYTHON_WORKER).read_text(encoding="utf-8")
    assert f'const SNAPSHOT_KEY = "{info["snapshot_key"]}";' in worker and "__PRELOAD__" not in worker
    preload = json.loads(worker.split("const PRELOAD = ", 1)[1].split(";\n", 1)[0])
    with zipfile.ZipFile(site / build_pwa.APP_ARCHIVE) as z:
        names = set(z.namelist())
    assert [p.split("/")[1] for p in preload] == sorted(build_pwa.PRELOAD_PACKAGES)
    assert all(p.endswith(".so") and p in names for p in preload), preload


def test_the_snapshot_key_changes_with_the_app_and_the_runtime(site: Path, tmp_path: Path) -> None:
    """A snapshot holds the app's code as it was imported: another archive, runtime or worker is another key, so a
    snapshot of an older version is never restored by a newer one (H73)."""
    copy = tmp_path / "site"
    copy.mkdir()
    shutil.copytree(site / "pyodide", copy / "pyodide")
    shutil.copyfile(site / build_pwa.APP_ARCHIVE, copy / build_pwa.APP_ARCHIVE)
    first = build_pwa.write_python_worker(copy)
    assert build_pwa.write_python_worker(copy) == first, "the same build, the same key"
    with zipfile.ZipFile(copy / build_pwa.APP_ARCHIVE, "a") as z:
        z.writestr("mobile_app/NEWER.txt", b"a newer version")
    second = build_pwa.write_python_worker(copy)
    assert second != first
    (copy / "pyodide" / "pyodide.mjs").write_bytes(b"// another runtime\n")
    assert build_pwa.write_python_worker(copy) not in (first, second)
