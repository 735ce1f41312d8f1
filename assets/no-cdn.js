// Two small patches of Flet's web client, loaded before it (one file: one request).
//
// 1. Keeps the client off CDNs: the client (flet_web 1.0.5) loads the Rive animation runtime from
// cdn.jsdelivr.net even when served with no_cdn. Script URLs under that prefix are rewritten to the
// local stand-in in rive/ (relative to the page's <base href>), before any script element loads.
(() => {
  const riveCdn = /^https:\/\/cdn\.jsdelivr\.net\/npm\/@rive-app\/flutter-native-wasm@[^/]+\//;
  const riveLocal = new URL("rive/", document.baseURI).href;
  const rewrite = (url) => (typeof url === "string" ? url.replace(riveCdn, riveLocal) : url);

  const src = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, "src");
  Object.defineProperty(HTMLScriptElement.prototype, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get() {
      return src.get.call(this);
    },
    set(url) {
      src.set.call(this, rewrite(url));
    },
  });

  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    const isScriptSrc = this instanceof HTMLScriptElement && String(name).toLowerCase() === "src";
    return setAttribute.call(this, name, isScriptSrc ? rewrite(value) : value);
  };
})();

// 2. A chosen file bigger than any diary file is never read by the page (issue 17). The file picker reads the
// whole file and sends it to the server; a 50 MB file took the connection down with no word. The picker's input
// element is not in the document, so its `files` are patched where every input gets them: a list holding such a
// file reads as a list of one stand-in of a few bytes, which the app recognises (mobile_app/ui/controller.py,
// TOO_BIG_MARKER) and answers with "This file is too big to be a diary file".
// MAX_FILE_BYTES is mobile_app/followup/diary.py's (tests/ui/test_served_safety.py checks that they agree).
(() => {
  const MAX_FILE_BYTES = 5000000;
  const files = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "files");
  const standIns = new WeakMap();
  Object.defineProperty(HTMLInputElement.prototype, "files", {
    configurable: true,
    enumerable: files.enumerable,
    get() {
      const chosen = files.get.call(this);
      if (!chosen || this.type !== "file") return chosen;
      const big = Array.from(chosen).find((file) => file.size > MAX_FILE_BYTES);
      if (!big) return chosen;
      if (!standIns.has(chosen)) {
        const text = `{"calf_check_file_too_big": ${big.size}}`;
        const list = new DataTransfer();
        list.items.add(new File([text], big.name, { type: "application/json" }));
        standIns.set(chosen, list.files);
      }
      return standIns.get(chosen);
    },
    set(value) {
      files.set.call(this, value);
    },
  });
})();
