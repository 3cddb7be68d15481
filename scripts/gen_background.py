#!/usr/bin/env python3
"""Writes core/data/background.txt, the matcher's background of needs (issue 12), from the
evaluation programme:

    python3 scripts/gen_background.py      # reads core/eval/programme.json (scripts/gen_eval.py)

One line per need: its description, a tab, its village's industries and resources. The matcher
counts in how many of these needs, and in how many of the programme's capabilities, each word is
found, and weighs a word the fewer have it. The needs on the phone are not counted, so each is
prepared on its own when first scored, and a word weighs the same however many villages were
surveyed. Run again when the evaluation programme changes (the held-out set is never used: it
checks what the matcher was not tuned on). Python 3 standard library only; the same output on
every run.
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
programme = json.loads((root / "core/eval/programme.json").read_text(encoding="utf-8"))
lines = []
for v in programme["villages"]:
    context = " ".join(v["industries"]) + " " + " ".join(v["resources"])
    for n in v["needs"]:
        text = " ".join(n["description"].split())
        lines.append(f"{text}\t{' '.join(context.split())}")
(root / "core/data/background.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"core/data/background.txt: {len(lines)} needs")
