"""The example county shipped as a declarative layer file through the entry point.

The package carries ``example_county.toml``; this hook reads it, so the layer is
installed and discovered like any Python plugin (entry point ``example-county-toml``).
"""

from __future__ import annotations

from importlib.resources import files

import innovpolicy
from innovpolicy import Layer
from innovpolicy.authoring import layer_from_toml


@innovpolicy.hookimpl
def innovpolicy_layer() -> Layer:
    return layer_from_toml(files(__package__) / "example_county.toml")
