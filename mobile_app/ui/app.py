"""Placeholder Calf Check UI: a heading and a button, to be replaced by the real app."""

import flet as ft


async def main(page: ft.Page) -> None:
    """Show a minimal page so the server and browser tests have something to render."""
    page.title = "Calf Check"
    page.add(
        ft.SafeArea(
            content=ft.Column(
                controls=[
                    ft.Text("Calf check", theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM),
                    ft.Button(content="Start"),
                ],
            ),
        )
    )
