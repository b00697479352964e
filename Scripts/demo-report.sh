#!/usr/bin/env bash
# Builds a demonstration workspace (the demo study with six simulated raters, three philosophers
# and three writers) in DIR and writes its HTML report in English and Russian:
#   DIR/report.html, DIR/report.ru.html, DIR/report.json
# usage: Scripts/demo-report.sh DIR [AGON_BINARY]   (agon-bench must sit beside AGON_BINARY)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: demo-report.sh DIR [AGON_BINARY]}
agon=${2:-}
if [[ -z "$agon" ]]; then
  swift build --product agon >/dev/null
  swift build --product agon-bench >/dev/null
  agon="$(swift build --show-bin-path)/agon"
fi
# The simulated sessions come from agon-bench, built beside agon.
bench=("$(dirname "$agon")/agon-bench" rank)

rm -rf "$dir/workspace"
mkdir -p "$dir"
"${bench[@]}" --demo demo --folder "$dir/workspace" --demo-raters 6 >/dev/null
{
  for i in 1 2 3 4 5 6; do
    if (( i % 2 )); then background=philosopher; else background=writer; fi
    printf '[[raters]]\nname = "sim%d"\nbackground = "%s"\n\n' "$i" "$background"
  done
} > "$dir/workspace/Studies/demo/raters.toml"
AGON_HOME="$dir/workspace" "$agon" report demo --html "$dir/report.html" --force >/dev/null
AGON_HOME="$dir/workspace" "$agon" report demo --html "$dir/report.ru.html" --lang ru --force >/dev/null
AGON_HOME="$dir/workspace" "$agon" report demo --json > "$dir/report.json"
echo "$dir/report.html"
