#!/usr/bin/env bash
# The HTML report in a real browser: Debian's chromium, headless, renders the demo study's report
# (simulated sessions) in English and Russian to PNG and PDF, and checks that
#   - nothing is wider than the page: at 680 px, A4's width less 15 mm margins (the print layout
#     has the same width and less padding), no element's box leaves the page and the document does
#     not scroll sideways; the same at 1024 px;
#   - the PDF is A4 on every page, every section starts on a new page (its heading at the top of
#     one), and the page count lies between the number of sections and twice that.
# The report itself has no script: a copy with a measuring script appended is what gets measured.
# usage: Scripts/check-html-report.sh [OUT_DIR]   (PNGs and PDFs are left there for a look)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d /tmp/agon-html-check.XXXXXX)}
mkdir -p "$out"
for tool in chromium pdfinfo pdftotext python3; do
  command -v "$tool" >/dev/null || { echo "check-html-report: $tool is missing (apt-get install chromium poppler-utils)" >&2; exit 1; }
done
Scripts/demo-report.sh "$out" "${AGON:-}" >/dev/null

browser=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
         --user-data-dir="$out/chromium-profile" --no-pdf-header-footer)
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The probe must be able to fail: a page with one element wider than the window.
cat > "$out/control.html" <<'HTML'
<!DOCTYPE html><html><body><p>fits</p><div style="width: 900px">too wide</div>
<script>
var width = document.documentElement.clientWidth, bad = 0, all = document.querySelectorAll('body *');
for (var i = 0; i < all.length; i++) { if (all[i].getBoundingClientRect().right > width + 0.5) bad++; }
var pre = document.createElement('pre'); pre.textContent = 'CONTROL overflowing=' + bad; document.body.appendChild(pre);
</script></body></html>
HTML
control=$("${browser[@]}" --window-size=680,600 --virtual-time-budget=3000 --dump-dom "file://$out/control.html" 2>/dev/null | grep -o 'CONTROL overflowing=[0-9][0-9]*' | tail -1 || true)
[[ "$control" == "CONTROL overflowing=1" ]] || fail "the overflow probe did not see a 900 px element in a 680 px window ($control)"

for lang in en ru; do
  report="$out/report.html"; [[ $lang == ru ]] && report="$out/report.ru.html"
  probe="$out/probe.$lang.html"
  python3 - "$report" "$probe" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
script = """<script>
(function () {
  var width = document.documentElement.clientWidth, bad = [];
  var all = document.querySelectorAll('body *');
  for (var i = 0; i < all.length; i++) {
    var r = all[i].getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 0.5 || r.left < -0.5) {
      bad.push(all[i].tagName + ' ' + Math.round(r.left) + '..' + Math.round(r.right) + ' ' + (all[i].textContent || '').slice(0, 40));
    }
  }
  var pre = document.createElement('pre');
  pre.textContent = 'PROBE width=' + width + ' scrollWidth=' + document.documentElement.scrollWidth
    + ' height=' + document.documentElement.scrollHeight + ' overflowing=' + bad.length + '\\n' + bad.slice(0, 20).join('\\n');
  document.body.appendChild(pre);
})();
</script>"""
open(sys.argv[2], "w", encoding="utf-8").write(html.replace("</body>", script + "</body>"))
PY
  for width in 680 1024; do
    dom=$("${browser[@]}" --window-size=$width,1200 --virtual-time-budget=5000 --dump-dom "file://$probe" 2>/dev/null)
    line=$(grep -o 'PROBE width=[0-9][0-9]* scrollWidth=[0-9][0-9]* height=[0-9][0-9]* overflowing=[0-9][0-9]*' <<<"$dom" | tail -1 || true)
    [[ -n "$line" ]] || { fail "$lang at $width px: the measuring script did not run"; continue; }
    echo "$lang at $width px: $line"
    read -r _ w sw h n <<<"$(sed 's/[a-zA-Z]*=//g' <<<"$line")"
    (( sw <= w )) || fail "$lang at $width px: the document scrolls sideways (scrollWidth $sw > $w)"
    (( n == 0 )) || { fail "$lang at $width px: $n elements leave the page"; grep -A20 'PROBE' <<<"$dom" | sed -n 2,21p >&2; }
    if (( width == 680 )); then height=$h; fi
  done
  "${browser[@]}" --window-size=800,${height:-3000} --screenshot="$out/report.$lang.png" "file://$report" >/dev/null 2>&1
  [[ -s "$out/report.$lang.png" ]] || fail "$lang: no screenshot"
  png=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24]))' "$out/report.$lang.png")
  echo "$lang: screenshot $png (width × height)"
  [[ ${png%% *} == 800 ]] || fail "$lang: screenshot is ${png%% *} px wide, not the 800 of the window"
  "${browser[@]}" --print-to-pdf="$out/report.$lang.pdf" "file://$report" >/dev/null 2>&1
  [[ -s "$out/report.$lang.pdf" ]] || { fail "$lang: no PDF"; continue; }

  pages=$(pdfinfo "$out/report.$lang.pdf" | awk '/^Pages:/ {print $2}')
  pdftoppm -r 60 -png "$out/report.$lang.pdf" "$out/page.$lang"
  echo "$lang: $pages A4 pages"
  sizes=$(pdfinfo -f 1 -l "$pages" "$out/report.$lang.pdf" | grep -c 'size: *594.96 x 841.92 pts (A4)' || true)
  (( sizes == pages )) || fail "$lang: $((pages - sizes)) of $pages pages are not A4"
  sections=$(grep -o 'data-section="[a-z-]*"' "$report" | wc -l)
  (( pages >= sections && pages <= 2 * sections )) || fail "$lang: $pages pages for $sections sections"
  # Each section's heading (h2; the first section's h1) opens a page.
  python3 - "$report" "$out/report.$lang.pdf" "$pages" <<'PY' || failures=$((failures + 1))
import html, re, subprocess, sys
doc = open(sys.argv[1], encoding="utf-8").read()
headings = [html.unescape(h) for h in re.findall(r"<h1>([^<]*)</h1>", doc)[:1] + re.findall(r"<h2>([^<]*)</h2>", doc)]
tops = []
for page in range(1, int(sys.argv[3]) + 1):
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), sys.argv[2], "-"], capture_output=True, text=True).stdout
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    tops.append(first)
missing = [h for h in headings if not any(top.startswith(h[:30]) for top in tops)]
if missing:
    print("FAIL: sections not starting a page: %s (page tops: %s)" % (missing, tops), file=sys.stderr)
    sys.exit(1)
print("%d sections, each opening one of %d pages" % (len(headings), len(tops)))
PY
done
echo "PNG and PDF in $out"
if (( failures )); then echo "check-html-report: $failures failure(s)" >&2; exit 1; fi
echo "check-html-report: ok"
