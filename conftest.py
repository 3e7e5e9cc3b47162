"""Shared pytest configuration for the core and plugin suites."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
# Nightly fuzzing of hostile input (tests/test_fuzz.py and every property):
#   python -m pytest --hypothesis-profile=fuzz tests/test_fuzz.py
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
