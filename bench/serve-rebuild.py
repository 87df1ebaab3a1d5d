#!/usr/bin/env python3
"""How fast `callbook serve` turns a saved chapter into a written page.

Starts `callbook serve` (release build) on a copy of The Turing Way, then, several times,
appends a unique line to one chapter and measures the time until the served page's HTML file
holds it. Also measures a no-change rebuild (a chapter saved with the same text). Prints the
median and the worst of each.

Usage: bench/serve-rebuild.py [BOOK_DIR] [RUNS]
"""
import os, re, shutil, signal, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
book_source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus", "turing-way")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
subprocess.run(["swift", "build", "-c", "release", "--product", "callbook", "--static-swift-stdlib"], cwd=root, check=True,
               stdout=subprocess.DEVNULL)
binary = os.path.join(root, ".build", "release", "callbook")

scratch = tempfile.mkdtemp(prefix="callbook-bench-")
# Copy the corpus folder (website + figures beside it) so edits stay out of the shared data.
shutil.copytree(book_source, os.path.join(scratch, "corpus"))
book = os.path.join(scratch, "corpus", "website") if os.path.isdir(os.path.join(scratch, "corpus", "website")) \
    else os.path.join(scratch, "corpus")
chapter = os.path.join(book, "foreword", "background.md")
port = 8790
log = open(os.path.join(scratch, "serve.log"), "w+")
server = subprocess.Popen([binary, "serve", book, "--port", str(port), "--today", "2026-11-27"], stdout=log, stderr=log)
try:
    deadline = time.time() + 60
    while True:
        # serve names the (private, mkdtemp-made) folder it builds the site in once it listens.
        serving = re.search(r"\(built in (.+)\) — press Ctrl-C", open(log.name).read())
        if serving:
            break
        if time.time() > deadline or server.poll() is not None:
            raise SystemExit("serve did not start: " + open(log.name).read())
        time.sleep(0.05)
    page = os.path.join(serving.group(1), "foreword", "background.html")

    def wait_for(marker):
        while True:
            try:
                with open(page, encoding="utf-8") as f:
                    if marker in f.read():
                        return
            except FileNotFoundError:
                pass
            time.sleep(0.0005)

    original = open(chapter, encoding="utf-8").read()
    edits = []
    for run in range(runs):
        marker = "callbook-bench-marker-%d-%d" % (run, time.time_ns())
        start = time.perf_counter()
        with open(chapter, "w", encoding="utf-8") as f:
            f.write(original + "\n\n" + marker + "\n")
        wait_for(marker)
        edits.append((time.perf_counter() - start) * 1000)
        time.sleep(0.3)
    # No-change rebuilds: the same text saved again; serve reports its own time in its log.
    for run in range(runs):
        with open(chapter, "w", encoding="utf-8") as f:
            f.write(original + "\n\n" + marker + "\n")
        time.sleep(0.3)
    log.flush()
    times = [float(m) for m in re.findall(r"written in ([0-9.]+) ms", open(log.name).read())]
    nochange = times[-runs:]
    def summary(values):
        values = sorted(values)
        return "median %.1f ms, worst %.1f ms" % (values[len(values) // 2], values[-1])
    print("book: %s" % book_source)
    print("saved chapter -> page written (measured outside serve): %s over %d edits" % (summary(edits), runs))
    print("no-change rebuild (serve's own timing): %s over %d saves" % (summary(nochange), runs))
finally:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=10)
    shutil.rmtree(scratch, ignore_errors=True)
