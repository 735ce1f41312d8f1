"""The Flet UI: screens, components, session state and persistence over the rules core."""
