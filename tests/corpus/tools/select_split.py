#!/usr/bin/env python3
"""The news gold articles and their tune/check split, drawn at random (seed 20261203) before any
rule work: every non-English page with quotation marks, and 41 English pages of 150+ words with
6+ marks; the check set takes 14 English, 3 Spanish, 3 German, 1 French and 1 Portuguese.

Usage: select_split.py   (reads stats.tsv from pool_texts.py, writes split.tsv)
"""
import random, csv
rows=[l.rstrip("\n").split("\t") for l in open("stats.tsv")]
# language: html lang, else English for the np-/pl- collections' unlabeled pages (checked by eye: all English)
nonen=[r for r in rows if r[1] in ("de","fr","es","pt") and int(r[3])>=2]
en=[r for r in rows if r[1] not in ("de","fr","es","pt") and int(r[2])>=150 and int(r[3])>=6]
rng=random.Random(20261203)
en_sel=sorted(rng.sample(en,41))
sel=nonen+en_sel
bylang={}
for r in sel: bylang.setdefault(r[1] if r[1] in ("de","fr","es","pt") else "en",[]).append(r[0])
want={"en":14,"es":3,"de":3,"fr":1,"pt":1}
check=set()
for lang,names in sorted(bylang.items()):
    check.update(rng.sample(sorted(names),want[lang]))
with open("split.tsv","w") as f:
    f.write("name\tlanguage\tset\n")
    for lang,names in sorted(bylang.items()):
        for n in sorted(names): f.write(f"{n}\t{lang}\t{'check' if n in check else 'tune'}\n")
print(len(sel), {k:len(v) for k,v in bylang.items()}, len(check))
