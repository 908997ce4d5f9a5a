"""Helpers for the site's browser tests: a built site in headless Chromium, axe-core and search."""
