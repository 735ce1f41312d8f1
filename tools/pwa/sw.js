// Calf Check's service worker: keeps every file of this version on the device, so the app starts and works with no
// network at all. Written by tools/build_pwa.py, which fills in the three constants below; do not edit a built copy.
//
// - First visit: takes over at once and keeps each file as the page first asks for it; once the app is on the
//   screen the page asks it to fetch and keep the rest ("precache").
// - A new version (a changed sw.js, found by the browser when the app is opened online): it fetches and keeps its
//   whole version first (files whose content did not change are copied from the old cache, not downloaded again),
//   then waits. The next start of the app switches to it (boot.js) and the old version's files are deleted. The
//   person's answers and diary are in the page's own storage (localStorage), which this never touches.
// - Big files are fetched as their ".gz" twins and unpacked here (DecompressionStream), so a plain static host that
//   compresses nothing sends a third of the bytes. Every file is checked against its SHA-256 before it is kept.
"use strict";

const BUILD = "__BUILD__";
/** This version's files without its pages (index.html, 404.html); the pages carry it too (boot.js compares). */
const RELEASE = "__RELEASE__";
/** Every file of this version (path relative to this worker's folder) and its SHA-256. */
const FILES = __FILES__;
/** Files that also exist as `<path>.gz`. */
const COMPRESSED = new Set(__COMPRESSED__);
/** Files only some browsers use (Flutter's two builds of the client and their renderers): kept when this browser asks
 *  for them, and on an update the ones it used before. */
const ON_DEMAND = new Set(__ON_DEMAND__);

const PREFIX = "calf-check-";
const CACHE = PREFIX + BUILD;
/** Where python-worker.js keeps the interpreter's memory snapshot: it belongs to one version only. */
const SNAPSHOT_CACHE = "calf-check.snapshot";
const HASH_HEADER = "X-Calf-Check-Sha256";
const SCOPE = new URL(self.registration.scope);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};
const inFlight = new Map();

const keyOf = (path) => new URL(path, SCOPE).href;
const typeOf = (path) => {
  const dot = path.lastIndexOf(".");
  return (dot > path.lastIndexOf("/") && TYPES[path.slice(dot)]) || "application/octet-stream";
};
const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

async function download(path) {
  const packed = COMPRESSED.has(path) && typeof DecompressionStream === "function";
  const response = await fetch(keyOf(packed ? `${path}.gz` : path), { cache: "no-cache" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  // A host that labels .gz files `Content-Encoding: gzip` has had the browser unpack them already.
  if (packed && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const digest = hex(await crypto.subtle.digest("SHA-256", bytes));
  if (digest !== FILES[path]) throw new Error(`${path}: the host sent another version of this file`);
  return new Response(bytes, { headers: { "Content-Type": typeOf(path), [HASH_HEADER]: digest } });
}

/** This version's copy of a file: from the cache, or downloaded, checked and kept (once, however often asked). */
function keep(cache, path) {
  if (!inFlight.has(path)) {
    const job = (async () => {
      const hit = await cache.match(keyOf(path));
      if (hit) return hit;
      const response = await download(path);
      await cache.put(keyOf(path), response.clone());
      return response;
    })();
    inFlight.set(path, job);
    job.finally(() => inFlight.delete(path));
  }
  return inFlight.get(path).then((response) => response.clone());
}

/** The Flutter build this version keeps for offline use: "canvaskit" when it holds the JavaScript build and not the
 *  WebAssembly one (a phone that used CanvasKit before: an update keeps only what it used), else "auto" (boot.js lets
 *  Flutter's loader choose). Without it, such a phone would choose the WebAssembly build it does not hold, offline. */
async function keptRenderer() {
  try {
    const cache = await caches.open(CACHE);
    const [wasm, js] = await Promise.all(["main.dart.wasm", "main.dart.js"].map((path) => cache.match(keyOf(path))));
    return js && !wasm ? "canvaskit" : "auto";
  } catch {
    return "auto";
  }
}

/** Files of older versions still on the device, by their SHA-256 (to reuse unchanged files on an update). */
async function olderCopies() {
  const byHash = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const response = await old.match(request);
      const hash = response && response.headers.get(HASH_HEADER);
      if (hash && !byHash.has(hash)) byHash.set(hash, { cache: old, request });
    }
  }
  return byHash;
}

/** Fetch and keep every file this browser needs (four at a time). */
async function precache() {
  const cache = await caches.open(CACHE);
  const older = await olderCopies();
  const usedBefore = new Set(
    [...older.values()].map(({ request }) => new URL(request.url).href.slice(SCOPE.href.length)),
  );
  const queue = Object.keys(FILES).filter(
    (path) => !ON_DEMAND.has(path) || usedBefore.has(path) || inFlight.has(path),
  );
  const cached = new Set((await cache.keys()).map((request) => request.url));
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      if (cached.has(keyOf(path))) continue;
      const copy = older.get(FILES[path]);
      const response = copy && (await copy.cache.match(copy.request));
      if (response) await cache.put(keyOf(path), response);
      else await keep(cache, path);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      if (self.registration.active) {
        // An update: this version is kept whole before it can take over (a failed download leaves the old one).
        await precache();
      } else {
        // The first visit: serve this very first start already, keeping each file as it is asked for.
        await self.skipWaiting();
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        // An older version's files, and the Python memory snapshot of the version before (python-worker.js)
        if ((name.startsWith(PREFIX) && name !== CACHE) || name === SNAPSHOT_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "activate") event.waitUntil(self.skipWaiting());
  else if (event.data === "precache") event.waitUntil(precache());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  let path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  if (path === "calf-check-release") {
    event.respondWith(new Response(RELEASE, { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } }));
    return;
  }
  if (path === "calf-check-renderer") {
    event.respondWith(keptRenderer().then((renderer) => new Response(renderer, { headers: { "Cache-Control": "no-store" } })));
    return;
  }
  // Every route of the app (/diary, /?lang=es&clinic=...) is the app's page.
  if (request.mode === "navigate" && (!(path in FILES) || path === "")) path = "index.html";
  if (!(path in FILES)) return;
  event.respondWith(
    (async () => {
      try {
        return await keep(await caches.open(CACHE), path);
      } catch (error) {
        console.warn("Calf Check offline cache:", error);
        return fetch(request);
      }
    })(),
  );
});
