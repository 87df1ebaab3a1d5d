#!/usr/bin/env python3
"""`callbook serve` under load while a chapter is saved again and again (issue 10, acceptance).

Starts `callbook serve` (release build) on a copy of The Turing Way, then sends REQUESTS GET
requests over CONNECTIONS keep-alive connections (an asyncio client, no other tool needed) for
the saved chapter's page and, one in ten, the home page, while the chapter is saved SAVES
times (one save per REQUESTS/SAVES responses, so the saves spread over the whole run). It
counts:
- complete pages: a 200 whose body ends with `</html>`;
- empty pages (a 200 whose body is nothing but the live-reload script serve adds) and
  truncated ones (a 200 not ending with `</html>`);
- other statuses, and connections the server closed or reset;
- whether the server is still running at the end (a crash), and its resident memory (RSS,
  sampled every 0.2 s): after start, then per quarter of the run, to see that it stays flat.

Usage: bench/serve-load.py [BOOK_DIR] [REQUESTS] [CONNECTIONS] [SAVES]
Exit status 1 when any page was empty or truncated, the server died, or the run failed.
"""
import asyncio, os, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
book_source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus", "turing-way")
total_requests = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
connections = int(sys.argv[3]) if len(sys.argv) > 3 else 50
saves = int(sys.argv[4]) if len(sys.argv) > 4 else 200

# BENCH_BINARY: a callbook binary to measure instead of building the release one.
binary = os.environ.get("BENCH_BINARY")
if not binary:
    subprocess.run(["swift", "build", "-c", "release", "--product", "callbook", "--static-swift-stdlib"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(root, ".build", "release", "callbook")

scratch = tempfile.mkdtemp(prefix="callbook-bench-")
# Copy the corpus folder (website + figures beside it) so the saves stay out of the shared data.
shutil.copytree(book_source, os.path.join(scratch, "corpus"))
book = os.path.join(scratch, "corpus", "website") if os.path.isdir(os.path.join(scratch, "corpus", "website")) \
    else os.path.join(scratch, "corpus")
chapter = os.path.join(book, "foreword", "background.md")
chapter_path = "/foreword/background.html"
if not os.path.exists(chapter):  # another book: its first chapter in the folder's order
    for folder, _, names in sorted(os.walk(book)):
        names = sorted(n for n in names if n.endswith(".md"))
        if names:
            chapter = os.path.join(folder, names[0])
            chapter_path = "/" + os.path.relpath(chapter, book)[:-3] + ".html"
            break

with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
log_path = os.path.join(scratch, "serve.log")
log = open(log_path, "w+")
server = subprocess.Popen([binary, "serve", book, "--port", str(port), "--today", "2026-11-27"], stdout=log, stderr=log)


def rss_kib():
    try:
        with open("/proc/%d/status" % server.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


LIVE_RELOAD_TAG = b'<script src="/_callbook/live.js"></script>'


class Tally:
    def __init__(self):
        self.done = 0
        self.complete = 0
        self.empty = 0
        self.truncated = 0
        self.statuses = {}
        self.dropped = 0
        self.markers = set()
        self.examples = []


async def fetch(reader, writer, path):
    writer.write(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % (path, port)).encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return status, headers, body


async def client(tally, next_request):
    reader = writer = None
    while True:
        number = next_request()
        if number is None:
            break
        path = "/index.html" if number % 10 == 0 else chapter_path
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status, headers, body = await fetch(reader, writer, path)
        except (ConnectionError, asyncio.IncompleteReadError, OSError) as error:
            tally.dropped += 1
            if len(tally.examples) < 5:
                tally.examples.append("request %d: connection dropped (%s)" % (number, type(error).__name__))
            if writer is not None:
                writer.close()
            reader = writer = None
            tally.done += 1
            continue
        tally.done += 1
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if status == 200:
            # serve adds its live-reload script to every page: an empty file comes out as that tag.
            text = body.replace(LIVE_RELOAD_TAG, b"").strip()
            if not text:
                tally.empty += 1
                if len(tally.examples) < 5:
                    tally.examples.append("request %d: %s empty (%d bytes)" % (number, path, len(body)))
            elif not text.endswith(b"</html>"):
                tally.truncated += 1
                if len(tally.examples) < 5:
                    tally.examples.append("request %d: %s truncated at %d bytes" % (number, path, len(body)))
            else:
                tally.complete += 1
                found = re.search(rb"serve-load-save-(\d+)", body)
                if found:
                    tally.markers.add(int(found.group(1)))
        if headers.get("connection", "").lower() == "close":
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


def saver(tally, original, stop, saved):
    """Saves the chapter once per `total_requests / saves` responses, like an editor (truncate, write)."""
    step = max(1, total_requests // max(1, saves))
    for number in range(saves):
        while tally.done < number * step and not stop.is_set():
            time.sleep(0.002)
        if stop.is_set():
            return
        with open(chapter, "w", encoding="utf-8") as f:
            f.write(original + "\n\nserve-load-save-%d\n" % number)
        saved.append(number)


def main():
    deadline = time.time() + 120
    while "Serving " not in open(log_path).read():
        if server.poll() is not None or time.time() > deadline:
            raise SystemExit("serve did not start:\n" + open(log_path).read())
        time.sleep(0.05)
    original = open(chapter, encoding="utf-8").read()
    tally = Tally()
    samples = []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            value = rss_kib()
            if value is not None:
                samples.append((time.time(), tally.done, value))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rss_start = rss_kib()
    saved = []
    writer_thread = threading.Thread(target=saver, args=(tally, original, stop, saved), daemon=True)
    counter = iter(range(total_requests))

    def next_request():
        return next(counter, None)

    started = time.perf_counter()
    writer_thread.start()

    async def run():
        await asyncio.gather(*(client(tally, next_request) for _ in range(connections)))

    asyncio.run(run())
    elapsed = time.perf_counter() - started
    writer_thread.join(timeout=30)
    time.sleep(1.0)  # the last save's rebuild
    stop.set()
    sampler.join()
    alive = server.poll() is None
    rss_end = rss_kib()

    def quarter_peak(q):
        values = [kib for _, done, kib in samples if q * total_requests / 4 <= done < (q + 1) * total_requests / 4]
        return max(values) if values else None

    print("book: %s (saved chapter: %s)" % (book_source, os.path.relpath(chapter, book)))
    print("requests: %d on %d connections in %.1f s (%.0f/s); chapter saved %d times"
          % (tally.done, connections, elapsed, tally.done / elapsed, len(saved)))
    print("responses: %s" % ", ".join("%d × %d" % (count, status) for status, count in sorted(tally.statuses.items())))
    print("complete pages: %d; empty 200s: %d; truncated 200s: %d; connections dropped: %d"
          % (tally.complete, tally.empty, tally.truncated, tally.dropped))
    print("saves seen in served pages: %d of %d" % (len(tally.markers), len(saved)))
    for example in tally.examples:
        print("  " + example)
    print("server: %s" % ("still running" if alive else "DIED (exit %s)" % server.returncode))
    peaks = [quarter_peak(q) for q in range(4)]
    print("RSS (MiB): at start %s; peak per quarter of the run %s; at end %s"
          % (fmt(rss_start), " / ".join(fmt(p) for p in peaks), fmt(rss_end)))
    ok = alive and tally.empty == 0 and tally.truncated == 0 and tally.dropped == 0
    print("result: %s" % ("OK" if ok else "FAIL"))
    return 0 if ok else 1


def fmt(kib):
    return "?" if kib is None else "%.1f" % (kib / 1024)


try:
    status = main()
finally:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    shutil.rmtree(scratch, ignore_errors=True)
sys.exit(status)
