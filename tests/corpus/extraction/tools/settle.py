#!/usr/bin/env python3
"""Settles the two blind readings of each page into its truth: a line both readers labelled alike
keeps that label; a line or metadata field they disagreed on takes the third reader's decision
(readings/third.json). Prints the readers' agreement (article words both kept, as F1) first.

Usage: settle.py   (run in tests/corpus/extraction; writes truth/<name>.json)
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from page_lines import page_lines  # noqa: E402

FIELDS = ("title", "byline", "site", "published", "language")


def labels(reading, count):
    label = ["not"] * (count + 1)
    for key in ("article", "optional"):
        for first, last in reading[key]:
            for i in range(first, last + 1):
                label[i] = key
    return label


def ranges(numbers):
    out = []
    for i in numbers:
        if out and out[-1][1] == i - 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


def main():
    decisions = json.load(open("readings/third.json", encoding="utf-8"))
    names = [row.split("\t")[0] for row in open("pages.tsv", encoding="utf-8").read().splitlines()[1:]]
    both = kept_a = kept_b = 0
    for name in names:
        text = [None] + page_lines(open(f"pages/{name}.html", encoding="utf-8", errors="replace").read())
        count = len(text) - 1
        a = json.load(open(f"readings/a/{name}.json", encoding="utf-8"))
        b = json.load(open(f"readings/b/{name}.json", encoding="utf-8"))
        la, lb = labels(a, count), labels(b, count)
        words = [0] + [len(line.split()) for line in text[1:]]
        both += sum(words[i] for i in range(1, count + 1) if la[i] == lb[i] == "article")
        kept_a += sum(words[i] for i in range(1, count + 1) if la[i] == "article")
        kept_b += sum(words[i] for i in range(1, count + 1) if lb[i] == "article")
        label = [None] + [la[i] if la[i] == lb[i] else None for i in range(1, count + 1)]
        meta = {k: a.get(k) if a.get(k) == b.get(k) else None for k in FIELDS}
        undecided = {k for k in FIELDS if a.get(k) != b.get(k)}
        for d in (d for d in decisions if d["page"] == name):
            if "line" in d:
                label[d["line"]] = d["decision"]
            else:
                meta[d["field"]] = d["decision"]
                undecided.discard(d["field"])
        for k in list(undecided):
            if (a.get(k) or "").strip().lower() == (b.get(k) or "").strip().lower():
                meta[k] = a.get(k)
                undecided.discard(k)
        missing = [i for i in range(1, count + 1) if label[i] is None]
        if missing or undecided:
            sys.exit(f"{name}: no decision for lines {missing} fields {sorted(undecided)}")
        article = [i for i in range(1, count + 1) if label[i] == "article"]
        optional = [i for i in range(1, count + 1) if label[i] == "optional"]
        truth = {"name": name, "article": ranges(article), "optional": ranges(optional), **meta,
                 "article_text": "\n".join(text[i] for i in article),
                 "optional_text": "\n".join(text[i] for i in optional)}
        with open(f"truth/{name}.json", "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
    print(f"readers' agreement on article words: F1 {2 * both / (kept_a + kept_b):.4f}; {len(names)} pages settled")


if __name__ == "__main__":
    main()
