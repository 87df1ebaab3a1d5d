#!/usr/bin/env bash
# Builds The Turing Way (478 chapters) with callbook and pipes the same chapters through the
# reference `cmark` CLI, in the same run, and prints both times and their ratio.
# Usage: bench/build-vs-cmark.sh [BOOK_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
book=${1:-../shared/corpus/turing-way/website}
runs=${2:-5}
command -v cmark >/dev/null || { echo "needs the cmark CLI: apt-get install -y cmark" >&2; exit 2; }
swift build -c release --product callbook >/dev/null
bin=.build/release/callbook
# The site goes to memory (/dev/shm) when there is one, as cmark's HTML goes to /dev/null: the
# comparison is of the work, not of the disk. BENCH_TMPDIR=/tmp measures writing to disk too.
default_tmp=/tmp; [ -d /dev/shm ] && [ -w /dev/shm ] && default_tmp=/dev/shm
out=$(mktemp -d "${BENCH_TMPDIR:-$default_tmp}/callbook-bench.XXXXXX")/site
trap 'rm -rf "$(dirname "$out")"' EXIT

# The chapters the TOC names, in order (callbook prints nothing but builds them all).
mapfile -t chapters < <(python3 - "$book" <<'PY'
import sys, os, yaml
book = sys.argv[1]
def walk(entries, key):
    for e in entries or []:
        if isinstance(e, dict):
            if "file" in e:
                f = e["file"]
                yield f if f.endswith(".md") else f + ".md"
            yield from walk(e.get(key) or e.get("sections") or e.get("chapters"), key)
if os.path.exists(os.path.join(book, "myst.yml")):
    toc = yaml.safe_load(open(os.path.join(book, "myst.yml")))["project"]["toc"]
    files = list(walk(toc, "children"))
else:
    toc = yaml.safe_load(open(os.path.join(book, "_toc.yml")))
    files = list(walk(toc if isinstance(toc, list) else [toc], "sections"))
for f in files:
    print(os.path.join(book, f))
PY
)
echo "book: $book (${#chapters[@]} chapters), best of $runs runs, site written to $(dirname "$(dirname "$out")")"

now_ms() { date +%s%N | awk '{printf "%.1f", $1/1000000}'; }
best() { sort -n | head -1; }

callbook_times=(); cmark_times=()
for _ in $(seq "$runs"); do
  t0=$(now_ms); "$bin" build "$book" --output "$out" --no-cache >/dev/null 2>&1 || true; t1=$(now_ms)
  callbook_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')")
  t0=$(now_ms); cat "${chapters[@]}" | cmark >/dev/null; t1=$(now_ms)
  cmark_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')")
done
cb=$(printf '%s\n' "${callbook_times[@]}" | best)
cm=$(printf '%s\n' "${cmark_times[@]}" | best)
echo "callbook build (whole site, written): ${cb} ms"
echo "cmark (same chapters, concatenated, HTML to /dev/null): ${cm} ms"
awk -v a="$cb" -v b="$cm" 'BEGIN{printf "ratio: %.1fx cmark\n", a/b}'
"$bin" build "$book" --output "$out" --no-cache --timings 2>&1 | grep -E '^  [a-z]+:' || true
