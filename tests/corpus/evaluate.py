#!/usr/bin/env python3
"""Scores one set of the news gold by language, with score.py's matching.

Usage:
  evaluate.py GOLD_DIR PRED_DIR SPLIT.tsv SET [--verbose]

SPLIT.tsv lists `name<TAB>language<TAB>set`; only the articles of SET are scored. Prints one row
per language, then the totals, the share of scare quotes and titles not shown as speech (the
F1 figures ignore them), the lowest language's attributed-quote F1; the last line has score.py's form
  quotes F1 X | attribution accuracy Y | attributed-quote F1 Z | reported F1 W
--verbose adds score.py's per-article rows with every miss, extra and wrong speaker: never use it
on the check set, whose articles nobody reads while changing rules.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import prf, score_article  # noqa: E402

KEYS = ("other_gold", "other_kept", "n_gold", "n_pred", "span_tp", "attributable", "attr_right", "e2e_tp",
        "rep_gold", "rep_pred", "rep_tp")


def figures(total):
    _, _, f = prf(total["span_tp"], total["n_pred"], total["n_gold"])
    acc = total["attr_right"] / total["attributable"] if total["attributable"] else 1.0
    _, _, ef = prf(total["e2e_tp"], total["n_pred"], total["n_gold"])
    _, _, rf = prf(total["rep_tp"], total["rep_pred"], total["rep_gold"])
    return f, acc, ef, rf


def main(argv):
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 4:
        print(__doc__)
        return 2
    gold_dir, pred_dir, split, wanted = args
    rows = [line.rstrip("\n").split("\t") for line in open(split, encoding="utf-8")][1:]
    names = [(name, language) for name, language, chosen in rows if chosen == wanted]
    if not names:
        print(f"no article in set {wanted!r}")
        return 2
    by_language, total, articles = {}, dict.fromkeys(KEYS, 0), {}
    for name, language in names:
        with open(os.path.join(gold_dir, name + ".json"), encoding="utf-8") as f:
            gold = json.load(f)
        with open(os.path.join(pred_dir, name + ".json"), encoding="utf-8") as f:
            pred = json.load(f)
        s = score_article(gold, pred)
        sums = by_language.setdefault(language, dict.fromkeys(KEYS, 0))
        for k in KEYS:
            sums[k] += s[k]
            total[k] += s[k]
        articles[language] = articles.get(language, 0) + 1
        if verbose:
            f, acc, ef, _ = figures(s)
            print(f"{name:40s} gold {s['n_gold']:3d} pred {s['n_pred']:3d} "
                  f"span-F1 {f:.3f} attr-acc {acc:.3f} e2e-F1 {ef:.3f}")
            for q in s["misses"]:
                print(f"   missed: {q['text'][:90]!r} ({q.get('speaker')})")
            for q in s["false"]:
                print(f"   extra:  {q.get('text', '')[:90]!r} ({q.get('speaker')})")
            for g, p in s["wrong"]:
                print(f"   wrong:  {g['text'][:70]!r} gold {g.get('speaker')!r} "
                      f"pred {p.get('speaker')!r}")
    print(f"{'language':8s} {'articles':>8s} {'speech':>6s} {'quotes F1':>9s} {'attr acc':>8s} "
          f"{'attr F1':>7s} {'reported F1':>11s}")
    for language in sorted(by_language):
        s = by_language[language]
        f, acc, ef, rf = figures(s)
        print(f"{language:8s} {articles[language]:8d} {s['n_gold']:6d} {f:9.3f} {acc:8.3f} "
              f"{ef:7.3f} {rf:11.3f}")
    f, acc, ef, rf = figures(total)
    print(f"{'all':8s} {len(names):8d} {total['n_gold']:6d} {f:9.3f} {acc:8.3f} {ef:7.3f} {rf:11.3f}")
    kept = total["other_kept"] / total["other_gold"] if total["other_gold"] else 1.0
    print(f"scare quotes and titles kept apart from speech {kept:.3f} "
          f"({total['other_kept']} of {total['other_gold']})")
    worst = min(figures(s)[2] for s in by_language.values())
    print(f"lowest language attributed-quote F1 {worst:.3f}")
    print(f"quotes F1 {f:.3f} | attribution accuracy {acc:.3f} | attributed-quote F1 {ef:.3f} | "
          f"reported F1 {rf:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
