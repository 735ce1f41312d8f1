"""Entry point for `flet build` and for the browser build (tools/build_pwa.py): runs the Calf Check UI."""

import contextlib

import flet as ft

from mobile_app.ui.app import engine, main

if __name__ == "__main__":
    # Load and check the content before the first session asks for it: in the browser build this runs while the
    # web client is still starting (tools/pwa/boot.js starts Python beside it). Content that fails here fails again
    # in the session, which then shows its plain fallback screen (mobile_app/ui/fallback.py).
    with contextlib.suppress(Exception):
        engine()
    ft.run(main)
