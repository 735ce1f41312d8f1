"""Entry point for `flet build`: runs the Calf Check UI."""

import flet as ft

from mobile_app.ui.app import main

if __name__ == "__main__":
    ft.run(main)
