"""Build-time tokenizer for the comparison: add SudachiPy's base forms and readings to each item's fields.

Run by benchmarks/finder_benchmark.py with the Python in FINDER_SUDACHI_PYTHON (a scratch venv with
sudachipy==0.7.0 and sudachidict_small==20261015; they are not dependencies of the site). Reads the items as
JSON on stdin, writes them back with the extra words. Particles, auxiliary verbs and symbols are left out.
"""

import json
import sys
import unicodedata

from sudachipy import dictionary, tokenizer

SKIP = ("助詞", "助動詞", "補助記号", "空白")
MODE = tokenizer.Tokenizer.SplitMode.C
TOKENIZER = dictionary.Dictionary(dict="small").create()


def hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in unicodedata.normalize("NFKC", text))


def extra(text: str) -> str:
    words = []
    for morpheme in TOKENIZER.tokenize(text.replace(" ", ""), MODE):
        if morpheme.part_of_speech()[0] in SKIP:
            continue
        words += [hiragana(morpheme.normalized_form()), hiragana(morpheme.dictionary_form()), hiragana(morpheme.reading_form())]
    return " ".join(dict.fromkeys(w for w in words if w))


items = json.load(sys.stdin)
for item in items:
    item["words"] = " ".join(filter(None, [item["words"], extra(item["title"] + " " + item["words"])]))
    item["more"] = " ".join(filter(None, [item["more"], extra(item["more"])]))
json.dump(items, sys.stdout, ensure_ascii=False)
