"""The entry points of one group, read without importing :mod:`importlib.metadata`.

``import importlib.metadata`` pulls in the email parser, zipfile, pathlib, csv, socket and
more: about a fifth of ``import innovpolicy; innovpolicy.load("xining")``. Entry points
only need the ``entry_points.txt`` file of each ``*.dist-info`` / ``*.egg-info`` folder on
``sys.path``, so this module reads those directly, following the rules of
``importlib.metadata.entry_points(group=...)`` (Python 3.11-3.13): the folders of every
``sys.path`` entry in order, a distribution seen twice counted once (the first one wins,
by its normalized name), the file parsed as ``importlib.metadata`` parses it, and the
entry points returned in the same order.

Whenever the environment holds something this reader does not handle the same way
(a custom distribution finder on ``sys.meta_path``, a zip file on ``sys.path``, a
metadata folder whose name does not give the distribution's name, an unreadable
file), it hands over to :func:`importlib.metadata.entry_points` itself.
``tests/test_entry_points.py`` compares both on the installed environment and on
made-up ones.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from importlib.machinery import PathFinder
from typing import Any, Protocol


@functools.cache
def _value_pattern() -> re.Pattern[str]:
    """importlib.metadata's syntax of an entry point value (compiled when first needed)."""
    return re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


def _dotted(text: str) -> bool:
    """A plain dotted name (``a.b_c``), which the full syntax reads as itself."""
    return text.isascii() and all(part.isidentifier() for part in text.split("."))


class EntryPoint:
    """One entry point (name, value, group), loaded like ``importlib.metadata.EntryPoint``."""

    __slots__ = ("group", "name", "value")

    def __init__(self, name: str, value: str, group: str) -> None:
        self.name = name
        self.value = value
        self.group = group

    def load(self) -> Any:
        """The module named by the value, or the object ``module:attr.attr`` names."""
        module, colon, attr = self.value.partition(":")
        if not (_dotted(module) and (not colon or _dotted(attr))):
            match = _value_pattern().match(self.value)  # spaces or extras: the full syntax
            if match is None:
                raise ValueError(f"malformed entry point value {self.value!r}")
            module, attr = match.group("module"), match.group("attr") or ""
        loaded = importlib.import_module(module)
        return functools.reduce(getattr, filter(None, attr.split(".")), loaded)

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


class EntryPointLike(Protocol):
    """What the loader uses of an entry point (ours, or importlib.metadata's)."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> str: ...

    def load(self) -> Any: ...


class _Unusual(Exception):
    """Something only importlib.metadata handles: use it instead."""


def _normalize(name: str) -> str:
    """PEP 503 normalization with underscores, as importlib.metadata's ``Prepared.normalize``
    (every run of ``-``, ``_`` and ``.`` becomes one ``_``)."""
    name = name.lower().replace("-", "_").replace(".", "_")
    while "__" in name:
        name = name.replace("__", "_")
    return name


def _metadata_folders(entry: str) -> Iterator[tuple[str, str]]:
    """(normalized distribution name, folder path) of one sys.path entry, in lookup order."""
    root = entry or "."
    try:
        children = os.listdir(root)
    except OSError:
        if os.path.isfile(root):
            raise _Unusual(f"{entry!r} is a file (a zip?)") from None
        return  # a missing folder holds no distribution
    if entry.lower().endswith(".egg") and any(c.lower() == "egg-info" for c in children):
        raise _Unusual(f"{entry!r} is an egg folder")
    grouped: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith((".dist-info", ".egg-info")):
            if os.path.splitext(child)[1] not in (".dist-info", ".egg-info"):
                raise _Unusual(f"{child!r}: its name is read from its METADATA")
            name = _normalize(low.rpartition(".")[0].partition("-")[0])
            grouped.setdefault(name, []).append(os.path.join(entry, child))
    for name, folders in grouped.items():
        for folder in folders:
            yield name, folder


def _read(folder: str) -> str:
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise _Unusual(str(exc)) from exc


def _parse(text: str, group: str) -> Iterator[EntryPoint]:
    """The entry points of *group* in one entry_points.txt (importlib.metadata's rules).

    Every line of every section is checked, as importlib.metadata parses them all.
    """
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue  # lines before the first section are ignored
        name, equals, value = line.partition("=")
        if not equals:
            raise _Unusual(f"line {line!r} has no '='")  # importlib.metadata raises
        if section == group:
            yield EntryPoint(name.strip(), value.strip(), group)


def _scan(group: str, paths: Sequence[str]) -> list[EntryPoint]:
    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and finder is not PathFinder:
            raise _Unusual(f"distribution finder {finder!r}")
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in paths:
        if not isinstance(entry, str):
            raise _Unusual(f"sys.path entry {entry!r}")
        for name, folder in _metadata_folders(entry):
            if name in seen:
                continue
            seen.add(name)
            found.extend(_parse(_read(folder), group))
    return found


def entry_points(*, group: str) -> Iterable[EntryPointLike]:
    """Every entry point of *group* installed on ``sys.path``, in importlib.metadata's order."""
    try:
        return _scan(group, list(sys.path))
    except _Unusual:
        from importlib.metadata import entry_points as from_metadata

        return from_metadata(group=group)


__all__ = ["EntryPoint", "EntryPointLike", "entry_points"]
