#!/usr/bin/env python3
"""A page's visible text, one block per numbered line, made with Python's own HTML parser so the
extraction truth is recorded on text QuoteLens did not choose. Block elements and <br> end a line;
script, style, template, svg, noscript, iframe and the document head (but its <title>) are skipped.

Usage: page_lines.py SOURCE_HTML            prints "N<TAB>text" per line
       page_lines.py SOURCE_HTML --plain    prints the text only (as numbered, without numbers)
"""
import re
import sys
from html.parser import HTMLParser

BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
         "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
         "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
         "section", "summary", "table", "td", "th", "tr", "ul", "title", "option", "button"}
SKIP = {"script", "style", "template", "svg", "noscript", "iframe", "head", "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class Lines(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.current, self.skipping, self.in_title = [], [], [], False

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.flush()
            self.in_title = True
            return
        if tag in SKIP and tag not in VOID:
            self.skipping.append(tag)
        if tag in BLOCK:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self.flush()
            self.in_title = False
            return
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        if tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if self.in_title or not self.skipping:
            self.current.append(data)


def page_lines(html):
    parser = Lines()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.lines


if __name__ == "__main__":
    html = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    plain = "--plain" in sys.argv[2:]
    for number, text in enumerate(page_lines(html), 1):
        print(text if plain else f"{number}\t{text}")
