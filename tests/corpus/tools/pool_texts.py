#!/usr/bin/env python3
"""Article texts of the news-pool pages, made once with trafilatura (favor_precision), an
extractor independent of QuoteLens, so the gold is annotated on text our finder did not choose.
Prints name, declared language, words and quotation marks per page (the stats.tsv that
select_split.py reads). Paragraphs are separated by blank lines.

Usage: pool_texts.py NEWS_POOL_DIR OUT_DIR > stats.tsv   (pip install trafilatura lxml_html_clean)
"""
import os
import re
import sys

import trafilatura

pool, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(pool)):
    path = os.path.join(pool, name, "source.html")
    if not os.path.isfile(path):
        continue
    html = open(path, encoding="utf-8", errors="replace").read()
    extracted = trafilatura.extract(html, include_comments=False, include_tables=False,
                                    favor_precision=True) or ""
    paragraphs = [line.strip() for line in extracted.split("\n") if line.strip()]
    text = "\n\n".join(paragraphs) + "\n"
    declared = re.search(r'<html[^>]*\blang=["\']?([a-zA-Z]{2})', html)
    language = declared.group(1).lower() if declared else "?"
    marks = len(re.findall(r'["“”«»„]', text))
    with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    print(name, language, len(text.split()), marks, sep="\t")
