"""Hook specifications for jurisdiction plugins.

A plugin is any module or object with an ``innovpolicy_layer`` function marked
with :data:`innovpolicy.hookimpl`, registered under the entry-point group
``innovpolicy``::

    [project.entry-points.innovpolicy]
    qinghai = "innovpolicy_qinghai"

A plugin without that hook (or with it unmarked), with another ``innovpolicy_*`` hook
(a misspelling), or with a hook taking arguments fails its load with a
:class:`~innovpolicy.exceptions.PluginError` naming the plugin. A layer written as a
TOML file is returned by ``innovpolicy.authoring.layer_from_toml(path)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from ._rules import Layer

PROJECT = "innovpolicy"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def innovpolicy_layer() -> Layer:  # type: ignore[empty-body]
    """Return the :class:`~innovpolicy.Layer` this plugin contributes.

    The hook takes no arguments and must return a new or immutable value; the
    engine never passes anything a plugin could mutate.
    """
