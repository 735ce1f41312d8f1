"""Unit tests of the UI: state, storage, routing and every screen, built without a browser."""
