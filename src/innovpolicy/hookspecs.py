"""Hook specifications for jurisdiction plugins.

A plugin is any module or object with an ``innovpolicy_layer`` function marked
with :data:`innovpolicy.hookimpl`, registered under the entry-point group
``innovpolicy``::

    [project.entry-points.innovpolicy]
    qinghai = "innovpolicy_qinghai"
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
