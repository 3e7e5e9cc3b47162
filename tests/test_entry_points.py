"""The entry-point reader gives what importlib.metadata gives (``_entry_points``)."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovpolicy import _entry_points
from innovpolicy._entry_points import EntryPoint, entry_points


def _both(group: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    ours = [(ep.name, ep.value, ep.group) for ep in entry_points(group=group)]
    theirs = [(ep.name, ep.value, ep.group) for ep in importlib.metadata.entry_points(group=group)]
    return ours, theirs


@pytest.mark.parametrize(
    "group", ["innovpolicy", "console_scripts", "pytest11", "hypothesis", "no-such-group"]
)
def test_the_installed_environment(group: str) -> None:
    ours, theirs = _both(group)
    assert ours == theirs
    if group == "innovpolicy":
        assert {"qinghai", "xining"} <= {name for name, _value, _group in ours}


def _dist(root: Path, folder: str, entry_points_txt: str | None) -> None:
    path = root / folder
    path.mkdir(parents=True)
    name = folder.split("-")[0].split(".")[0]
    (path / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1\n")
    if entry_points_txt is not None:
        (path / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")


@pytest.fixture
def made_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two folders put first on sys.path, holding made-up distributions."""
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "alpha-1.0.dist-info",
        "# a comment\n[console_scripts]\nalpha = alpha:main\n\n"
        "[innovpolicy]\n  town = alpha_town  \ncity=alpha_city:plugin.hook [extra]\n",
    )
    _dist(first, "beta_pkg-2.0.dist-info", "[innovpolicy]\n; not a comment here = kept\n")
    _dist(first, "gamma.egg-info", "[innovpolicy]\ngamma = gamma_mod\n[other]\nx = y\n")
    _dist(first, "no_eps-1.0.dist-info", None)
    _dist(first, "Delta.Pkg-3.0.dist-info", "[[innovpolicy]]\ndelta = delta_mod\n")
    # the same distribution again, later on sys.path: importlib.metadata keeps the first
    _dist(second, "Alpha-0.9.dist-info", "[innovpolicy]\nold-town = old_alpha\n")
    _dist(second, "epsilon-1.0.dist-info", "[innovpolicy]\nepsilon = eps\n")
    monkeypatch.setattr(sys, "path", [str(first), str(second), *sys.path])
    importlib.invalidate_caches()
    return first, second


def test_made_up_distributions(made_up: tuple[Path, Path]) -> None:
    ours, theirs = _both("innovpolicy")
    assert ours == theirs
    names = {name for name, _value, _group in ours}
    assert {"town", "city", "; not a comment here", "gamma", "delta", "epsilon"} <= names
    assert "old-town" not in names  # the first Alpha on sys.path wins
    assert ("city", "alpha_city:plugin.hook [extra]", "innovpolicy") in ours
    assert _both("console_scripts")[0] == _both("console_scripts")[1]


def test_unusual_environments_are_left_to_importlib_metadata(
    made_up: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = importlib.metadata.entry_points

    def spy(**params: Any) -> Any:
        calls.append(params["group"])
        return real(**params)

    monkeypatch.setattr(importlib.metadata, "entry_points", spy)
    # a zip file on sys.path
    archive = tmp_path / "wheel.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("zeta-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zeta\n")
        zf.writestr("zeta-1.0.dist-info/entry_points.txt", "[innovpolicy]\nzeta = zeta_mod\n")
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    found = [ep.name for ep in entry_points(group="innovpolicy")]
    assert calls == ["innovpolicy"] and "zeta" in found
    monkeypatch.setattr(sys, "path", sys.path[:-1])

    # a distribution finder of its own on sys.meta_path
    class Finder:
        def find_spec(self, *args: Any) -> None:
            return None

        def find_distributions(self, *args: Any) -> list[Any]:
            return []

    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert "town" in [ep.name for ep in entry_points(group="innovpolicy")]
    assert calls == ["innovpolicy", "innovpolicy"]


def test_a_malformed_entry_points_file_fails_as_importlib_metadata_does(
    made_up: tuple[Path, Path],
) -> None:
    first, _second = made_up
    _dist(first, "broken-1.0.dist-info", "[console_scripts]\nno equals sign\n")
    with pytest.raises(Exception) as theirs:
        list(importlib.metadata.entry_points(group="innovpolicy"))
    with pytest.raises(type(theirs.value)):
        list(entry_points(group="innovpolicy"))


def test_an_entry_point_loads_a_module_or_an_attribute() -> None:
    module = EntryPoint("x", "innovpolicy._entry_points", "g").load()
    assert module is _entry_points
    attribute = EntryPoint("x", "innovpolicy._entry_points : EntryPoint.load [extra]", "g")
    assert attribute.load() is EntryPoint.load
    assert "name='x'" in repr(attribute)
    with pytest.raises(ValueError, match="malformed entry point"):
        EntryPoint("x", "not a value!", "g").load()


@given(st.text(alphabet="aB_-.9é", max_size=12))
def test_names_are_normalized_as_importlib_metadata_does(name: str) -> None:
    from importlib.metadata import Prepared  # type: ignore[attr-defined]

    assert _entry_points._normalize(name) == Prepared.normalize(name)


@pytest.mark.parametrize(
    ("value", "module", "attr"),
    [
        ("innovpolicy._entry_points", "innovpolicy._entry_points", ""),
        ("innovpolicy._entry_points:EntryPoint", "innovpolicy._entry_points", "EntryPoint"),
        (
            "innovpolicy._entry_points: EntryPoint.load",
            "innovpolicy._entry_points",
            "EntryPoint.load",
        ),
        ("innovpolicy._entry_points:EntryPoint [x, y]", "innovpolicy._entry_points", "EntryPoint"),
    ],
)
def test_a_value_is_read_as_importlib_metadata_reads_it(value: str, module: str, attr: str) -> None:
    theirs = importlib.metadata.EntryPoint("x", value, "g")
    assert (theirs.module, theirs.attr or "") == (module, attr)
    assert EntryPoint("x", value, "g").load() is theirs.load()
