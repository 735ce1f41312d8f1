"""Calf pain and leg cramp self-check."""
