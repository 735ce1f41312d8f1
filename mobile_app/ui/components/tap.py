"""What a screen reader finds on a button: one node, named by the words on it (issue 14).

A Flet `Semantics` with an identifier is always a node of its own, so a `Semantics(identifier=..., button=True)`
around a button was read as a button holding a button with the same name, and a tooltip given to an icon button
named the wrapper instead of the button. `MergeSemantics` around the wrapper makes the two one node: role button
(from the button), name (the button's words, or an icon button's tooltip), identifier and selected state (from the
wrapper). Measured in Chromium on Flet 1.0.5's web client: one `flt-semantics role="button"` carrying
`flt-semantics-identifier`, with the words as its text; a pointer tap and a screen reader's click both reach the
button's handler. A `label` on the wrapper would be said before the words (merged labels are joined), so the
name comes from the button's own text (`ft.Text(semantics_label=...)` where the words alone are too short, as on
the app bar's "911").

Show and hide the node this returns, never the `Semantics` inside it: a hidden child of a shown merge node still
takes a place (and the spacing around it) in a column."""

from __future__ import annotations

import flet as ft


def one_node(semantics: ft.Semantics, *, visible: bool = True) -> ft.MergeSemantics:
    """`semantics` and the button in it as one node for screen readers."""
    return ft.MergeSemantics(content=semantics, visible=visible)


def tap_target(
    identifier: str | None, button: ft.Control, *, selected: bool | None = None, visible: bool = True
) -> ft.MergeSemantics:
    """A button with a stable identifier (for tests and assistive tech) and, for a choice, whether it is chosen."""
    return one_node(ft.Semantics(identifier=identifier, content=button, selected=selected), visible=visible)

