"""What ``load()`` imports: only the plugins on the requested chain; what ``import
innovpolicy`` imports: only what loading and evaluating need (issue 12)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from typing import Any

import pytest

import innovpolicy
from innovpolicy import Document, Layer, hookimpl
from innovpolicy._loading import entry_points
from innovpolicy.exceptions import PluginError, UnknownJurisdictionError

DOC = Document("town-1", "某镇〔2021〕1号", "某镇办法", "Town measures", "某镇", date(2021, 1, 1))


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter imports to run *code* (beyond its own start-up)."""
    script = (
        "import sys\nbefore = set(sys.modules)\n"
        f"{code}\n"
        "import json\nprint(json.dumps(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_load_imports_only_the_plugins_on_the_chain() -> None:
    modules = _modules_after("import innovpolicy; innovpolicy.load('xining')")
    assert {"innovpolicy_qinghai", "innovpolicy_xining"} <= modules
    installed = {ep.value.split(".")[0] for ep in entry_points(group="innovpolicy")}
    assert "innovpolicy_example_county" in installed  # installed, but not on xining's chain
    assert not {m for m in modules if m.startswith("innovpolicy_example_county")}
    # the county's TOML twin is not read, so neither the TOML reader nor tomllib is imported
    assert not {"innovpolicy._toml_layers", "tomllib"} & modules


def test_import_innovpolicy_leaves_out_what_load_and_evaluate_do_not_need() -> None:
    modules = _modules_after("import innovpolicy")
    lazy = {
        "innovpolicy.authoring",
        "innovpolicy._entities",
        "innovpolicy._lifecycle",
        "innovpolicy._toml_layers",
        "innovpolicy._render",
        "innovpolicy._gaps",
        "innovpolicy.finder",
        "innovpolicy.schema",
        "innovpolicy.screening",
        "innovpolicy.server",
        "innovpolicy.dask",
        "tomllib",
        "difflib",
        "importlib.metadata",
        "email",
        "socket",
        "urllib",
        "zipfile",
        "pathlib",
    }
    assert not lazy & modules
    # the lazy names are still there, as attributes and to `from innovpolicy import ...`
    modules = _modules_after(
        "import innovpolicy\n"
        "from innovpolicy import Enterprise, authoring\n"
        "assert innovpolicy.Patent.kind == 'patent' and authoring.Deadline\n"
        "assert {'Enterprise', 'authoring'} <= set(dir(innovpolicy))"
    )
    assert {"innovpolicy._entities", "innovpolicy.authoring"} <= modules
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        innovpolicy.no_such_name  # noqa: B018


def test_the_lazy_attributes_are_the_classes_themselves() -> None:
    from innovpolicy import _entities, authoring

    assert innovpolicy.Enterprise is _entities.Enterprise
    assert innovpolicy.TechnologyContract is _entities.TechnologyContract
    assert innovpolicy.authoring is authoring
    assert set(innovpolicy.__all__) <= set(dir(innovpolicy))


class _EntryPoint:
    """An installed entry point whose loading is recorded."""

    def __init__(self, name: str, loaded: list[str], plugin: object = None) -> None:
        self.name = name
        self.value = f"fake_{name.replace('-', '_')}"
        self.plugin = plugin
        self.loaded = loaded

    def load(self) -> Any:
        self.loaded.append(self.name)
        if self.plugin is None:
            raise ImportError(f"No module named {self.value!r}")
        return self.plugin


class _Plugin:
    def __init__(self, layer: Layer) -> None:
        self.layer = layer

    @hookimpl
    def innovpolicy_layer(self) -> Layer:
        return self.layer


def _install(monkeypatch: pytest.MonkeyPatch, *extra: _EntryPoint) -> list[str]:
    """The real entry points (recorded when loaded) plus *extra*; the list of loads."""
    loaded: list[str] = []
    real = list(entry_points(group="innovpolicy"))

    class Recorded(_EntryPoint):
        def __init__(self, ep: Any) -> None:
            super().__init__(ep.name, loaded)
            self.value, self.ep = ep.value, ep

        def load(self) -> Any:
            loaded.append(self.name)
            return self.ep.load()

    for ep in extra:
        ep.loaded = loaded
    eps = [*(Recorded(ep) for ep in real), *extra]
    monkeypatch.setattr("innovpolicy._loading.entry_points", lambda group: eps)
    return loaded


def _town(code: str = "town", parent: str = "xining") -> Layer:
    return Layer(code, "某镇", "A town", parent=parent, documents=(DOC,), level="county")


def test_a_broken_plugin_off_the_chain_is_not_even_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = _EntryPoint("broken-county", [])
    loaded = _install(monkeypatch, broken)
    xining = innovpolicy.load("xining")
    assert xining.layers == ("qinghai", "xining")
    assert loaded == ["xining", "qinghai"]
    # listing every jurisdiction still imports every plugin and names the broken one
    assert "broken-county" not in innovpolicy.available()
    assert "broken-county" in loaded
    with pytest.raises(PluginError, match="could not be loaded") as info:
        innovpolicy.load("broken-county")
    assert info.value.plugin == "broken-county"


def test_a_plugin_whose_entry_point_is_not_its_code_is_still_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the entry point "town-plugin" provides jurisdiction "town": no entry point bears
    # the code, so every plugin is imported to find it
    loaded = _install(monkeypatch, _EntryPoint("town-plugin", [], _Plugin(_town())))
    town = innovpolicy.load("town")
    assert town.layers == ("qinghai", "xining", "town")
    assert "town-plugin" in loaded and "example-county" in loaded


def test_an_entry_point_named_by_a_code_but_providing_another_is_not_trusted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the entry point "town" provides "village"; the real "town" is the entry point
    # "town-plugin": the chain-only path notices the mismatch and collects every plugin
    _install(
        monkeypatch,
        _EntryPoint("town", [], _Plugin(_town("village"))),
        _EntryPoint("town-plugin", [], _Plugin(_town("town"))),
    )
    assert innovpolicy.load("town").layers == ("qinghai", "xining", "town")
    assert innovpolicy.load("village").layers == ("qinghai", "xining", "village")


def test_a_parent_provided_under_another_entry_point_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _install(
        monkeypatch,
        _EntryPoint("village", [], _Plugin(_town("village", parent="town"))),
        _EntryPoint("town-plugin", [], _Plugin(_town("town"))),
    )
    village = innovpolicy.load("village")
    assert village.layers == ("qinghai", "xining", "town", "village")


def test_two_installed_plugins_with_one_code_are_still_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two entry points named "town" (different values): both are imported and, as both
    # provide "town", both are refused, as before
    first = _EntryPoint("town", [], _Plugin(_town()))
    second = _EntryPoint("town", [], _Plugin(_town()))
    second.value = "fake_town_again"
    _install(monkeypatch, first, second)
    with pytest.raises(PluginError, match="also provided by"):
        innovpolicy.load("town")


def test_a_broken_parent_on_the_chain_fails_its_children_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _install(
        monkeypatch,
        _EntryPoint("town", []),  # fails to import
        _EntryPoint("village", [], _Plugin(_town("village", parent="town"))),
    )
    with pytest.raises(PluginError, match="its parent 'town' is broken") as info:
        innovpolicy.load("village")
    assert info.value.plugin == "village"
    assert innovpolicy.load("xining").code == "xining"


def test_an_extra_plugin_on_top_of_the_installed_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _install(monkeypatch)
    town = innovpolicy.load("town", extra_plugins=[_town()])
    assert town.layers == ("qinghai", "xining", "town")
    assert loaded == ["xining", "qinghai"]
    # an extra plugin taking an installed code clashes with it, as before
    with pytest.raises(PluginError, match="also provided by"):
        innovpolicy.load("xining", extra_plugins=[_town("xining", parent="qinghai")])
    with pytest.raises(UnknownJurisdictionError):
        innovpolicy.load("no-such-town", extra_plugins=[_town()])


def test_a_parent_cycle_among_installed_plugins_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _install(
        monkeypatch,
        _EntryPoint("town", [], _Plugin(_town("town", parent="village"))),
        _EntryPoint("village", [], _Plugin(_town("village", parent="town"))),
    )
    with pytest.raises(PluginError, match="parent cycle"):
        innovpolicy.load("village")


def test_the_load_time_checks_dispatch_as_an_isinstance_chain_would() -> None:
    from innovpolicy import _checks
    from innovpolicy._criteria import Fact

    for table in (_checks._EXPR_BRANCHES, _checks._NODE_BRANCHES):
        classes = [cls for cls, _branch in table]
        for cls in classes:
            assert [other for other in classes if issubclass(cls, other)] == [cls]
            assert _checks._branch_of(cls, table) is dict(table)[cls]

    class Custom(Fact):  # a subclass defined elsewhere
        pass

    assert _checks._branch_of(Custom, _checks._EXPR_BRANCHES) is _checks._Checker._kind_fact
    assert _checks._branch_of(str, _checks._EXPR_BRANCHES) is None
