"""Sphinx configuration of the innovpolicy site (one file for both languages).

Do not run sphinx-build on this directory by hand: ``python -m innovpolicy._site build``
stages the sources (the guide from docs/*.md, the generated rule explorer, API and CLI
pages) and builds English and Chinese, passing ``-D language=en`` or ``zh_CN``.
"""

from __future__ import annotations

project = "innovpolicy"
author = "innovpolicy contributors"
copyright = "innovpolicy contributors"

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_theme = "furo"
html_title = "innovpolicy"
html_copy_source = False
html_show_sourcelink = False
# A non-empty announcement makes furo render the header bar our page.html fills with
# the language switch.
html_theme_options = {"announcement": "innovpolicy"}

myst_enable_extensions = ["colon_fence", "deflist"]
# Links to headings at any depth (guide pages link to each other's sections).
myst_heading_anchors = 6

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "separated"
autodoc_default_options = {"undoc-members": True, "show-inheritance": True}
# Objects (every class, method, attribute) would otherwise become table-of-contents
# entries, and furo copies the whole tree into every page: the build gets several times
# slower for a sidebar nobody reads. Modules stay in the page contents of the API page.
toc_object_entries = False

# A code block whose text the named lexer cannot fully tokenise (a shell session with
# program output under ```sh) is still shown, highlighted leniently; that is not an
# error of the documentation, so it does not fail the warnings-as-errors build.
suppress_warnings = ["misc.highlighting_failure"]
