"""Reusable pieces of the screens: layout, app bar, call buttons, notes, level cards, answers, illustrated steps."""
