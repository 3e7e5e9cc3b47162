"""The documentation site: generated pages, a real Sphinx build, links, and a browser check.

The build (both languages, warnings as errors) runs once per module. The browser check
serves the built site on 127.0.0.1 and opens pages in headless Chromium (the Debian
``chromium`` package, which ``.ci/run`` installs); without Chromium it is skipped,
unless ``INNOVPOLICY_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import functools
import html
import http.server
import inspect
import os
import re
import shutil
import struct
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import innovpolicy
from innovpolicy import _site, exceptions
from innovpolicy.__main__ import _parser

XINING = innovpolicy.load("xining")

# myst-parser still uses an attribute Sphinx 9 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*Check CHANGES for Sphinx API modifications")


# ---------------------------------------------------------------- without building


def test_markdown_escaping_keeps_legal_text_literal() -> None:
    assert _site.md("a*b_c [d] <e> |f|") == r"a\*b\_c \[d\] \<e\> \|f\|"
    assert _site.md("  两行\n文本 ") == "两行 文本"
    assert _site.code("x `y`") == "`` x `y` ``"


def test_wrapped_chinese_lines_are_joined_outside_code() -> None:
    text = "直到编写\n自己的插件\n  续行\n\n```python\n中文\n中文\n```\n| 表 |\n| 格 |\n- 项\n"
    assert _site.join_cjk_lines(text) == (
        "直到编写自己的插件续行\n\n```python\n中文\n中文\n```\n| 表 |\n| 格 |\n- 项\n"
    )


def test_guide_links_point_at_site_pages() -> None:
    text = "[a](catalog.md) [b](api.md#x) [c](sources/qbz-2020-76.md) [d](testing.md) [e](https://e.org)"
    fixed = _site._rewrite_links(text, "../")
    assert "](../explorer/index.md)" in fixed
    assert "](../reference/index.md)" in fixed
    assert "](../explorer/documents/qbz-2020-76.md)" in fixed
    assert "](testing.md)" in fixed
    assert "](https://e.org)" in fixed
    assert "](../repository.md)" in _site._rewrite_links("[x](examples/example_county)", "../")
    # An English page in the Chinese site links to a translated page without its anchor.
    assert _site._rewrite_links("[g](index.md#3-write)", "../", ["index"]) == "[g](index.md)"
    assert _site._rewrite_links("[g](index.md#3-write)", "../") == "[g](index.md#3-write)"


def test_every_result_json_field_is_described() -> None:
    emitted: set[str] = set()
    explorer = _site.Explorer(XINING, _site.repo_root())
    for rule_id in XINING.rule_ids():
        emitted.update(explorer.example(rule_id).result.to_dict())
    assert emitted <= set(_site.RESULT_FIELDS), emitted - set(_site.RESULT_FIELDS)
    assert set(_site.result_fields(explorer)) >= emitted
    assert {"rule_id", "status", "citation", "criteria", "amount", "shares"} <= emitted


def test_worked_examples_are_decided_where_the_firm_or_a_scenario_decides() -> None:
    explorer = _site.Explorer(XINING, _site.repo_root())
    tbe = explorer.example("QH-TBE")
    # QH-TBE ended 2019-12-31: the example date moves into its window and the firm decides.
    assert tbe.result.on <= innovpolicy.Jurisdiction.rule(XINING, "QH-TBE").valid_to  # type: ignore[operator]
    assert tbe.result.status.value in ("eligible", "ineligible")
    for rule_id in XINING.rule_ids():
        example = explorer.example(rule_id)
        assert example.result.status.value != "not_in_force", rule_id
        if example.how == "scenario":
            assert example.result.status.value == example.expected, rule_id


def test_api_page_documents_every_public_module() -> None:
    modules = _site.public_modules()
    names = [name for name, why in modules if not why]
    assert {"innovpolicy", "innovpolicy.authoring", "innovpolicy.exceptions"} <= set(names)
    text = _site.api_rst(modules, "en")
    for name in names:
        assert f".. automodule:: {name}" in text


def test_internal_link_checker_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<a href="b.html#here">ok</a><a href="b.html#gone">x</a><a href="c.html">x</a>'
        '<a href="https://example.org/">external</a>',
        "utf-8",
    )
    (tmp_path / "b.html").write_text('<h1 id="here">b</h1>', "utf-8")
    problems = _site.broken_links(tmp_path)
    assert problems == ["a.html: b.html#gone has no such anchor", "a.html: c.html does not exist"]


# Guide pages translated into docs/zh/ that must stay in step with their English page.
TRANSLATED = ("limits", "finder", "county-toml", "screening")
DOCS = _site.repo_root() / "docs"
_CJK = re.compile("[\u4e00-\u9fff]")


def _outside_fences(text: str) -> str:
    return re.sub(r"(?ms)^```.*?^```[ \t]*$", "", text)


def _heading_levels(text: str) -> list[int]:
    return [len(m.group(1)) for m in re.finditer(r"(?m)^(#+) ", _outside_fences(text))]


@pytest.mark.parametrize("name", TRANSLATED)
def test_translated_page_keeps_the_english_structure(name: str) -> None:
    english = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    chinese = (DOCS / "zh" / f"{name}.md").read_text(encoding="utf-8")
    # Same sections at the same levels: a section added in English shows up here.
    assert _heading_levels(chinese) == _heading_levels(english), f"docs/zh/{name}.md"
    for heading in re.findall(r"(?m)^#+ (.*)$", _outside_fences(chinese)):
        assert _CJK.search(heading) or heading.strip("0123456789. ") in ("JSON", "HTTP"), heading
    # Code and commands are not translated: every fenced block keeps its text, except
    # the comments, which the translation puts in Chinese.
    fences = re.compile(r"(?ms)^```(\w*)\n(.*?)^```[ \t]*$")

    def code(text: str) -> list[tuple[str, str]]:
        blocks = [
            (info, re.sub(r"(?m)(^|\s)# .*$", "", body)) for info, body in fences.findall(text)
        ]
        if name == "finder":  # the two sample outputs are checked against the engine below
            outputs = [i for i, (info, _) in enumerate(blocks) if info == "text"][:2]
            blocks = [block for i, block in enumerate(blocks) if i not in outputs]
        return blocks

    assert code(chinese) == code(english), f"docs/zh/{name}.md changed code"


def test_chinese_finder_examples_are_the_checked_ones() -> None:
    """The schema-marked JSON examples (validated by tests/test_schema.py from the English
    page) are the same in the Chinese page, and its sample output is the engine's."""
    marked = re.compile(r"<!-- schema: ([A-Za-z0-9 _-]+) -->\n```json\n(.*?)```", re.S)
    english = (DOCS / "finder.md").read_text(encoding="utf-8")
    chinese = (DOCS / "zh" / "finder.md").read_text(encoding="utf-8")
    assert marked.findall(chinese) == marked.findall(english)
    assert len(re.findall(r"```json\n", chinese)) == len(marked.findall(chinese))
    summary = XINING.find(
        {
            "achievements_transformed": 2,
            "transaction_volume": "15000000",
            "newly_recognised_national_incubator": True,
            "district": "城西区",
        },
        on="2021-06-30",
        subject="platform",
        rule_ids=["QH20-PLATFORM", "XN20-INCUBATOR", "XN20-PILOT"],
    )
    expected = [summary.render() + "\n", summary.render(lang="zh") + "\n"]
    for page in (english, chinese):  # both pages show the engine's own output
        assert re.findall(r"(?ms)^```text\n(.*?)^```", page)[:2] == expected


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site.build(tmp_path_factory.mktemp("site"))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _ids(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', _text(page)))


@pytest.mark.site
def test_site_has_no_broken_internal_link(site: Path) -> None:
    assert _site.broken_links(site) == []


@pytest.mark.site
def test_reference_covers_every_public_name_and_method(site: Path) -> None:
    ids = _ids(site / "en" / "reference" / "api.html")
    for name in innovpolicy.__all__:
        obj = getattr(innovpolicy, name)
        anchor = f"module-innovpolicy.{name}" if inspect.ismodule(obj) else f"innovpolicy.{name}"
        assert anchor in ids, f"{name} is missing from the API reference"
    for cls in (innovpolicy.Jurisdiction, innovpolicy.Result):
        for name, _value in inspect.getmembers(cls):
            if name.startswith("_") or name not in vars(cls):
                continue
            assert f"innovpolicy.{cls.__name__}.{name}" in ids, f"{cls.__name__}.{name}"
    for name in exceptions.__all__:
        assert f"innovpolicy.exceptions.{name}" in ids
    cli = _text(site / "en" / "reference" / "cli.html")
    for action in _parser()._subparsers._group_actions:  # type: ignore[union-attr]
        for command in action.choices:  # type: ignore[union-attr]
            assert f"innovpolicy {command}" in cli
    json_page = _text(site / "en" / "reference" / "json.html")
    for field in _site.result_fields(_site.Explorer(XINING, _site.repo_root())):
        assert (
            f'<code class="docutils literal notranslate"><span class="pre">{field}</span>'
            in json_page
        )


@pytest.mark.site
def test_every_rule_and_document_has_a_page_in_both_languages(site: Path) -> None:
    for lang in _site.LANGUAGES:
        for rule_id in XINING.rule_ids():
            page = _text(site / lang / "explorer" / "rules" / f"{rule_id}.html")
            rule = XINING.rule(rule_id)
            assert html.escape(rule.citation.document.number) in page, (lang, rule_id)
            assert rule.title_zh in page
        for _code, doc in XINING.documents():
            assert (site / lang / "explorer" / "documents" / f"{doc.key}.html").is_file()
    zh = _text(site / "zh" / "explorer" / "rules" / "QH-TBE.html")
    assert "判定条件" in zh and "计算示例" in zh and 'lang="zh-CN"' in zh
    en = _text(site / "en" / "explorer" / "rules" / "QH-TBE.html")
    assert "Criteria" in en and "Worked example" in en


@pytest.mark.site
def test_rule_pages_show_every_dated_parameter_value(site: Path) -> None:
    page = _text(site / "en" / "explorer" / "rules" / "QH20-RD-SUBSIDY.html")
    for rule in XINING.versions("QH20-RD-SUBSIDY"):
        for key in rule.param_keys():
            for _layer, parameter, _override in _site.Explorer(
                XINING, _site.repo_root()
            ).parameters(key):
                for dated in parameter.values:
                    assert str(dated.valid_from) in page
                    assert html.escape(dated.citation.article) in page


@pytest.mark.site
def test_parameters_page_lists_every_parameter_with_its_history(site: Path) -> None:
    for lang in _site.LANGUAGES:
        page = _text(site / lang / "explorer" / "parameters.html")
        for layer in XINING.chain:
            for parameter in (*layer.parameters, *layer.overrides):
                assert parameter.key in page, (lang, parameter.key)
                for dated in parameter.values:
                    assert dated.window().split("..")[0] in page


@pytest.mark.site
def test_chinese_guide_is_a_translation(site: Path) -> None:
    guide = _text(site / "zh" / "guide" / "index.html")
    assert "指南" in guide and "插件" in guide
    home = _text(site / "zh" / "index.html")
    assert "规则浏览" in home


@pytest.mark.site
@pytest.mark.parametrize("name", TRANSLATED)
def test_translated_guide_pages_are_served_in_chinese(site: Path, name: str) -> None:
    page = _text(site / "zh" / "guide" / f"{name}.html")
    assert "本页尚无中文译文" not in page
    assert 'lang="zh-CN"' in page
    title = (DOCS / "zh" / f"{name}.md").read_text(encoding="utf-8").partition("\n")[0]
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert h1 is not None
    shown = html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).rstrip("¶ \n")
    assert shown == title.removeprefix("# ") and _CJK.search(shown), shown
    # The English page in the Chinese site is the fallback only for untranslated pages.
    english_title = (DOCS / f"{name}.md").read_text(encoding="utf-8").partition("\n")[0]
    assert f"<h1>{html.escape(english_title.removeprefix('# '))}" not in page


@pytest.mark.site
def test_untranslated_guide_pages_say_so_in_chinese(site: Path) -> None:
    names = _site._guide_names(_site.repo_root())
    untranslated = [name for name in names if not (DOCS / "zh" / f"{name}.md").is_file()]
    for name in names:
        page = _text(site / "zh" / "guide" / f"{name}.html")
        assert ("本页尚无中文译文" in page) == (name in untranslated), name


# ---------------------------------------------------------------- the browser check


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("INNOVPOLICY_REQUIRE_BROWSER") == "1":
        pytest.fail("headless Chromium is required (INNOVPOLICY_REQUIRE_BROWSER=1) but not found")
    pytest.skip("chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _headless(browser: str, *args: str) -> str:
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1280,1000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )
    return done.stdout


def _png_is_blank(path: Path) -> bool:
    """True when every pixel of the (8-bit, non-interlaced) PNG has the same colour."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8, depth
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for row in range(height):
        offset = row * (stride + 1)
        kind, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upleft = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else upleft
                line[i] = (line[i] + pred) & 0xFF
        if row % 25 == 0:
            colours.update(bytes(line[i : i + channels]) for i in range(0, stride, channels * 7))
            if len(colours) > 1:
                return False
        previous = line
    return len(colours) <= 1


@pytest.mark.site
def test_pages_render_in_headless_chromium(site: Path, served: str, tmp_path: Path) -> None:
    browser = _chromium()
    tbe = XINING.rule("QH-TBE")
    pages = {
        "home": ("en/index.html", ["Rule explorer", "API reference"]),
        "rule": (
            "en/explorer/rules/QH-TBE.html",
            [tbe.citation.document.number, tbe.citation.wording, "Worked example"],
        ),
        "api": ("en/reference/api.html", ["evaluate_all", "to_dict", "Jurisdiction"]),
        "rule-zh": ("zh/explorer/rules/QH-TBE.html", [tbe.citation.wording, "判定条件"]),
        "guide-zh": (
            "zh/guide/county-toml.html",
            ["用 TOML 编写县级变体", "技术合同买方补贴在本县范围内最高不超过15万元", "加载时检查"],
        ),
    }
    shots = site / "screenshots"
    shots.mkdir(exist_ok=True)
    for name, (path, required) in pages.items():
        url = urllib.parse.urljoin(served, path)
        dom = _headless(browser, "--dump-dom", url)
        text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>", "", dom)))
        assert len(" ".join(text.split())) > 500, f"{name}: the page is (nearly) blank"
        for needle in required:
            assert needle in text, f"{name}: {needle!r} is not on the rendered page"
        for href in sorted(set(re.findall(r'href="([^"]+)"', dom))):
            target = urllib.parse.urljoin(url, html.unescape(href))
            if not target.startswith(served):
                continue
            try:
                with urllib.request.urlopen(target.partition("#")[0], timeout=10) as response:
                    assert response.status == 200, f"{name}: {href} answers {response.status}"
            except urllib.error.HTTPError as exc:
                pytest.fail(f"{name}: broken internal link {href} ({exc.code})")
        shot = shots / f"{name}.png"
        _headless(browser, f"--screenshot={shot}", url)
        assert shot.is_file() and not _png_is_blank(shot), f"{name}: blank screenshot"
