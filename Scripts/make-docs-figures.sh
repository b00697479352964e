#!/usr/bin/env bash
# Regenerates the report figures the README shows, from the demo study with simulated sessions:
#   docs/report-forest-overall.svg, docs/report-head-to-head.svg
# usage: Scripts/make-docs-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/agon-docs.XXXXXX)
trap 'rm -rf "$work"' EXIT
Scripts/demo-report.sh "$work" >/dev/null
mkdir -p docs
python3 - "$work/report.html" docs <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for figure in ["forest-overall", "head-to-head"]:
    match = re.search(r'<svg [^>]*data-figure="%s".*?</svg>' % figure, html, re.S)
    if not match:
        sys.exit("no figure %s in the report" % figure)
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + match.group(0).replace('<svg ', '<svg style="background:#ffffff" ', 1) + "\n"
    open("%s/report-%s.svg" % (sys.argv[2], figure), "w", encoding="utf-8").write(svg)
    print("%s/report-%s.svg" % (sys.argv[2], figure))
PY
