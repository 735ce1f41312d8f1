// Local stand-in for the Rive animation runtime (rive_native.js), which Calf Check does not use.
// The Flutter client calls window.RiveNative() and, when it rejects, treats Rive as unavailable.
window.RiveNative = () => Promise.reject(new Error("The Rive runtime is not bundled with Calf Check."));
