#!/usr/bin/env bash
# Rebuilds the shipped studies from the source data in ../shared/data (or $AGON_DATA), so that no
# study file is edited by hand. Run from the repository root:  bash Studies/build.sh
# Needs python3 (standard library only) to flatten Judgemark's nested JSON into one answer a line.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${AGON_DATA:-../shared/data}
agon=${AGON:-"swift run --quiet agon"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# demo: the 19 creative-writing prompts of EQ-Bench Judgemark, largest vs smallest model.
python3 Scripts/judgemark-to-jsonl.py "$data/eqbench-judgemark" > "$tmp/judgemark.jsonl"
$agon import demo --force \
  --answers "$tmp/judgemark.jsonl" --systems Studies/demo/source/systems.toml \
  --task-field prompt_id --prompt-field prompt --category-field category --system-field model --text-field text \
  --title "Demo: creative writing, largest vs smallest model" \
  --description "EQ-Bench Judgemark creative-writing prompts answered by Claude 3 Opus and Gemma 2B instruct." \
  --seed 20240229 --repeat-share 0.1 \
  --provenance "Source: EQ-Bench Judgemark (MIT licence), see source/SOURCE.md and source/LICENSE." \
  --provenance "The <SEED> placeholder of each prompt is dropped: which variation was used is not recorded."

# llama2-70b-vs-7b: the creative-flagged AlpacaEval instructions, Llama-2-chat 70B vs 7B.
$agon import llama2-70b-vs-7b --force \
  --answers "$data/alpaca-eval-large-vs-small/creative_pairs.jsonl" \
  --systems Studies/llama2-70b-vs-7b/source/systems.toml \
  --where family=llama-2-chat --where creative_flag=true \
  --task-field instruction --category-field vicuna_category --category-field dataset \
  --wide large_model:large_output --wide small_model:small_output \
  --title "Llama-2-chat 70B vs 7B on creative instructions" \
  --description "Creative-flagged AlpacaEval instructions answered by Llama-2-70B-chat and Llama-2-7B-chat." \
  --seed 7070 --repeat-share 0.1 \
  --provenance "Source: AlpacaEval model outputs (Apache-2.0), see source/SOURCE.md and source/LICENSE."

# six-families: the same instructions answered by six families at a large and a small size (12
# systems). Each family's large vs small, plus a cycle through the large models so that every
# system is on one scale; each rater judges 60 of the 85 × 12 items, 12 of them shared by all.
$agon import six-families --force \
  --answers "$data/alpaca-eval-large-vs-small/creative_pairs.jsonl" \
  --systems Studies/six-families/source/systems.toml \
  --where creative_flag=true \
  --task-field instruction --category-field vicuna_category --category-field dataset \
  --wide large_model:large_output --wide small_model:small_output \
  --title "Six model families, large vs small, on creative instructions" \
  --description "Creative-flagged AlpacaEval instructions answered by six model families at a large and a small size: Llama 2, Llama 3, Llama 3.1, Qwen1.5, Tulu 2 DPO and Vicuna v1.3." \
  --seed 612 --repeat-share 0.1 \
  --contrast llama2-70b:llama2-7b --contrast llama3-70b:llama3-8b --contrast llama3.1-70b:llama3.1-8b \
  --contrast qwen1.5-72b:qwen1.5-7b --contrast tulu2-70b:tulu2-7b --contrast vicuna-33b:vicuna-7b \
  --contrast llama2-70b:llama3-70b --contrast llama3-70b:llama3.1-70b --contrast llama3.1-70b:qwen1.5-72b \
  --contrast qwen1.5-72b:tulu2-70b --contrast tulu2-70b:vicuna-33b --contrast vicuna-33b:llama2-70b \
  --items-per-rater 60 --expected-raters 12 \
  --provenance "Source: AlpacaEval model outputs (Apache-2.0), see source/SOURCE.md and source/LICENSE."

$agon validate demo
$agon validate llama2-70b-vs-7b
$agon validate six-families
