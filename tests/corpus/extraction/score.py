#!/usr/bin/env python3
"""The article finder against the human truth of tests/corpus/extraction: word-level precision,
recall and F1, and the share of pages whose metadata is right, field by field.

Words are lower-cased runs of letters and digits, counted as a bag. The truth is the words of the
page's `article` lines (page_lines.py's numbering); kept words that match words of its `optional`
lines (headline, standfirst, captions…) count neither way. Figures are summed over pages (micro
average). The CHECK set is printed first and only as totals and per language: nobody reads its
pages while changing the finder.

Usage: score.py PAGES_DIR TRUTH_DIR OUT_DIR PAGES_TSV [FLOOR…]
  OUT_DIR holds, per page, `quotelens text` as <name>.txt and `quotelens meta` as <name>.meta.json.
  A FLOOR is SET.FIGURE=VALUE (check.precision=0.95, tune.byline=0.6: a metadata field's share
  right): exits 1 when a figure falls below its floor.
"""
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools"))
from page_lines import page_lines  # noqa: E402

FIELDS = ["title", "byline", "site", "published", "language"]
# Our metadata's key for each truth field.
OURS = {"title": "title", "byline": "byline", "site": "site_name", "published": "published",
        "language": "language"}
# Words that join names in a byline ("A and B", "By A"): not part of any name.
BYLINE_JOINERS = {"by", "and", "und", "y", "et", "e", "por", "par", "von", "de", "with", "mit"}
MONTHS = {m: i + 1 for i, names in enumerate([
    "jan january enero janvier januar janeiro", "feb february febrero février fevrier februar fevereiro",
    "mar march marzo mars märz maerz março marco", "apr april abril avril",
    "may mayo mai maio", "jun june junio juin juni junho", "jul july julio juillet juli julho",
    "aug august agosto août aout", "sep sept september septiembre septembre setembro",
    "oct october octubre octobre oktober outubro", "nov november noviembre novembre novembro",
    "dec december diciembre décembre decembre dezember dezembro"]) for m in names.split()}


def words(text):
    return re.findall(r"[^\W_]+", text.lower())


def page_counts(lines, ranges):
    counts = Counter()
    for first, last in ranges:
        for number in range(first, last + 1):
            if 1 <= number <= len(lines):
                counts.update(words(lines[number - 1]))
    return counts


def match(kept, article, optional):
    """(true positives, false positives, false negatives) of one page's kept words."""
    tp = fp = 0
    for word, n in kept.items():
        hit = min(n, article[word])
        tp += hit
        fp += max(0, n - hit - optional[word])
    return tp, fp, sum(article.values()) - tp


def iso_date(value):
    """YYYY-MM-DD from an ISO date, a dotted one (day first) or a written one ("Dec 1st 2016",
    "3. März 2021"); "2/3/2020" is left alone: its order is ambiguous."""
    if not value:
        return None
    found = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if found:
        return "-".join(found.groups())
    found = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", value)  # day first: 19.07.2022
    if found:
        day, month, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    tokens = words(value)
    year = next((t for t in tokens if re.fullmatch(r"(19|20)\d\d", t)), None)
    month = next((MONTHS[t] for t in tokens if t in MONTHS), None)
    day = next((int(m.group(1)) for t in tokens
                if (m := re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", t)) and 1 <= int(m.group(1)) <= 31), None)
    if year and month and day:
        return f"{year}-{month:02d}-{day:02d}"
    return None


def normal(field, value):
    """A metadata value as compared: what a reader would call the same title, names, site, day."""
    if value is None or not str(value).strip():
        return None
    value = str(value)
    if field == "title":
        return " ".join(words(value))
    if field == "byline":
        return frozenset(w for w in words(value) if w not in BYLINE_JOINERS) or None
    if field == "site":
        # "The Guardian" and "Guardian", "Daily Star" and "DailyStar" name the same site.
        site = words(value)
        return "".join(site[1:] if site[:1] == ["the"] and len(site) > 1 else site)
    if field == "published":
        return iso_date(value) or value.strip()
    return value.strip().lower()[:2]


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.pages = 0
        self.right = Counter()

    def add(self, other):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.pages += other.pages
        self.right.update(other.right)

    def figures(self):
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def line(self, label, width=12):
        precision, recall, f1 = self.figures()
        return (f"{label:<{width}} {self.pages:>3} pages  precision {precision:.3f}  recall {recall:.3f}"
                f"  F1 {f1:.3f}")

    def metadata(self):
        return "  ".join(f"{field} {self.right[field]}/{self.pages}" for field in FIELDS)


def score_page(name, pages_dir, truth, out_dir):
    with open(os.path.join(pages_dir, f"{name}.html"), encoding="utf-8", errors="replace") as f:
        lines = page_lines(f.read())
    tally = Tally()
    tally.pages = 1
    try:
        with open(os.path.join(out_dir, f"{name}.txt"), encoding="utf-8") as f:
            kept = Counter(words(f.read()))
        with open(os.path.join(out_dir, f"{name}.meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError) as error:
        print(f"{name}: no output ({error}): counted as nothing kept", file=sys.stderr)
        kept, meta = Counter(), {}
    article = page_counts(lines, truth.get("article", []))
    optional = page_counts(lines, truth.get("optional", []))
    tally.tp, tally.fp, tally.fn = match(kept, article, optional)
    for field in FIELDS:
        if normal(field, meta.get(OURS[field])) == normal(field, truth.get(field)):
            tally.right[field] += 1
    return tally


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    pages_dir, truth_dir, out_dir, pages_tsv = argv[:4]
    floors = {}
    for floor in argv[4:]:
        key, _, value = floor.partition("=")
        floors[key] = float(value)
    with open(pages_tsv, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    figures = {}
    for which in ["check", "tune"]:
        total, by_language, per_page = Tally(), {}, []
        for name, language, page_set in (r for r in rows if len(r) == 3):
            truth_file = os.path.join(truth_dir, f"{name}.json")
            if page_set != which or not os.path.exists(truth_file):
                continue
            with open(truth_file, encoding="utf-8") as f:
                truth = json.load(f)
            tally = score_page(name, pages_dir, truth, out_dir)
            total.add(tally)
            by_language.setdefault(language, Tally()).add(tally)
            per_page.append((name, tally))
        print(f"{which.upper()} set (word bags against the human truth; optional lines count neither way)")
        print("  " + total.line("all"))
        for language in sorted(by_language):
            print("  " + by_language[language].line(language))
        print(f"  metadata right: {total.metadata()}")
        if which == "tune":
            print("  per page, worst first, with the metadata fields it gets wrong:")
            for name, tally in sorted(per_page, key=lambda p: p[1].figures()[2]):
                wrong = " ".join(field for field in FIELDS if not tally.right[field])
                print(f"    {tally.line(name, 38)}  {wrong}")
        precision, recall, f1 = total.figures()
        figures.update({f"{which}.precision": precision, f"{which}.recall": recall,
                        f"{which}.f1": f1, f"{which}.pages": total.pages})
        figures.update({f"{which}.{field}": total.right[field] / max(total.pages, 1) for field in FIELDS})
    failed = False
    for which in ["check", "tune"]:
        if not any(f"{which}." in key for key in floors):
            continue
        if figures.get(f"{which}.pages", 0) == 0:
            print(f"FAIL: no page of the {which} set has its truth in {truth_dir}")
            failed = True
    for key, floor in floors.items():
        value = figures.get(key)
        ok = value is not None and value >= floor
        failed |= not ok
        print(f"{'ok' if ok else 'FAIL'}: {key} {value if value is None else round(value, 4)}"
              f" {'>=' if ok else 'is below its floor'} {floor}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
