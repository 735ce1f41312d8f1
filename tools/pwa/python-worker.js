// Calf Check's Python worker for the browser build (decision 36). tools/build_pwa.py writes it in place of flet-web
// 1.0.5's python-worker.js and fills in the constants below; do not edit a built copy. It speaks the same protocol to
// flet-web's python.js: the first message holds the start settings; it posts "initialized" (or the error that stopped
// Python), then each message for Flutter as a Uint8Array; every later message it receives is for Python.
//
// What it does differently, for a faster start:
// - The app archive (a stored zip) is unpacked into Python's file system by this script before Python starts.
// - A memory snapshot: after the first start has imported the app and loaded its content, the interpreter's memory is
//   kept in the browser's Cache Storage (about 45 MB, beside the app's files). A later start restores it instead of
//   starting Python and importing everything again. The snapshot belongs to one build (SNAPSHOT_KEY: the app archive,
//   the runtime and this script); any other is deleted. A snapshot that cannot be restored, or whose interpreter then
//   fails before the app has said anything, is deleted and the app starts the normal way in the same worker; that
//   build then makes no snapshot again on this device. Nothing is downloaded: the runtime and the archive come from
//   the service worker's cache like every other file. The person's answers and diary are in the page's localStorage,
//   which this never touches.
// - The compiled libraries Python imports before the snapshot (PRELOAD) are loaded before Python starts, in the same
//   order in both starts, so that they sit at the same place in memory when a snapshot is restored.
const SNAPSHOT_KEY = "__SNAPSHOT_KEY__";
/** Paths (in the app archive) of the compiled libraries loaded before Python starts. */
const PRELOAD = __PRELOAD__;
/** The cache that holds the snapshot (not one of the service worker's versions; it deletes this one too when a new
 *  version takes over: sw.js, activate). */
const SNAPSHOT_CACHE = "calf-check.snapshot";
const SNAPSHOT_URL = new URL("calf-check-snapshot.bin", self.location.href).href;
const FAILED_URL = new URL("calf-check-snapshot.failed", self.location.href).href;
const META_HEADER = "X-Calf-Check-Snapshot";
const HOME = "/home/pyodide/";

self.flet_js = {}; // the JavaScript module Python's flet imports (flet/messaging/pyodide_connection.py)
const marks = { start: performance.now() };
const mark = (name) => (marks[name] = Math.round(performance.now() - marks.start));
let started = false;
let posted = false;

/** Python's start before the snapshot point: the app's modules and its content. Run by both starts' interpreters
 *  (restored, this has already happened). Kept free of anything of this one page load (no JavaScript objects). */
const PREPARE = `
import sys
sys.path.insert(0, "__pypackages__")
import flet
import mobile_app.ui.app
mobile_app.ui.app.engine()
# Flet imports its controls when a name is first used (flet/__init__.py), and its session, protocol and msgpack only
# when the connection starts: about 1 s (up to 3 s on a busy phone) of imports after every restore, before the first
# screen. Imported here, they are in the snapshot. Not flet.messaging.pyodide_connection: it needs this page's flet_js.
def _import_flet():
    import importlib
    for name in sorted(getattr(flet, "_LAZY", {})):
        try:
            getattr(flet, name)
        except Exception:
            pass
    for module in ("flet.app", "flet.messaging.session", "flet.messaging.protocol", "flet.pubsub.pubsub_hub",
                   "msgpack", "runpy", "queue", "concurrent.futures.thread"):
        importlib.import_module(module)
_import_flet()
del _import_flet
`;
/** After a restore: new randomness (the snapshot's would repeat at every start) and a check of the compiled code. */
const AFTER_RESTORE = `
import random, tempfile
random.seed()
tempfile._name_sequence = None
import pydantic
assert pydantic.TypeAdapter(int).validate_python("3") == 3
import mobile_app.ui.app
mobile_app.ui.app.engine()
`;
const RUN = `
import runpy
try:
    runpy.run_module(python_module_name, run_name="__main__")
except SystemExit as _exit:
    if _exit.code not in (None, 0):
        raise
`;

/** The files of a stored (uncompressed) zip: [{name, data}], data being views of `bytes`. */
function readZip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("the app archive is not a zip");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const files = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("the app archive's directory is damaged");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (method !== 0) throw new Error(`${name}: the app archive must be stored, not compressed`);
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (!name.endsWith("/")) files.push({ name, data: bytes.subarray(data, data + size) });
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Failed to download app package: HTTP ${response.status} ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The snapshot kept for this build ({meta, bytes}: its bytes still being read, a promise), {refused: true} when one of
 *  this build failed here (none is made again), or null (none; another build's is deleted). */
async function savedSnapshot() {
  try {
    if (typeof caches === "undefined") return { refused: true };
    const cache = await caches.open(SNAPSHOT_CACHE);
    const failed = await cache.match(FAILED_URL);
    if (failed && (await failed.text()) === SNAPSHOT_KEY) return { refused: true };
    const response = await cache.match(SNAPSHOT_URL);
    if (!response) return null;
    const meta = JSON.parse(response.headers.get(META_HEADER) || "{}");
    if (meta.key !== SNAPSHOT_KEY) {
      await caches.delete(SNAPSHOT_CACHE);
      return null;
    }
    const bytes = response.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    bytes.catch(() => {}); // a failed read fails the restore (and is then handled there), not the worker
    return { meta, bytes };
  } catch (error) {
    console.warn("Calf Check: no snapshot", error);
    return { refused: true };
  }
}

async function keepSnapshot(bytes, meta) {
  try {
    await caches.delete(SNAPSHOT_CACHE);
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.put(
      SNAPSHOT_URL,
      new Response(bytes, { headers: { "Content-Type": "application/octet-stream", [META_HEADER]: JSON.stringify(meta) } }),
    );
  } catch (error) {
    console.warn("Calf Check: the snapshot was not kept", error);
  }
}

async function refuseSnapshots() {
  try {
    await caches.delete(SNAPSHOT_CACHE);
    await (await caches.open(SNAPSHOT_CACHE)).put(FAILED_URL, new Response(SNAPSHOT_KEY));
  } catch (error) {
    console.warn("Calf Check:", error);
  }
}

/** Where the libraries loaded before Python sit: the same in every start of this build, or a snapshot cannot work. */
function layout(Module) {
  return { heap: Module.HEAPU32[Module._emscripten_get_sbrk_ptr() >>> 2], table: Module.wasmTable.length };
}

/** Start an interpreter with the app's files in place: a new one (`saved` null), or the saved snapshot's. `runtime`
 *  holds promises (the runtime's module, the app's files and its compiled libraries), awaited only when needed, so
 *  that the runtime's own files (pyodide.asm.wasm, the standard library) are read meanwhile. */
async function startInterpreter(runtime, saved) {
  let Module;
  let before;
  let failed;
  const createPyodideModule = async (settings) => {
    const [factory, { files, compiled }] = await Promise.all([runtime.factory, runtime.app]);
    const snapshotBytes = saved ? await saved.bytes : null;
    mark("fetched");
    settings.preRun.push((module) => {
      module.addRunDependency("calf-check-app");
      (async () => {
        const made = new Set();
        for (const { name, data } of files) {
          const path = HOME + name;
          const dir = path.slice(0, path.lastIndexOf("/"));
          if (!made.has(dir)) {
            module.FS.mkdirTree(dir);
            made.add(dir);
          }
          module.FS.writeFile(path, data, { canOwn: true });
        }
        for (const name of PRELOAD) {
          const path = HOME + name;
          const dso = module.newDSO(path, undefined, "loading");
          dso.refcount = Infinity;
          dso.global = false;
          dso.exports = await module.loadWebAssemblyModule(
            await compiled.get(name),
            { loadAsync: true, nodelete: true, allowUndefined: true },
            path,
            {},
          );
        }
        before = layout(module);
      })()
        .catch((error) => (failed = error))
        .finally(() => module.removeRunDependency("calf-check-app"));
    });
    Module = await factory(settings);
    if (failed) throw failed;
    if (saved) {
      if (JSON.stringify(before) !== JSON.stringify(saved.meta.layout)) {
        throw new Error(`the snapshot's memory layout ${JSON.stringify(saved.meta.layout)} is not ${JSON.stringify(before)}`);
      }
      Module.growMemory(snapshotBytes.length);
      for (const [handle, name] of saved.meta.handles) Module.LDSO.loadedLibsByHandle[handle] = Module.LDSO.loadedLibsByName[name];
    }
    return Module;
  };
  const py = await runtime.loadPyodide({
    indexURL: runtime.indexURL,
    createPyodideModule,
    _makeSnapshot: !saved,
    _loadSnapshot: saved ? saved.bytes : undefined,
    _snapshotDeserializer: () => {
      throw new Error("the snapshot holds a JavaScript object");
    },
  });
  if (saved) {
    py.runPython(AFTER_RESTORE);
    return { py };
  }
  py.runPython(PREPARE);
  mark("imported");
  // The snapshot: made here, before anything of this page load reaches Python, and kept once the app is running.
  let snapshot = null;
  try {
    const loaded = Object.keys(Module.LDSO.loadedLibsByName).filter((name) => name !== "__main__");
    const unknown = loaded.filter((name) => !PRELOAD.includes(name.slice(HOME.length)));
    if (unknown.length) throw new Error(`libraries loaded after the start: ${unknown.join(", ")}`);
    const handles = Object.entries(Module.LDSO.loadedLibsByHandle)
      .filter(([handle]) => handle !== "0")
      .map(([handle, dso]) => [handle, dso.name]);
    const bytes = py.makeMemorySnapshot({
      serializer: () => {
        throw new Error("the interpreter holds a JavaScript object");
      },
    });
    snapshot = { bytes, meta: { key: SNAPSHOT_KEY, layout: before, handles } };
    mark("made");
  } catch (error) {
    console.warn("Calf Check: no snapshot made", error);
  }
  return { py, snapshot };
}

async function runApp(py, config) {
  py.registerJsModule("flet_js", flet_js);
  py.globals.set("python_module_name", config.pythonModuleName || "main");
  flet_js.args = config.args;
  flet_js.documentUrl = config.documentUrl;
  const known = py.runPython("import sys; set(sys.modules)");
  py.runPython(RUN);
  mark("ran");
  // The modules Python had to import to start the app (after a restore: only what needs this page, flet_js).
  py.globals.set("_known_modules", known);
  const added = py.runPython("sorted(set(sys.modules) - _known_modules)");
  marks.modules = added.toJs();
  added.destroy();
  known.destroy();
  py.runPython("del _known_modules");
  if (typeof flet_js.start_connection !== "function") {
    throw new Error("Script finished without starting a Flet UI.");
  }
  await flet_js.start_connection(receiveCallback);
}

/** The app archive's files, and its compiled libraries (PRELOAD) being compiled meanwhile (WebAssembly modules). */
async function appFiles(url) {
  const files = readZip(await fetchBytes(url));
  const byName = new Map(files.map((f) => [f.name, f.data]));
  const compiled = new Map(PRELOAD.map((name) => [name, WebAssembly.compile(byName.get(name))]));
  for (const module of compiled.values()) module.catch(() => {}); // reported where it is awaited
  return { files, compiled };
}

async function start(config) {
  try {
    const runtimeUrl = new URL(config.pyodideUrl || "pyodide/pyodide.mjs", self.location.href).href;
    const indexURL = new URL(".", runtimeUrl).href;
    // Everything is read at once: the runtime's modules, the app, the snapshot; loadPyodide then reads its own files
    // (pyodide.asm.wasm, the standard library) while the app and the snapshot are still coming.
    const factory = import(new URL("pyodide.asm.mjs", indexURL).href).then((module) => module.default);
    const app = appFiles(new URL(config.appPackageUrl, self.location.href).href);
    factory.catch(() => {});
    app.catch(() => {});
    const [{ loadPyodide }, saved] = await Promise.all([import(runtimeUrl), savedSnapshot()]);
    const runtime = { loadPyodide, factory, app, indexURL };
    let keep = !saved?.refused;
    if (saved?.bytes) {
      keep = false;
      try {
        const { py } = await startInterpreter(runtime, saved);
        mark("restored");
        await runApp(py, config);
        marks.snapshot = "restored";
        finish();
        return;
      } catch (error) {
        if (posted) throw error;
        // The app's own files or the runtime could not be read: not the snapshot's fault, and no start can work.
        for (const part of [factory, app]) await part;
        console.warn("Calf Check: the snapshot did not start; starting the normal way", error);
        delete flet_js.start_connection;
        delete flet_js.send;
        await refuseSnapshots();
        marks.snapshot = "refused";
      }
    }
    const { py, snapshot } = await startInterpreter(runtime, null);
    mark("python");
    await runApp(py, config);
    marks.snapshot ??= snapshot && keep ? "made" : "none";
    finish();
    if (snapshot && keep) await keepSnapshot(snapshot.bytes, snapshot.meta);
  } catch (error) {
    self.postMessage(String(error));
  }
}

function finish() {
  self.postMessage("initialized");
  console.log(`Calf Check Python start ${JSON.stringify(marks)}`);
}

function receiveCallback(message) {
  const bytes = message.toJs();
  posted = true;
  self.postMessage(bytes, [bytes.buffer]);
}
flet_js.receive_callback = receiveCallback;

self.onmessage = (event) => {
  if (!started) {
    started = true;
    start(event.data);
  } else if (typeof flet_js.send === "function") {
    flet_js.send(event.data);
  } else {
    console.error("Flet: dropped a message for a Python app that never started.");
  }
};
