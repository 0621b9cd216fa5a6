#!/usr/bin/env python3
"""The 41 news-pool pages whose article text is recorded by hand, and their tune/check split, drawn
once at random (seed 20261203) before any extraction rule was changed for them: every page whose
<html lang> is not English (21) and 20 of the others; the check set takes a quarter of each
language group (5 English, 2 German, 2 Spanish, 1 French).

Usage: select_pages.py NEWS_POOL_DIR > pages.tsv
"""
import os
import random
import re
import sys

pool = sys.argv[1]
by_language = {}
for name in sorted(os.listdir(pool)):
    path = os.path.join(pool, name, "source.html")
    if not os.path.isfile(path):
        continue
    head = open(path, encoding="utf-8", errors="replace").read(20000)
    declared = re.search(r'<html[^>]*\blang=["\']?([a-zA-Z]{2})', head)
    language = declared.group(1).lower() if declared else "en"
    language = language if language in ("de", "fr", "es", "pt") else "en"
    by_language.setdefault(language, []).append(name)

rng = random.Random(20261203)
chosen = {lang: names for lang, names in by_language.items() if lang != "en"}
chosen["en"] = sorted(rng.sample(by_language["en"], 20))
check_count = {"en": 5, "de": 2, "es": 2, "fr": 1, "pt": 0}
print("name\tlanguage\tset")
for lang in sorted(chosen):
    check = set(rng.sample(sorted(chosen[lang]), check_count[lang]))
    for name in sorted(chosen[lang]):
        print(name, lang, "check" if name in check else "tune", sep="\t")
