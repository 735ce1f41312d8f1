// Calf Check's start in the browser build (tools/build_pwa.py).
//
// 1. Put the service worker (sw.js) in charge of this page before the app's big files are asked for, so that they
//    are kept for offline use from the first visit on. A new version that was fetched whole while an older one ran
//    takes over here, at the next start, before anything has begun.
// 2. Start Python (Pyodide, in flet-web's python-worker.js) at once, beside the Flutter client rather than after
//    it: Flutter asks for the worker only once its own engine has started, a second or two later. The worker it
//    then asks for is the one already running (with the same settings flet-web's python.js would send).
// 3. Start the Flutter client. Its loader picks a build: skwasm (WebAssembly) where the browser can, else CanvasKit;
//    a phone whose offline copy holds only the CanvasKit build (it used CanvasKit before an update) stays on it, or
//    offline it would ask for a build it does not hold (sw.js, calf-check-renderer; decision 38).
// Each message from Python to Flutter is shown first to the page's first paint (mobile_app/first_paint.py), which
// lets the emergency call it draws before any engine go once a message carries the app's first screen.
// Without service workers (an insecure address, an old browser) the app starts all the same, from the network.
(() => {
  const page = document.baseURI;
  const workers = window.isSecureContext ? navigator.serviceWorker : undefined;

  const startFlutter = () => {
    const script = document.createElement("script");
    script.src = "flutter_bootstrap.js";
    script.async = true;
    document.body.append(script);
  };
  const whenBody = (run) =>
    document.body ? run() : document.addEventListener("DOMContentLoaded", run, { once: true });
  const atMost = (promise, ms) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
  /** How long after the page's load event a waiting new version is asked to take over (see below). */
  const SETTLE_MS = 500;
  /** How long this page waits for it: more than the 30 s after which Chromium stops an idle old worker. */
  const SWITCH_MS = 40000;
  const ownRelease = document.querySelector('meta[name="calf-check-release"]')?.content;
  const servedRelease = () =>
    atMost(
      fetch("calf-check-release", { cache: "no-store" })
        .then((response) => (response.ok ? response.text() : ownRelease))
        .catch(() => ownRelease),
      3000,
    ).then((release) => release ?? ownRelease);
  /** The Flutter build this phone's offline copy holds (sw.js): CanvasKit stays CanvasKit, else Flutter chooses. */
  const keepRenderer = () =>
    atMost(
      fetch("calf-check-renderer", { cache: "no-store" })
        .then((response) => (response.ok ? response.text() : "auto"))
        .then((renderer) => {
          if (renderer === "canvaskit" && window.flet) window.flet.webRenderer = "canvaskit";
        })
        .catch(() => {}),
      3000,
    );
  const reloadOnce = (release) => {
    // Never more than one such reload in a row (a host serving two versions at once must not loop).
    const key = "calf-check.reloaded-for";
    if (sessionStorage.getItem(key) === release) return false;
    sessionStorage.setItem(key, release);
    return true;
  };

  /** A Python worker whose messages the first paint sees before Flutter does (its listener comes first). */
  const watched = (worker) => {
    worker.addEventListener("message", (event) => window.firstPaint?.message?.(event.data));
    return worker;
  };

  function startPython() {
    const config = window.flet;
    const base = (config.entrypointBaseUrl || "/").replace(/\/$/, "");
    const url = new URL(`${base}/python-worker.js`, page).href;
    const early = watched(new Worker(url, { type: "module" }));
    const received = [];
    early.onmessage = (event) => received.push(event);
    early.onerror = (event) => received.push(event);
    // What flet-web's python.js (jsConnect) sends first; Flutter's own call has no arguments for this app ({}).
    early.postMessage({
      pyodideUrl: config.pyodideUrl || "pyodide/pyodide.mjs",
      args: {},
      documentUrl: document.URL,
      appPackageUrl: config.appPackageUrl,
      micropipIncludePre: config.micropipIncludePre,
      pythonModuleName: config.pythonModuleName,
    });
    const NativeWorker = window.Worker;
    window.Worker = function (wanted, options) {
      if (new URL(wanted, page).href !== url) return new NativeWorker(wanted, options);
      window.Worker = NativeWorker;
      return handOver(early, received, url);
    };
  }

  /** The running worker, as python.js expects a new one: its first message (the start settings) is already
   *  sent, and what the worker said meanwhile ("initialized") is passed on once python.js listens. */
  function handOver(worker, received, url) {
    let first = true;
    const replay = (kind, handler) =>
      setTimeout(() => {
        for (const event of received.splice(0)) {
          if ((event.type === "error") === (kind === "error")) handler(event);
        }
      }, 0);
    return {
      postMessage(data, transfer) {
        if (first) {
          first = false;
          if (JSON.stringify(data.args || {}) === "{}") return;
          console.warn("Calf Check: Python was started with other settings; starting it again");
          worker.terminate();
          worker = watched(new Worker(url, { type: "module" }));
        }
        worker.postMessage(data, transfer);
      },
      set onmessage(handler) {
        worker.onmessage = handler;
        if (handler) replay("message", handler);
      },
      get onmessage() {
        return worker.onmessage;
      },
      set onerror(handler) {
        worker.onerror = handler;
        if (handler) replay("error", handler);
      },
      get onerror() {
        return worker.onerror;
      },
      terminate() {
        worker.terminate();
      },
    };
  }

  function start() {
    startPython();
    whenBody(startFlutter);
  }

  if (!workers) {
    start();
    return;
  }
  const taken = new Promise((resolve) =>
    workers.addEventListener("controllerchange", () => resolve(true), { once: true }),
  );
  /** Resolves once the worker in charge of this page has finished taking over (at most `ms` later). */
  const activated = (ms) =>
    atMost(
      new Promise((resolve) => {
        const worker = workers.controller;
        if (!worker || worker.state === "activated") return resolve();
        worker.addEventListener("statechange", () => worker.state === "activated" && resolve());
      }),
      ms,
    );
  /** A moment after the page's load event: the browser fetches the page's icons right after it. */
  const settled = (ms) =>
    new Promise((resolve) => {
      const later = () => setTimeout(resolve, ms);
      if (document.readyState === "complete") later();
      else window.addEventListener("load", later, { once: true });
    });
  (async () => {
    try {
      const registration = await workers.register("sw.js", { updateViaCache: "none" });
      if (workers.controller && registration.waiting) {
        // The new version takes over before anything starts, and this page is loaded again from it; but never
        // before it is in charge (decision 35). Chromium switches only once the old worker has nothing to do: asked,
        // it stops an idle old worker at once, but one that a request then starts again (the browser fetches the
        // page's icons just after its load event) only after 30 s without requests. A page load begun meanwhile is
        // answered by the old worker, which can be stopped under it: that load never ends (a page that never
        // comes). So: ask once the page's loads are done, make no request, reload only once the switch is made.
        await settled(SETTLE_MS);
        registration.waiting.postMessage("activate");
        if (await atMost(taken, SWITCH_MS)) {
          await activated(SWITCH_MS);
          window.location.reload();
          return;
        }
        // Not in time (something kept the old worker busy): this version starts as it is, never a blank page.
        console.warn("Calf Check: the new version has not taken over yet; starting this one");
      }
      const renderer = workers.controller ? keepRenderer() : undefined;
      if (workers.controller && (await servedRelease()) !== ownRelease && reloadOnce(ownRelease)) {
        // This page is of another version than the files the worker now serves (the browser switched versions
        // while the page was loading): load the page of the version in charge before anything starts.
        window.location.reload();
        return;
      }
      if (!workers.controller && !registration.active) {
        // The first visit: the worker takes this page over within a fraction of a second.
        await atMost(taken, 5000);
      }
      await renderer;
    } catch (error) {
      console.warn("Calf Check: no offline cache", error);
    }
    start();
    // Once the app is drawn, keep the rest of its files (other languages' fonts, ...) for offline use.
    window.addEventListener(
      "flutter-first-frame",
      () => setTimeout(async () => (await workers.ready).active?.postMessage("precache"), 2000),
      { once: true },
    );
  })();
})();
