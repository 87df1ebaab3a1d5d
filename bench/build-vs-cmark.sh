#!/usr/bin/env bash
# The four build figures of issue 14, each beside the reference `cmark` CLI on the same Markdown:
#
#   1. clean build      `callbook build BOOK --no-cache`, the whole site written out;
#   2. nothing changed  the same build again with the build cache warm and no file touched;
#   3. one chapter      one chapter in the middle of the TOC gets a new line, then `build`;
#   4. linear growth    a book of 8 copies of BOOK (labels renamed per copy) against a book of
#                       one copy, both clean builds, run in turns: ratio of times (goal ≤ 8.5) and
#                       of peak RSS (goal ≤ 4).
#
# cmark is `cat` of the chapters the TOC names into `cmark --unsafe >/dev/null`. Each figure is
# RUNS whole processes (started and waited for by a Python timer, `time.perf_counter`), printed as
# runs, median, min–max and × cmark's median; peak RSS comes from `/usr/bin/time -f %M`.
#
# Usage: bench/build-vs-cmark.sh [BOOK_DIR] [RUNS]
#   BOOK_DIR      default ../shared/corpus/turing-way/website (from the repository root)
#   RUNS          default 7
#   CALLBOOK_BIN  the callbook binary to measure; default: `swift build -c release --product
#                 callbook --static-swift-stdlib` (as scripts/setup and the release archive build
#                 it) and .build/release/callbook (a copied binary needs CALLBOOK_THEME)
#   BENCH_TMPDIR  where sites and book copies are written; default /tmp, the ordinary disk, as
#                 users build. BENCH_TMPDIR=/dev/shm measures building into memory instead.
#
# Not a test: exit status 0 unless a build crashed (exit status other than 0 or 1; The Turing
# Way's own errors, such as missing includes, make every build exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
book=$(realpath "${1:-../shared/corpus/turing-way/website}")
runs=${2:-7}
today=2026-12-01
command -v cmark >/dev/null || { echo "needs the cmark CLI: apt-get install -y cmark" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install -y time" >&2; exit 2; }
if [ -n "${CALLBOOK_BIN:-}" ]; then
  bin=$(realpath "$CALLBOOK_BIN")
else
  swift build -c release --product callbook --static-swift-stdlib >/dev/null
  bin=$PWD/.build/release/callbook
fi
tmp_root=$(realpath "${BENCH_TMPDIR:-/tmp}")
work=$(mktemp -d "$tmp_root/callbook-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------------------------
# Python helpers, written into the work folder.

# toc.py BOOK: the chapter files the TOC names, in order, one absolute path a line.
cat >"$work/toc.py" <<'PY'
import sys, os, yaml
book = sys.argv[1]
def walk(entries, key):
    for e in entries or []:
        if isinstance(e, dict):
            if "file" in e:
                f = e["file"]
                yield f if f.endswith(".md") else f + ".md"
            yield from walk(e.get(key) or e.get("sections") or e.get("chapters") or e.get("parts"), key)
if os.path.exists(os.path.join(book, "myst.yml")):
    files = list(walk(yaml.safe_load(open(os.path.join(book, "myst.yml")))["project"]["toc"], "children"))
else:
    toc = yaml.safe_load(open(os.path.join(book, "_toc.yml")))
    files = ([toc["root"] + ("" if toc["root"].endswith(".md") else ".md")] if "root" in toc else [])
    files += list(walk(toc.get("chapters") or toc.get("parts") or [], "sections"))
for f in files:
    print(os.path.join(book, f))
PY

# measure.py NAME RUNS RESULTS [options] -- COMMAND...: runs COMMAND RUNS times and appends
# "name runs median min max rss_median_kb statuses" (ms, tab-separated) to RESULTS.
#   --rss           run under /usr/bin/time -f %M (adds ~1 ms of its own exec) for peak RSS
#   --cat LIST      COMMAND's standard input is `cat` of the files listed in LIST (a pipe)
#   --append-to F   before each run, append a new sentence to file F (not timed)
#   --stderr F      keep the last run's standard error in F (else it goes to /dev/null)
cat >"$work/measure.py" <<'PY'
# measure.py NAME RUNS RESULTS [OPTS] -- COMMAND… [:: NAME2 [OPTS] -- COMMAND2…]
# With a second measurement, the two take turns run by run (a slow spell of the machine then
# falls on both alike), and a line is written for each.
import sys, os, subprocess, statistics, time
runs, results = int(sys.argv[2]), sys.argv[3]
rss_file = results + ".rss"
groups, current = [], [sys.argv[1]]
for arg in sys.argv[4:]:
    if arg == "::":
        groups.append(current); current = []
    else:
        current.append(arg)
groups.append(current)
class Measurement:
    def __init__(self, group):
        self.name, args = group[0], group[1:]
        split = args.index("--")
        opts, self.command = args[:split], args[split + 1:]
        opt = lambda flag: opts[opts.index(flag) + 1] if flag in opts else None
        self.rss = "--rss" in opts
        cat_list, self.append_to, self.stderr_path = opt("--cat"), opt("--append-to"), opt("--stderr")
        self.files = open(cat_list).read().split("\n")[:-1] if cat_list else []
        if self.rss:
            self.command = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + self.command
        self.times, self.peaks, self.statuses = [], [], set()
    def run(self, i):
        if self.append_to:
            with open(self.append_to, "a") as f:
                f.write(f"\n\nBenchmark edit {i} of run {os.getpid()}: this sentence is new.\n")
        err = open(self.stderr_path, "w") if self.stderr_path else subprocess.DEVNULL
        start = time.perf_counter()
        if self.files:
            cat = subprocess.Popen(["cat"] + self.files, stdout=subprocess.PIPE)
            proc = subprocess.Popen(self.command, stdin=cat.stdout, stdout=subprocess.DEVNULL, stderr=err)
            cat.stdout.close()
            status = proc.wait(); cat.wait()
        else:
            status = subprocess.run(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err).returncode
        self.times.append((time.perf_counter() - start) * 1000)
        if self.stderr_path:
            err.close()
        self.statuses.add(status)
        if self.rss:
            self.peaks.append(int(open(rss_file).read().split()[-1]))
measurements = [Measurement(group) for group in groups]
for i in range(1, runs + 1):
    for measurement in measurements:
        measurement.run(i)
with open(results, "a") as f:
    for m in measurements:
        line = [m.name, runs, statistics.median(m.times), min(m.times), max(m.times),
                statistics.median(m.peaks) if m.peaks else "-", ",".join(map(str, sorted(m.statuses)))]
        f.write("\t".join(str(round(x, 1)) if isinstance(x, float) else str(x) for x in line) + "\n")
PY

# genbook.py BOOK OUT N: a book of N copies of BOOK in OUT. Each copy is the whole book folder in
# OUT/copy-K/ (so images, includes and the bibliography are where its chapters expect them) with
# an index chapter copy-K/copy.md ("# Copy K") whose children are BOOK's TOC. In copy K every
# MyST target `(label)=`, `:label:`/`:name:` value (or `label:`/`name:` in a `---` option block)
# and glossary term becomes `label-cK`, and so do references to those labels ({ref}, {numref},
# {eq}, {term}, `[text](#label)`, `text <label>`), so that labels stay unique; a
# regular-expression pass, not a parser, so a few may be missed. The project settings
# other than the TOC are BOOK's, with paths into the book pointed at copy-1/.
cat >"$work/genbook.py" <<'PY'
import sys, os, re, copy, shutil, yaml
book, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
jb = not os.path.exists(os.path.join(book, "myst.yml"))
if jb:  # Jupyter Book: take its TOC (root, parts, chapters, sections) and title.
    jtoc = yaml.safe_load(open(os.path.join(book, "_toc.yml")))
    conf = yaml.safe_load(open(os.path.join(book, "_config.yml"))) if os.path.exists(os.path.join(book, "_config.yml")) else {}
    def conv(entries):
        res = []
        for e in entries or []:
            d = {k: v for k, v in e.items() if k in ("file", "url", "title", "glob")}
            if "glob" in d: d["pattern"] = d.pop("glob")
            kids = conv(e.get("sections")) + [x for p in e.get("parts") or [] for x in conv(p.get("chapters"))]
            if kids: d["children"] = kids
            res.append(d)
        return res
    toc = ([{"file": jtoc["root"]}] if "root" in jtoc else []) + conv(jtoc.get("chapters"))
    for part in jtoc.get("parts") or []:
        toc.append({"title": part.get("caption", "Part"), "children": conv(part.get("chapters"))})
    config = {"version": 1, "project": {"title": conf.get("title", "Book")}}
else:
    config = yaml.safe_load(open(os.path.join(book, "myst.yml")))
    toc = config["project"].pop("toc")

# Label definitions: `(label)=` lines; `:label:`/`:name:` options, and `label:`/`name:` in a
# directive's `---` option block; glossary terms (their label is the term). `definitions` finds
# them line by line and returns (line index, prefix, label, rest) for each.
TARGET = re.compile(r"^(\s*\()([^()\n]+)(\)=\s*)$")
OPTION = re.compile(r"^(\s*:(?:label|name):[ \t]*)(\S.*?)([ \t]*)$")
YAML_OPTION = re.compile(r"^(\s*(?:label|name):[ \t]*)(\S.*?)([ \t]*)$")
OPENER = re.compile(r"^\s*(`{3,}|:{3,})\{([^}]+)\}")
def definitions(lines):
    found, fence, glossary, options = [], None, False, False
    for i, line in enumerate(lines):
        if options:
            if line.strip() == "---" and i > options: options = False
            elif m := YAML_OPTION.match(line): found.append((i,) + m.groups())
            continue
        if m := (TARGET.match(line) or OPTION.match(line)):
            found.append((i,) + m.groups()); continue
        if fence is None and (m := OPENER.match(line)):
            # options: the index of the block's opening `---` (the block ends at the next one)
            options = i + 1 if i + 1 < len(lines) and lines[i + 1].strip() == "---" else False
            if m.group(2).strip() == "glossary": fence, glossary = m.group(1), True
            continue
        if glossary:
            if line.strip() == fence: fence, glossary = None, False
            elif line.strip() and not line[0].isspace() and line[0] != ":" and i + 1 < len(lines) \
                    and lines[i + 1].startswith(":"):
                found.append((i, "", line.rstrip(), ""))
    return found
norm = lambda label: " ".join(label.split()).lower()
chapters = []
for root, dirs, names in os.walk(book):
    dirs[:] = [d for d in dirs if not d.startswith(".") and d != "_build"]
    chapters += [os.path.relpath(os.path.join(root, f), book) for f in names if f.endswith(".md")]
labels = set()
for rel in chapters:
    lines = open(os.path.join(book, rel), encoding="utf-8", errors="surrogateescape").read().split("\n")
    labels |= {norm(d[2]) for d in definitions(lines)}

# References: {ref}, {numref}, {eq}, {term} roles (`label` or `text <label>`), `[text](#label)`.
ROLE = re.compile(r"(\{(?:ref|numref|eq|term|prf:ref)\}`)([^`]+)(`)")
LINK = re.compile(r"(\]\(#?)([^)\s#]+)(\))")  # renamed only if a label of the book
def rename(text, sfx):
    lines = text.split("\n")
    for i, prefix, label, rest in definitions(lines):
        lines[i] = prefix + label + sfx + rest
    text = "\n".join(lines)
    known = lambda label: norm(label) in labels
    def role(m):
        body = m.group(2)
        t = re.match(r"^(.*<)([^<>]+)(>\s*)$", body, re.S)
        if t and known(t.group(2)): body = t.group(1) + t.group(2) + sfx + t.group(3)
        elif not t and known(body): body = body + sfx
        return m.group(1) + body + m.group(3)
    text = ROLE.sub(role, text)
    return LINK.sub(lambda m: m.group(1) + m.group(2) + (sfx if known(m.group(2)) else "") + m.group(3), text)

def prefixed(entries, k):
    res = []
    for e in entries or []:
        e = dict(e)
        for key in ("file", "pattern"):
            if key in e: e[key] = f"copy-{k}/{e[key]}"
        for key in ("children", "sections", "chapters"):
            if key in e: e[key] = prefixed(e[key], k)
        res.append(e)
    return res

def into_copy1(value, key=None):
    """Strings naming a file or folder of BOOK (relative paths) now name copy-1's."""
    if isinstance(value, dict):
        return {k: into_copy1(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [into_copy1(v, key) for v in value]
    if isinstance(value, str) and not value.startswith("/") and "://" not in value \
            and os.path.exists(os.path.join(book, value)):
        return os.path.normpath("copy-1/" + value)
    return value

project = config.setdefault("project", {})
exclude = project.pop("exclude", None)
config = into_copy1(config)
project = config["project"]
if exclude:  # excluded in every copy
    project["exclude"] = [f"copy-{k}/{p}" for k in range(1, n + 1) for p in exclude]
project["toc"] = [{"file": f"copy-{k}/copy.md", "children": prefixed(toc, k)} for k in range(1, n + 1)]
os.makedirs(out, exist_ok=True)
for k in range(1, n + 1):
    dest = os.path.join(out, f"copy-{k}")
    shutil.copytree(book, dest, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "_build", ".callbook-cache", "myst.yml", "_toc.yml", "_config.yml"))
    for rel in chapters:
        path = os.path.join(dest, rel)
        text = open(path, encoding="utf-8", errors="surrogateescape").read()
        open(path, "w", encoding="utf-8", errors="surrogateescape").write(rename(text, f"-c{k}"))
    with open(os.path.join(dest, "copy.md"), "w") as f:
        f.write(f"# Copy {k}\n\nCopy {k} of the book, for the linear growth benchmark.\n")
with open(os.path.join(out, "myst.yml"), "w") as f:
    yaml.safe_dump(config, f, sort_keys=False, allow_unicode=True)
print(f"{len(labels)} labels renamed in each copy")
PY

# The folders beside BOOK (The Turing Way's ../figures) go beside each copy of it too, so that
# paths climbing out of the book still find them; skipped if they total more than 200 MB.
copy_siblings() {  # copy_siblings DEST_FOLDER
  local parent size
  parent=$(dirname "$book")
  size=$(find "$parent" -mindepth 1 -maxdepth 1 ! -name '.*' ! -path "$book" -exec du -sk {} + 2>/dev/null \
           | awk '{s += $1} END {print s + 0}')
  if [ "$size" -gt 204800 ]; then
    echo "  note: not copying the ${size} KB beside the book; images outside it will be missing" >&2
    return
  fi
  find "$parent" -mindepth 1 -maxdepth 1 ! -name '.*' ! -path "$book" -exec cp -a {} "$1/" \;
}

results=$work/results.tsv
measure() {
  python3 "$work/measure.py" "$1" "$2" "$results" "${@:3}"
  local count=1 arg
  for arg in "${@:3}"; do [ "$arg" = "::" ] && count=$((count + 1)); done
  report_last "$count"
}
# Prints the figure just measured: runs, median, min–max, × cmark, peak RSS.
report_last() {  # report_last [COUNT]: the last COUNT figures (default 1)
  python3 - "$results" "${1:-1}" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
cm = {r[0]: float(r[2]) for r in rows if r[0].startswith("cmark")}
for name, runs, med, lo, hi, rss, st in rows[-int(sys.argv[2]):]:
    base = cm.get("cmark ×8" if "8 copies" in name else "cmark")
    ratio = f", {float(med) / base:.1f}× cmark" if base and not name.startswith("cmark") else ""
    mem = f", peak RSS {float(rss) / 1024:.0f} MB" if rss != "-" else ""
    crash = "" if set(st.split(",")) <= {"0", "1"} else f"  EXIT STATUS {st}"
    print(f"  {name}: {runs} runs, median {float(med):.1f} ms (min–max {float(lo):.1f}–{float(hi):.1f}){ratio}{mem}{crash}")
PY
}
# cb BOOK OUT [OPTIONS…]: sets cmd to `callbook build BOOK --output OUT --today … OPTIONS`.
cb() { cmd=("$bin" build "$1" --output "$2" --today "$today" "${@:3}"); }

mapfile -t chapters < <(python3 "$work/toc.py" "$book")
printf '%s\n' "${chapters[@]}" >"$work/chapters.txt"
echo "book: $book (${#chapters[@]} chapters in its TOC), $runs runs per figure"
echo "callbook: $bin; sites and copies written to $tmp_root ($(df -PT "$tmp_root" | awk 'NR==2 {print $2}'))"

# cmark: the same chapters, concatenated, HTML to /dev/null. The × cmark of every figure is
# against this median (the 8-copy book's against cmark on its 8 copies' chapters).
measure cmark "$runs" --cat "$work/chapters.txt" -- cmark --unsafe

# 1. Clean build: every page rendered, the cache ignored, the whole site written.
cb "$book" "$work/clean/site" --no-cache
measure "1 clean build" "$runs" --rss --stderr "$work/clean.err" -- "${cmd[@]}"

# 2. Nothing changed: one build fills the cache, then the same build (same --today and
#    --output) again and again with no file touched.
cb "$book" "$work/warm/site"
"${cmd[@]}" >/dev/null 2>&1 || true
measure "2 nothing changed" "$runs" --rss -- "${cmd[@]}"

# 3. One chapter edited: on a copy of the book, one build fills the cache, then before each
#    timed build a new sentence is appended to the chapter in the middle of the TOC.
mkdir "$work/edit"
copy_siblings "$work/edit"
cp -a "$book" "$work/edit/"
edit_book=$work/edit/$(basename "$book")
middle=${chapters[$(( ${#chapters[@]} / 2 ))]}
edited=$edit_book/${middle#"$book"/}
echo "  (edited chapter: ${middle#"$book"/})"
cb "$edit_book" "$work/edit/site"
"${cmd[@]}" >/dev/null 2>&1 || true
# Every file of the fresh copy changed less than 2 s ago: builds in that window check each one's
# contents too (see the README's up-to-date check), which a book edited by hand does not see.
sleep 2.1
"${cmd[@]}" >/dev/null 2>&1 || true
measure "3 one chapter edited" "$runs" --rss --append-to "$edited" -- "${cmd[@]}"

# 4. Linear growth: clean builds of a book of one copy and of a book of 8 copies, made the same
#    way (see genbook.py above), so that their only difference is size.
# The folders beside the book go inside the generated book, beside its copy-N folders.
for n in 1 8; do
  echo "  book of $n cop$([ "$n" = 1 ] && echo y || echo ies): $(python3 "$work/genbook.py" "$book" "$work/gen$n/book" "$n")"
  copy_siblings "$work/gen$n/book"
done
python3 "$work/toc.py" "$work/gen8/book" >"$work/chapters8.txt"
measure "cmark ×8" "$runs" --cat "$work/chapters8.txt" -- cmark --unsafe
# The two books take turns, run by run: a slow spell of the machine falls on both alike.
cb "$work/gen1/book" "$work/gen1/site" --no-cache
one=("${cmd[@]}")
cb "$work/gen8/book" "$work/gen8/site" --no-cache
measure "4 one copy (clean)" "$runs" --rss --stderr "$work/gen1.err" -- "${one[@]}" \
  :: "4 8 copies (clean)" --rss --stderr "$work/gen8.err" -- "${cmd[@]}"
dup() { grep -c '\[duplicate-label\]' "$1" || true; }
diags() { grep -cE ': (warning|error): ' "$1" || true; }
echo "  duplicate-label errors: book $(dup "$work/clean.err"), one copy $(dup "$work/gen1.err"), 8 copies $(dup "$work/gen8.err")"
echo "  warnings and errors in all: book $(diags "$work/clean.err"), one copy $(diags "$work/gen1.err"), 8 copies $(diags "$work/gen8.err")"
echo "  sites: one copy $(du -sh "$work/gen1/site" | cut -f1), 8 copies $(du -sh "$work/gen8/site" | cut -f1)"

# Stages of one clean build of the book (callbook's --timings).
echo "stages of one clean build:"
cb "$book" "$work/clean/site" --no-cache --timings
"${cmd[@]}" 2>&1 | grep -E '^  [a-z]+:' || true

# Summary table, with issue 14's goals.
python3 - "$results" <<'PY'
import sys
rows = {r[0]: r for r in (l.rstrip("\n").split("\t") for l in open(sys.argv[1]))}
med = lambda k: float(rows[k][2])
rss = lambda k: float(rows[k][5]) / 1024
cm = med("cmark")
print("\nsummary (median ms; × cmark median %.1f ms)" % cm)
print(f"  {'figure':<24}{'runs':>5}{'median':>10}{'min–max':>18}{'× cmark':>9}   goal")
goals = {"1 clean build": "≤ 3× cmark", "2 nothing changed": "≤ 1× cmark", "3 one chapter edited": "≤ 1.5× cmark"}
for k, r in rows.items():
    if k.startswith("cmark"):
        continue
    base = med("cmark ×8") if "8 copies" in k else cm
    spread = f"{float(r[3]):.0f}–{float(r[4]):.0f}"
    print(f"  {k:<24}{r[1]:>5}{med(k):>10.0f}{spread:>18}{med(k) / base:>8.1f}×   {goals.get(k, '')}")
print(f"  {'clean build peak RSS':<24}{rss('1 clean build'):>14.0f} MB{'':>29}≤ 150 MB")
one, many = "4 one copy (clean)", "4 8 copies (clean)"
print(f"  {'growth, time 8 / 1':<24}{med(many) / med(one):>15.2f}×{'':>29}≤ 8.5×")
print(f"  {'growth, RSS 8 / 1':<24}{rss(many) / rss(one):>15.2f}×  ({rss(one):.0f} → {rss(many):.0f} MB){'':>9}≤ 4×")
crashed = [k for k, r in rows.items() if not set(r[6].split(",")) <= {"0", "1"}]
if crashed:
    print("CRASHED (exit status other than 0 or 1): " + ", ".join(crashed))
    sys.exit(1)
PY
