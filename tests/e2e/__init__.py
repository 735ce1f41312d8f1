"""Browser tests: the served app in headless Chromium emulating a phone."""
