"""The screens, one module each; `screens.SCREENS` maps every route to its builder."""
