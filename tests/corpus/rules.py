#!/usr/bin/env python3
"""How each rule of the attribution sieve does on one set of the news gold.

Usage:
  rules.py GOLD_DIR PRED_DIR SPLIT.tsv SET

For every predicted quotation matched to a gold one (score.py's matching), by the rule that
decided it: right (gold speech, right speaker), wrong (gold speech, wrong or no speaker), kept
apart (gold scare quote or title, not shown as speech), taken for speech (gold scare quote or
title shown as someone's words), and unmatched. Meant for the tune set: it shows which rule to
work on; the check set is only ever scored as a whole (evaluate.py).
"""
import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import match, speaker_right  # noqa: E402

OUTCOMES = ("right", "wrong", "kept apart", "taken for speech", "unmatched")


def main(argv):
    if len(argv) != 4:
        print(__doc__)
        return 2
    gold_dir, pred_dir, split, wanted = argv
    rows = [line.rstrip("\n").split("\t") for line in open(split, encoding="utf-8")][1:]
    names = [name for name, _, chosen in rows if chosen == wanted]
    by_rule = defaultdict(Counter)
    for name in names:
        with open(os.path.join(gold_dir, name + ".json"), encoding="utf-8") as f:
            gold = json.load(f)
        with open(os.path.join(pred_dir, name + ".json"), encoding="utf-8") as f:
            pred = json.load(f)
        gq, pq = gold.get("quotes", []), pred.get("quotes", [])
        gold_of = {pi: gi for gi, pi in match(gq, pq)}
        for pi, q in enumerate(pq):
            speech = q.get("kind") == "speech"
            if pi not in gold_of:
                outcome = "unmatched"
            elif gq[gold_of[pi]].get("kind") != "speech":
                outcome = "taken for speech" if speech else "kept apart"
            else:
                g = gq[gold_of[pi]]
                said = q.get("speaker") if speech else None
                outcome = "right" if speaker_right(gold, g.get("speaker"), said) else "wrong"
            by_rule[q.get("rule", "?")][outcome] += 1
    print(f"{'rule':18s} " + " ".join(f"{o:>16s}" for o in OUTCOMES))
    for rule, counts in sorted(by_rule.items(), key=lambda item: -sum(item[1].values())):
        print(f"{rule:18s} " + " ".join(f"{counts[o]:16d}" for o in OUTCOMES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
