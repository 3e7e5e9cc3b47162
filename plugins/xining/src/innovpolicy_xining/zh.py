"""Chinese of this layer's criterion labels, amount steps and readings (keyed by the
English text) and of its fact meanings (keyed by fact name)."""

from __future__ import annotations

LABELS: dict[str, str] = {}

MEANINGS: dict[str, str] = {}
