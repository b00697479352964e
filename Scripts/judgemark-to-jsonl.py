#!/usr/bin/env python3
"""Flatten EQ-Bench Judgemark (model -> prompt id -> answer) into one answer a line, the generic
JSONL that `agon import` reads. Standard library only.

usage: judgemark-to-jsonl.py JUDGEMARK_DIR > answers.jsonl

Each writing prompt holds a <SEED> placeholder where one of its seed modifiers was inserted when the
answers were generated; which one is not recorded, so the placeholder is dropped (the faithful text).
"""
import json
import re
import sys
from pathlib import Path

source = Path(sys.argv[1])
prompts = json.loads((source / "creative_writing_prompts.json").read_text(encoding="utf-8"))
answers = json.loads((source / "judgemark_test_set.json").read_text(encoding="utf-8"))


def faithful(prompt: str) -> str:
    return re.sub(r"\s*<SEED>\s*", " ", prompt).strip()


for model in sorted(answers):
    for prompt_id in sorted(answers[model], key=int):
        line = {
            "prompt_id": prompt_id,
            "model": model,
            "prompt": faithful(prompts[prompt_id]["writing_prompt"]),
            "category": "fiction",
            "text": answers[model][prompt_id],
        }
        print(json.dumps(line, ensure_ascii=False, sort_keys=True))
