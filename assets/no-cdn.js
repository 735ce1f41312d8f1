// Keeps Flet's web client off CDNs: the client (flet_web 1.0.5) loads the Rive animation runtime from
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
