#!/usr/bin/env python3
"""Agreement between two independent annotations of the same articles, and the list of what
they disagree on (for a third reading to settle).

Usage:
  agreement.py READING_A_DIR READING_B_DIR [--disagreements OUT_DIR]

Items are matched as score.py matches gold and predictions (word-overlap F1 >= 0.5, one to one).
Prints, over all articles present in both readings: quote-span agreement (F1 of one reading
against the other), speech/other agreement and Cohen's kappa on the matched spans, speaker
agreement on spans both call speech (names compared with each reading's aliases), and
reported-speech agreement (F1, speaker included). With --disagreements, writes OUT_DIR/<name>.txt
listing every quote or statement found by one reading only, or read differently.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from score import actor_keys, match, name_key, prf  # noqa: E402


def same_speaker(a_doc, a_name, b_doc, b_name):
    if not a_name or not b_name:
        return not a_name and not b_name
    keys_a, keys_b = actor_keys(a_doc, a_name), actor_keys(b_doc, b_name)
    if keys_a & keys_b:
        return True
    full_a, full_b = set(name_key(a_name)), set(name_key(b_name))
    return bool(full_a) and bool(full_b) and (full_a <= full_b or full_b <= full_a)


def kappa(pairs):
    n = len(pairs)
    if not n:
        return 1.0
    observed = sum(a == b for a, b in pairs) / n
    labels = {x for p in pairs for x in p}
    expected = sum((sum(a == l for a, _ in pairs) / n) * (sum(b == l for _, b in pairs) / n)
                   for l in labels)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def compare(a, b):
    qa, qb = a.get("quotes", []), b.get("quotes", [])
    pairs = match(qa, qb)
    notes = []
    matched_a, matched_b = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, q in enumerate(qa):
        if i not in matched_a:
            notes.append(f"QUOTE only in A: {q['text']!r} kind={q.get('kind')} speaker={q.get('speaker')!r}")
    for j, q in enumerate(qb):
        if j not in matched_b:
            notes.append(f"QUOTE only in B: {q['text']!r} kind={q.get('kind')} speaker={q.get('speaker')!r}")
    kinds, speakers_same, speakers_both = [], 0, 0
    for i, j in pairs:
        ka, kb = qa[i].get("kind"), qb[j].get("kind")
        kinds.append((ka, kb))
        if ka != kb:
            notes.append(f"KIND differs: {qa[i]['text']!r} A={ka} (speaker {qa[i].get('speaker')!r}) "
                         f"B={kb} (speaker {qb[j].get('speaker')!r})")
        elif ka == "speech":
            speakers_both += 1
            if same_speaker(a, qa[i].get("speaker"), b, qb[j].get("speaker")):
                speakers_same += 1
            else:
                notes.append(f"SPEAKER differs: {qa[i]['text']!r} A={qa[i].get('speaker')!r} "
                             f"B={qb[j].get('speaker')!r}")
        elif qa[i]["text"] != qb[j]["text"]:
            notes.append(f"TEXT differs: A={qa[i]['text']!r} B={qb[j]['text']!r}")
    ra, rb = a.get("reported", []) or [], b.get("reported", []) or []
    rpairs = match(ra, rb)
    rmatched_a, rmatched_b = {i for i, _ in rpairs}, {j for _, j in rpairs}
    rsame = 0
    for i, j in rpairs:
        if same_speaker(a, ra[i].get("speaker"), b, rb[j].get("speaker")):
            rsame += 1
        else:
            notes.append(f"REPORTED speaker differs: {ra[i]['text']!r} A={ra[i].get('speaker')!r} "
                         f"B={rb[j].get('speaker')!r}")
    for i, r in enumerate(ra):
        if i not in rmatched_a:
            notes.append(f"REPORTED only in A: {r.get('speaker')!r} {r.get('cue')!r}: {r['text']!r}")
    for j, r in enumerate(rb):
        if j not in rmatched_b:
            notes.append(f"REPORTED only in B: {r.get('speaker')!r} {r.get('cue')!r}: {r['text']!r}")
    counts = {"qa": len(qa), "qb": len(qb), "qm": len(pairs), "speakers_both": speakers_both,
              "speakers_same": speakers_same, "ra": len(ra), "rb": len(rb), "rm": rsame}
    return counts, kinds, notes


def main(argv):
    out = None
    if "--disagreements" in argv:
        k = argv.index("--disagreements")
        out = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    if len(argv) != 2:
        print(__doc__)
        return 2
    dir_a, dir_b = argv
    names = sorted(set(f[:-5] for f in os.listdir(dir_a) if f.endswith(".json"))
                   & set(f[:-5] for f in os.listdir(dir_b) if f.endswith(".json")))
    total, all_kinds, n_notes = {}, [], 0
    for name in names:
        with open(os.path.join(dir_a, name + ".json"), encoding="utf-8") as f:
            a = json.load(f)
        with open(os.path.join(dir_b, name + ".json"), encoding="utf-8") as f:
            b = json.load(f)
        counts, kinds, notes = compare(a, b)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        all_kinds += kinds
        n_notes += len(notes)
        if out:
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(notes) + ("\n" if notes else ""))
    if not names:
        print("no article annotated in both readings")
        return 1
    _, _, span_f = prf(total["qm"], total["qb"], total["qa"])
    _, _, rep_f = prf(total["rm"], total["rb"], total["ra"])
    kind_agree = sum(a == b for a, b in all_kinds) / len(all_kinds) if all_kinds else 1.0
    speaker_agree = total["speakers_same"] / total["speakers_both"] if total["speakers_both"] else 1.0
    print(f"articles {len(names)} | quote spans A {total['qa']} B {total['qb']} matched {total['qm']} "
          f"F1 {span_f:.3f} | kind agreement {kind_agree:.3f} kappa {kappa(all_kinds):.3f} | "
          f"speaker agreement {speaker_agree:.3f} on {total['speakers_both']} speech quotes | "
          f"reported F1 {rep_f:.3f} ({total['ra']} vs {total['rb']}) | disagreements {n_notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
