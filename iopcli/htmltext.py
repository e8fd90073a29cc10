"""A saved web page as the text a reader sees: one block a line, table rows tab-separated, `<dt>`
labels beside their `<dd>` values, list items marked, and the site's chrome (navigation, cookie
banners, header and footer) left out, except the site owner's organisationsnummer.
"""
from __future__ import annotations

import html.parser
import re


class _HtmlText(html.parser.HTMLParser):
    """The visible text of a saved web page, laid out as a reader sees it.

    Each block is a line; table cells are tab-separated on one line per row; a `<dt>` label and
    its `<dd>` value stand on one line as `Label: value`; list items start with `– `. Page chrome
    (navigation, cookie banners, breadcrumbs, the site's header and footer, scripts, forms) is left
    out, and when the page has a `<main>` or `<article>` only that is read.
    """

    BLOCKS = {"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
              "main", "ul", "ol", "dl", "title", "blockquote", "pre", "caption", "figcaption", "address"}
    SKIPPED = {"script", "style", "noscript", "nav", "aside", "form", "button", "select", "template", "svg",
               "iframe", "dialog"}
    CHROME = {"header", "footer"}
    VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed"}
    _CHROME_ATTR = re.compile(r"cookie|consent|gdpr|banner|breadcrumb|\bnav|navigation|menu|sidebar|skip-?link"
                              r"|site-?header|site-?footer|share|social|search", re.I)

    def __init__(self, only_main: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip: list[str] = []  # the open tags whose content is left out
        self._main = 0
        self._only_main = only_main
        self._title = False
        self.chrome: list[str] = []  # the text left out, for the site owner's organisationsnummer

    def _skipping(self) -> bool:
        return bool(self._skip) or (self._only_main and not self._main)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag == "br" and not self._skipping():
                self.parts.append("\n")
            return
        if self._skip:
            self._skip.append(tag)
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role", "aria-label"))
        if tag in self.SKIPPED or (tag in self.CHROME and not self._main) or self._CHROME_ATTR.search(marks):
            self._skip.append(tag)
            return
        if tag in ("main", "article"):
            self._main += 1
        if tag == "title" and not self._main:
            self._title = True  # the page's own label (`Protokoll … - Växjö kommun`), kept though in <head>
            self.parts.append("\n")
            return
        if self._skipping():
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n– ")
        elif tag == "dt":
            self.parts.append("\n")
        elif tag == "dd":
            self.parts.append(_DD_MARK)
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag == "title" and self._title:
            self._title = False
            self.parts.append("\n")
            return
        if self._skip:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in ("main", "article"):
            self._main = max(0, self._main - 1)
            self.parts.append("\n")
            return
        if not self._skipping() and (tag in self.BLOCKS or tag in ("li", "dd")):
            self.parts.append("\n")

    def handle_data(self, data):
        if self._title or not self._skipping():
            self.parts.append(re.sub(r"\s+", " ", data))
        else:
            self.chrome.append(data)


_OWNER_ORG_RE = re.compile(r"\b(?:org\.?\s*nr\.?|organisationsnummer)\s*:?\s*2\d{5}-\d{4}\b", re.I)
_DD_MARK = "\x00dd\x00"  # where a <dd> value starts: joined to its <dt> label as `Label: value`
_MAIN_RE = re.compile(r"<(?:main|article)[\s>]", re.I)
# The site's own lines about the page, not the document: `Senast uppdaterad 2024-03-02`.
_PAGE_META_RE = re.compile(r"^(?:sidan\s+)?(?:senast\s+)?(?:uppdaterad|publicerad|granskad|ändrad)\b.*$", re.I)


def html_to_text(markup: str) -> str:
    """Give the visible text of an HTML page, one block a line, labels beside their values.

    >>> html_to_text("<p>Dnr&nbsp;SON 2024-1523</p><script>x()</script><p>Linköping</p>")
    'Dnr SON 2024-1523\\nLinköping'
    >>> html_to_text("<nav>Meny</nav><dl><dt>Sammanträdesdatum</dt><dd>2022-10-13</dd></dl>")
    'Sammanträdesdatum: 2022-10-13'
    >>> html_to_text("<table><tr><td>Datum</td><td>2023-02-01</td></tr></table><p>Senast uppdaterad 2024-01-01</p>")
    'Datum\\t2023-02-01'
    """
    parser = _HtmlText(only_main=bool(_MAIN_RE.search(markup)))
    parser.feed(markup)
    parser.close()
    # The site owner's organisationsnummer in the page footer (`Org.nr 212000-0811`) is the public
    # party's: kept as a line of its own; the rest of the chrome stays out.
    owner = _OWNER_ORG_RE.search(re.sub(r"\s+", " ", " ".join(parser.chrome)))
    if owner:
        parser.parts.append("\n" + owner[0] + "\n")
    lines = []
    for line in "".join(parser.parts).splitlines():
        line = re.sub(r"[ \t]*:?[ \t]*" + _DD_MARK + r"[ \t]*", ": ", line)
        line = re.sub(r"[ ]*\t[ \t]*", "\t", line).strip(" \t")
        if line and not _PAGE_META_RE.match(line):
            lines.append(line)
    return "\n".join(lines)
