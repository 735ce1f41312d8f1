"""Build Calf Check as static files that run the app's Python in the browser, installable and offline (issue 19).

    .venv/bin/python tools/build_pwa.py --out DIR [--base-url /calf-check/] [--wheels DIR]

Everything comes from installed packages and from pip, at build time only:
- the web client and the Pyodide runtime (Python 3.14 for WebAssembly) that `flet-web` bundles;
- the Python packages the app imports in the browser, as the versions installed here: WebAssembly wheels
  (`pyemscripten_<abi>_wasm32`) for compiled ones, pure-Python wheels for the rest, fetched with `pip download`
  into a wheel cache (`--wheels`, default ~/.cache/calf-check/pwa-wheels; a later build needs no network);
- the app: `main.py`, `mobile_app/` (not the server, not the tools' modules), the content as JSON twins of its YAML
  (PyYAML has no WebAssembly wheel: mobile_app/core/content_files.py reads them), the catalogs, the PDF fonts.

Nothing is fetched when the app runs: no micropip, no CDN. The site is plain files: a service worker (sw.js) keeps
every file on the device; big files also exist as `.gz` twins that it unpacks, so a host that compresses nothing
still sends about a third of the bytes. Serve DIR from any static host at the address given by --base-url.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mobile_app.core.content_files import json_twin, read_content_file, to_json  # noqa: E402
from mobile_app.core.loader import CONTENT_DIR  # noqa: E402
from mobile_app.core.models import LANGUAGES  # noqa: E402
from mobile_app.first_paint import add_to_offline_page  # noqa: E402
from mobile_app.server import APP_DESCRIPTION, APP_NAME, ASSETS_DIR, THEME_COLOR  # noqa: E402
from mobile_app.server import _patch_font_manifest as served_font_manifest  # noqa: E402

PWA_SOURCES = Path(__file__).resolve().parent / "pwa"
DEFAULT_WHEELS = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "calf-check" / "pwa-wheels"
APP_ARCHIVE = "app.zip"  # stored, not compressed: unpacked about 3x faster; its .gz twin travels
PYTHON_WORKER = "python-worker.js"  # tools/pwa/python-worker.js, in place of flet-web's (decision 36)
#: Compiled libraries that Python imports before the memory snapshot is made (tools/pwa/python-worker.js loads them
#: before Python starts, so that a restored snapshot finds them where they were). Others (uharfbuzz, for PDFs) load
#: when first imported, as usual.
PRELOAD_PACKAGES = ("pydantic_core", "msgpack")
ENTRY_MODULE = "main"

#: The Python packages the app imports in the browser, and why. Each is shipped at the version installed here
#: (the one the tests ran against). tests/test_pwa_build.py checks that this list is closed under their own
#: requirements in the browser (Emscripten markers), apart from NOT_SHIPPED.
BROWSER_PACKAGES: dict[str, str] = {
    "flet": "the UI; in the browser it talks to the web client through the page, not a server",
    "flet-charts": "the diary's charts",
    "msgpack": "flet's messages to the web client (WebAssembly wheel)",
    "repath": "flet's route patterns",
    "six": "needed by repath",
    "pydantic": "validates the clinical content when the app starts",
    "pydantic-core": "pydantic's validator (WebAssembly wheel)",
    "typing-extensions": "needed by pydantic",
    "annotated-types": "needed by pydantic",
    "typing-inspection": "needed by pydantic",
    "babel": "catalogs, language names, numbers and dates (locale data of the app's languages only)",
    "fpdf2": "the doctor's summary and the clinic handout as PDF, made on the device",
    "fonttools": "fpdf2 embeds the fonts with it",
    "defusedxml": "needed by fpdf2",
    "uharfbuzz": "joins Arabic letters and Devanagari conjuncts in PDFs (WebAssembly wheel)",
    "segno": "the clinic link's QR code",
}
#: Requirements that are deliberately not in the browser, and why.
NOT_SHIPPED: dict[str, str] = {
    "pyyaml": "no WebAssembly wheel on PyPI: the content ships as JSON twins of its YAML",
    "pillow": "no WebAssembly wheel on PyPI: fpdf2 needs it only for raster images (the handout's QR code is SVG)",
    "fastapi": "the server mode only (mobile_app/server.py)",
    "uvicorn": "the server mode only (mobile_app/server.py)",
    "flet-web": "the web client: its files are the site itself",
}
#: Modules of the app that the browser never runs: the server, `python -m mobile_app`, the catalog extractor.
APP_EXCLUDED = ("mobile_app/server.py", "mobile_app/__main__.py", "mobile_app/core/extract.py")

#: Files of flet-web's client that are not shipped, and why.
CLIENT_EXCLUDED = (
    "*.map",  # source maps and
    "*.symbols",  # symbol files: for debugging only
    "canvaskit/wimp*",  # a renderer Flutter uses only when asked to (enableWimp)
    "canvaskit/experimental_webparagraph/*",
    "flutter_service_worker.js",  # Flutter's own worker only unregisters itself: sw.js replaces it
    "assets/packages/flutter_math_fork/*",  # LaTeX fonts (the app has no formulas); dropped from FontManifest too
    "assets/packages/cupertino_icons/*",  # the Cupertino icons (the app draws none): dropped from FontManifest too
    "assets/fonts/MaterialIcons-Regular.otf",  # flet-web's whole icon font: the app's subset is fonts/ (as served)
    "pyodide/python",  # the Pyodide command line (Node.js), not the browser runtime
    "pyodide/python.bat",
    "pyodide/python.exe",
    "pyodide/python_cli_entry.mjs",
    "pyodide/*.d.ts",
    "pyodide/package.json",
    "pyodide/*.whl",  # micropip and packaging: nothing is installed at run time
)
#: Files only some browsers load: Flutter's loader picks one build of the client and its renderer (decision 38):
#: the WebAssembly build with skwasm where the browser can run it (Chromium: WasmGC and WebGL), else the JavaScript
#: build with CanvasKit (its Chromium build, or its full build for the others).
ON_DEMAND = (
    "main.dart.wasm",
    "main.dart.mjs",
    "canvaskit/skwasm.js",
    "canvaskit/skwasm.wasm",
    "canvaskit/skwasm_heavy.js",
    "canvaskit/skwasm_heavy.wasm",
    "main.dart.js",
    "canvaskit/canvaskit.js",
    "canvaskit/canvaskit.wasm",
    "canvaskit/chromium/canvaskit.js",
    "canvaskit/chromium/canvaskit.wasm",
)
#: Compressed twins (`.gz`) are written for files of these kinds of at least MIN_GZIP bytes.
GZIP_SUFFIXES = (".js", ".mjs", ".wasm", ".json", ".html", ".ttf", ".otf", ".txt", ".svg", ".frag", ".zip", "NOTICES")
MIN_GZIP = 1024


class WheelsUnavailable(RuntimeError):
    """pip could not provide a browser wheel (no network and no cached copy, or no such wheel on the index)."""


@dataclass(frozen=True)
class Runtime:
    """The Pyodide runtime flet-web bundles: its version, Python version and wheel platform tag."""

    pyodide_version: str
    python_version: str  # "3.14"
    platform: str  # "pyemscripten_2026_0_wasm32"

    @property
    def cp(self) -> str:
        return "cp" + self.python_version.replace(".", "")


def client_dir() -> Path:
    """flet-web's client: index.html, the Flutter build, CanvasKit and pyodide/."""
    import flet_web

    return Path(flet_web.get_package_web_dir())


def bundled_runtime(web: Path | None = None) -> Runtime:
    web = web or client_dir()
    info = json.loads((web / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    version = json.loads((web / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
    python = ".".join(info["python"].split(".")[:2])
    return Runtime(version, python, f"pyemscripten_{info['abi_version']}_{info['arch']}")


# --- wheels -------------------------------------------------------------------------------------------------------


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def pinned_packages() -> dict[str, str]:
    """Every browser package with the version installed here."""
    return {name: importlib.metadata.version(name) for name in BROWSER_PACKAGES}


def wheel_fits(filename: str, runtime: Runtime) -> bool:
    """True for a pure-Python wheel or one built for this runtime's WebAssembly platform."""
    parts = filename.removesuffix(".whl").split("-")
    if len(parts) < 5:
        return False
    python, abi, platform = parts[-3:]
    if platform == "any":
        return any(tag.startswith("py3") or tag == runtime.cp for tag in python.split("."))
    return platform == runtime.platform and abi in (runtime.cp, "abi3", "none")


def find_wheel(directory: Path, name: str, version: str, runtime: Runtime) -> Path | None:
    for path in sorted(directory.glob("*.whl")):
        wheel_name, wheel_version = path.name.split("-")[:2]
        if (normalize(wheel_name), wheel_version) == (normalize(name), version) and wheel_fits(path.name, runtime):
            return path
    return None


def fetch_wheels(wheel_dir: Path, runtime: Runtime, *, offline: bool = False) -> dict[str, Path]:
    """The wheel of each browser package, from the cache or else downloaded with pip (WebAssembly or pure)."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    pins = pinned_packages()
    missing = [f"{n}=={v}" for n, v in pins.items() if find_wheel(wheel_dir, n, v, runtime) is None]
    if missing and not offline:
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
            "--platform", runtime.platform, "--python-version", runtime.python_version,
            "--implementation", "cp", "--abi", runtime.cp, "--abi", "abi3", "--abi", "none",
            "--dest", str(wheel_dir), *missing,
        ]  # fmt: skip
        print(f"pip download {' '.join(missing)}", flush=True)
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            raise WheelsUnavailable(f"pip could not download the browser wheels:\n{done.stderr.strip()}")
    wheels: dict[str, Path] = {}
    for name, version in pins.items():
        wheel = find_wheel(wheel_dir, name, version, runtime)
        if wheel is None:
            raise WheelsUnavailable(
                f"no wheel of {name}=={version} for {runtime.platform} or pure Python in {wheel_dir}"
            )
        wheels[name] = wheel
    return wheels


# --- what the browser's Python gets -------------------------------------------------------------------------------


def babel_locales(languages: Iterable[str] = LANGUAGES) -> set[str]:
    """Babel's locale data files the app's languages read: each language and the locales it inherits from."""
    from babel import Locale
    from babel.core import get_global

    exceptions: dict[str, str] = get_global("parent_exceptions")
    names = {"root"}
    for lang in languages:
        name: str | None = str(Locale.parse(lang))
        while name and name != "root" and name not in names:
            names.add(name)
            name = exceptions.get(name) or ("_".join(name.split("_")[:-1]) or "root")
    return names


def _wheel_members(wheel: Path) -> Iterator[tuple[str, bytes]]:
    """(path in site-packages, bytes) of a wheel's files; `.data/purelib|platlib` land in site-packages."""
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = info.filename
            top, _, rest = name.partition("/")
            if top.endswith(".data"):
                kind, _, name = rest.partition("/")
                if kind not in ("purelib", "platlib"):
                    continue  # scripts and headers: nothing the browser runs
            yield name, archive.read(info)


def keep_package_file(path: str, locales: set[str]) -> bool:
    """Whether a file of an installed package goes to the browser: no caches or type stubs, no other locales."""
    parts = path.split("/")
    if "__pycache__" in parts or path.endswith((".pyi", ".pyc")) or parts[-1] == "py.typed":
        return False
    if path.startswith("babel/locale-data/"):
        return parts[-1].removesuffix(".dat") in locales
    # flet's test harness and its server: never used in the browser; flet-charts' Dart side: in the web client
    return not (path.startswith(("flet/testing/", "flet/fastapi/", "flutter/")) or path == "flet/pytest_plugin.py")


def app_files() -> Iterator[tuple[str, bytes]]:
    """(path in the app folder, bytes) of the app itself."""
    yield "main.py", (REPO / "main.py").read_bytes()
    package = REPO / "mobile_app"
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel not in APP_EXCLUDED and "__pycache__" not in rel:
            yield rel, path.read_bytes()
    for path in sorted(CONTENT_DIR.glob("*.yaml")):
        rel = json_twin(path).relative_to(REPO).as_posix()
        yield rel, to_json(read_content_file(path)).encode("utf-8")
    for path in sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po")):
        yield path.relative_to(REPO).as_posix(), path.read_bytes()
    for path in sorted((ASSETS_DIR / "fonts").iterdir()):  # the PDFs embed them (mobile_app/followup/report.py)
        yield path.relative_to(REPO).as_posix(), path.read_bytes()


def python_files(wheels: dict[str, Path]) -> Iterator[tuple[str, bytes]]:
    """Every file of the app archive: the app, then its packages under __pypackages__ (on sys.path first)."""
    yield from app_files()
    locales = babel_locales()
    for wheel in wheels.values():
        for name, data in _wheel_members(wheel):
            if keep_package_file(name, locales):
                yield f"__pypackages__/{name}", data


def write_archive(files: Iterable[tuple[str, bytes]], target: Path) -> None:
    """A reproducible zip of stored (uncompressed) files: sorted names, fixed times, so an unchanged app gives the
    same bytes. Pyodide unpacks a stored zip about three times faster than a .tar.gz (measured: 0.2 s against
    0.6 s); on the wire it travels as its .gz twin, unpacked by the service worker."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


# --- the site ----------------------------------------------------------------------------------------------------


def _excluded(rel: str) -> bool:
    from fnmatch import fnmatch

    return any(fnmatch(rel, pattern) or fnmatch(rel.rsplit("/", 1)[-1], pattern) for pattern in CLIENT_EXCLUDED)


def copy_client(web: Path, out: Path) -> None:
    for path in sorted(web.rglob("*")):
        rel = path.relative_to(web).as_posix()
        if path.is_file() and not _excluded(rel):
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    shutil.copytree(ASSETS_DIR, out, dirs_exist_ok=True)  # the app's fonts, icons, manifest, pictures
    (out / "icon.png").unlink(missing_ok=True)  # flet build's source icon (icons/ has the sizes)


def site_path(base_url: str) -> str:
    """The site's path as index.html's <base href> has it: "/" or "/some/path/"."""
    inner = base_url.strip().strip("/")
    return f"/{inner}/" if inner else "/"


def patch_index(out: Path, runtime: Runtime, base_url: str, label: str = "") -> None:
    from flet.controls.types import RouteUrlStrategy, WebRenderer
    from flet_web.patch_index import patch_index_html

    index = out / "index.html"
    patch_index_html(
        str(index),
        base_href=base_url,
        app_name=APP_NAME,
        app_description=APP_DESCRIPTION,
        pyodide=True,
        pyodide_script_path=f"{ENTRY_MODULE}.py",
        pyodide_version=runtime.pyodide_version,
        app_package_url=APP_ARCHIVE,
        # Flutter's loader chooses (decision 38): skwasm where it can, CanvasKit elsewhere; boot.js keeps a phone on
        # CanvasKit when that is the build its offline copy holds.
        web_renderer=WebRenderer.AUTO,
        route_url_strategy=RouteUrlStrategy.PATH,
        no_cdn=True,
    )
    html = index.read_text(encoding="utf-8")
    # flet-web 1.0.5 writes the runtime's address as "pyodide/pyodide.mjs": a bare module name, which the Python
    # worker's import() refuses ("Failed to resolve module specifier"). The site's own path works.
    runtime_url = 'flet.pyodideUrl="pyodide/pyodide.mjs";'
    if html.count(runtime_url) != 1:
        raise SystemExit("flet-web's index.html changed: cannot set the Pyodide runtime's address")
    html = html.replace(runtime_url, f'flet.pyodideUrl="{site_path(base_url)}pyodide/pyodide.mjs";')
    start = '<script src="flutter_bootstrap.js" async></script>'
    if html.count(start) != 1 or "</head>" not in html:
        raise SystemExit("flet-web's index.html changed: cannot put the offline start (boot.js) before the app")
    html = html.replace(start, "")  # boot.js starts it once the service worker serves the page
    head = (
        f'<meta name="theme-color" content="{THEME_COLOR}">\n'
        f'  <meta name="calf-check-release" content="{RELEASE_PLACEHOLDER}">\n'
        f'  <meta name="calf-check-label" content="{html_escape(label)}">\n'
        '  <script src="no-cdn.js"></script>\n'
        '  <script src="boot.js"></script>\n'
    )
    html = html.replace("</head>", head + "</head>", 1)
    # The emergency call before any engine (mobile_app/first_paint.py, as the server's page has it): the first thing
    # in <body>, shown while Flutter and Python start (seconds here), gone when the app's first screen has come.
    html = add_to_offline_page(html, base=site_path(base_url))
    index.write_text(html, encoding="utf-8")
    # A plain static host answers an unknown path (a link to /diary before the service worker is there) with
    # 404.html where it has one: the same page, so every route opens the app.
    shutil.copyfile(index, out / "404.html")


def patch_bootstrap(out: Path) -> None:
    """Flutter's loader would register its own service worker (which unregisters itself) in place of sw.js."""
    path = out / "flutter_bootstrap.js"
    text = path.read_text(encoding="utf-8")
    patched, count = re.subn(r"\n\s*serviceWorkerSettings:\s*\{[^{}]*\},", "", text)
    if count != 1:
        raise SystemExit("flet-web's flutter_bootstrap.js changed: cannot keep Flutter's service worker out")
    path.write_text(patched, encoding="utf-8")


def patch_font_manifest(out: Path) -> None:
    """The server's font manifest (mobile_app/server.py, the same function): no LaTeX or Cupertino icon fonts, the
    app's subset of the Material icons (27 KB instead of 1.26 MB, parsed before Flutter's first frame); plus Roboto
    as flet publish adds it."""
    path = out / "assets" / "FontManifest.json"
    kept = json.loads(served_font_manifest(path.read_bytes()))
    kept.append({"family": "Roboto", "fonts": [{"asset": "fonts/roboto.woff2"}]})
    path.write_text(json.dumps(kept, separators=(",", ":")), encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


PAGES = ("index.html", "404.html")
RELEASE_PLACEHOLDER = "__RELEASE__"


def write_release(out: Path) -> str:
    """The release id (a hash of every file but the pages), written into the pages. boot.js compares it with the
    service worker's: a page of one version never runs with the files of another (tools/pwa/boot.js)."""
    files = {
        p.relative_to(out).as_posix(): sha256(p)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in PAGES
    }
    release = hashlib.sha256(json.dumps(files, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    for name in PAGES:
        page = out / name
        page.write_text(page.read_text(encoding="utf-8").replace(RELEASE_PLACEHOLDER, release), encoding="utf-8")
    return release


def write_gzip_twins(out: Path) -> list[str]:
    """`<file>.gz` beside each big compressible file; the names (relative to out) of those files."""
    done = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.name.endswith(GZIP_SUFFIXES) and path.stat().st_size >= MIN_GZIP:
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            if len(packed) < len(data) * 0.9:
                path.with_name(path.name + ".gz").write_bytes(packed)
                done.append(path.relative_to(out).as_posix())
    return done


def preload_libraries(archive: Path) -> list[str]:
    """The compiled libraries of PRELOAD_PACKAGES in the app archive (paths in it), in a fixed order."""
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
    return sorted(
        n for n in names if n.endswith(".so") and n.split("/")[1:2] and n.split("/")[1] in PRELOAD_PACKAGES
    )


def write_python_worker(out: Path) -> str:
    """tools/pwa/python-worker.js with its snapshot key and the libraries it loads first; returns the key: a hash of
    the app archive, the Python runtime and the worker itself, so a snapshot is only ever restored by the very build
    that made it."""
    template = (PWA_SOURCES / PYTHON_WORKER).read_text(encoding="utf-8")
    parts = {APP_ARCHIVE: sha256(out / APP_ARCHIVE), PYTHON_WORKER: hashlib.sha256(template.encode()).hexdigest()}
    runtime = sorted(p for p in (out / "pyodide").rglob("*") if p.is_file())
    parts.update({p.relative_to(out).as_posix(): sha256(p) for p in runtime})
    key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    preload = preload_libraries(out / APP_ARCHIVE)
    if len(preload) != len(PRELOAD_PACKAGES):
        raise SystemExit(f"expected one compiled library for each of {PRELOAD_PACKAGES} in the app, found {preload}")
    for placeholder, value in (("__SNAPSHOT_KEY__", key), ("__PRELOAD__", json.dumps(preload))):
        if template.count(placeholder) != 1:
            raise SystemExit(f"tools/pwa/{PYTHON_WORKER} has no single {placeholder}")
        template = template.replace(placeholder, value)
    (out / PYTHON_WORKER).write_text(template, encoding="utf-8")
    return key


def write_service_worker(out: Path, compressed: list[str], release: str) -> dict[str, object]:
    """sw.js with this build's file list. Returns the build's description (written to build.json): its id (a hash
    of every file's content), each file's SHA-256 and the bytes it takes on the wire (its .gz twin's when it has
    one), the files only some browsers fetch, and the compressed ones."""
    files = {
        p.relative_to(out).as_posix(): sha256(p)
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.endswith(".gz") and p.name != "404.html"
    }
    build = hashlib.sha256(json.dumps(files, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    packed = sorted(c for c in compressed if c in files)
    on_demand = [p for p in ON_DEMAND if p in files]
    template = (PWA_SOURCES / "sw.js").read_text(encoding="utf-8")
    values = {
        "__BUILD__": build,
        "__RELEASE__": release,
        "__FILES__": json.dumps(files, indent=0, sort_keys=True),
        "__COMPRESSED__": json.dumps(packed),
        "__ON_DEMAND__": json.dumps(on_demand),
    }
    for key, value in values.items():
        if key not in template:
            raise SystemExit(f"tools/pwa/sw.js has no {key}")
        template = template.replace(key, value)
    (out / "sw.js").write_text(template, encoding="utf-8")
    wire = {p: (out / (p + ".gz" if p in packed else p)).stat().st_size for p in files}
    return {
        "build": build,
        "release": release,
        "files": files,
        "wire_bytes": wire,
        "on_demand": on_demand,
        "compressed": packed,
    }


def _empty_target(out: Path) -> None:
    """Empty the output folder, refusing one that holds anything but an earlier build."""
    if out.exists() and any(out.iterdir()):
        if not (out / "build.json").is_file() or not (out / "sw.js").is_file():
            raise SystemExit(f"{out} is not empty and holds no earlier build: choose an empty or new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def build(
    out: Path, *, base_url: str = "/", wheel_dir: Path = DEFAULT_WHEELS, offline: bool = False, label: str = ""
) -> dict[str, object]:
    """Build the site into `out`. Returns what build.json holds (the build id under "build")."""
    web = client_dir()
    runtime = bundled_runtime(web)
    wheels = fetch_wheels(wheel_dir, runtime, offline=offline)
    _empty_target(out)
    copy_client(web, out)
    shutil.copyfile(PWA_SOURCES / "boot.js", out / "boot.js")
    patch_index(out, runtime, base_url, label)
    patch_bootstrap(out)
    patch_font_manifest(out)
    write_archive(python_files(wheels), out / APP_ARCHIVE)
    snapshot_key = write_python_worker(out)
    release = write_release(out)
    compressed = write_gzip_twins(out)
    info = {
        "label": label,
        "base_url": site_path(base_url),
        "pyodide": runtime.pyodide_version,
        "python": runtime.python_version,
        "packages": pinned_packages(),
        "snapshot_key": snapshot_key,
        **write_service_worker(out, compressed, release),
    }
    (out / "build.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the site to (emptied first)")
    parser.add_argument("--base-url", default="/", help="the path the site is served under (default /)")
    parser.add_argument("--label", default="", help="a name for this build, shown in index.html (e.g. a date)")
    parser.add_argument("--wheels", type=Path, default=DEFAULT_WHEELS, help=f"wheel cache (default {DEFAULT_WHEELS})")
    parser.add_argument("--offline", action="store_true", help="use only the wheel cache: never call pip")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        info = build(
            args.out.resolve(), base_url=args.base_url, wheel_dir=args.wheels, offline=args.offline, label=args.label
        )
    except WheelsUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    files: dict[str, str] = info["files"]  # type: ignore[assignment]
    wire: dict[str, int] = info["wire_bytes"]  # type: ignore[assignment]
    on_demand = set(info["on_demand"])  # type: ignore[arg-type]
    everything = sum(wire[p] for p in files if p not in on_demand)
    print(
        f"Built {info['build']} in {args.out}: {len(files)} files; {everything / 1e6:.1f} MB to fetch and keep on a"
        f" first visit, plus one build of Flutter's client ({time.monotonic() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
