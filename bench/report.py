"""Format the results of bench/run.sh as docs/performance.md (on stdout).

    python3 bench/report.py RESULTS.tsv META.txt > docs/performance.md

RESULTS.tsv has one line per (size, tool) run: rows, bytes, tool, status
("ok", "exit N" or "skipped"), wall_ns, elapsed_s, maxrss_kb, edges, note.
META.txt holds key=value lines (date, sizes, geopol, bench_dir).
"""
import csv
import hashlib
import os
import platform
import subprocess
import sys

GEOPOL_TOOLS = ["geopol graph", "geopol graph -j 2", "geopol timeline"]
PEERS = ["wc -l", "floor (C, memchr)", "mawk", "pandas usecols", "pandas all columns",
         "pandas + networkx", "pandas + igraph"]
GRAPH_PEERS = ["mawk", "pandas usecols", "pandas all columns", "pandas + networkx",
               "pandas + igraph"]
EDGE_FILES = {"mawk": "mawk", "pandas usecols": "pandas_usecols",
              "pandas all columns": "pandas_all", "pandas + networkx": "pandas_networkx",
              "pandas + igraph": "pandas_igraph"}
ORDER = ["wc -l", "floor (C, memchr)", "geopol graph", "geopol graph -j 2",
         "geopol timeline", "mawk", "pandas usecols", "pandas + networkx",
         "pandas + igraph", "pandas all columns"]
# Timed on the geopol JSON Lines conversion of the TSV (run.sh, up to 1M rows);
# their "bytes" are the JSON Lines file's.
JSONL_GEOPOL = "geopol graph (JSON Lines)"
JSONL_FLOOR = "cJSON parse (floor for JSON Lines)"
JSONL_TOOLS = [JSONL_GEOPOL, JSONL_FLOOR]
JSONL_TARGET = 1.5  # geopol reading JSON Lines within 1.5x of bare cJSON parsing
MB = 1e6  # throughput and memory are in MB = 10^6 bytes


def sh(cmd):
    try:
        out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip()
    except Exception:  # noqa: BLE001 - machine facts are best effort
        return "?"


def machine(meta):
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
    except OSError:
        pass
    versions = []
    for mod in ("pandas", "networkx", "igraph"):
        try:
            versions.append("%s %s" % (mod, __import__(mod).__version__))
        except Exception:  # noqa: BLE001
            versions.append("%s (missing)" % mod)
    mawk = sh("mawk -W version 2>&1 | head -n 1")
    geopol = meta.get("geopol_run") or meta.get("geopol", "./geopol")
    gver = sh("%s --version" % geopol) or "?"
    if meta.get("geopol_sha"):
        gver += " (`%s`, copied at the start of the run; sha256 %s…)" % (
            meta.get("geopol", "./geopol"), meta["geopol_sha"])
    return [
        ("CPU", "%s, %s cores (`nproc`)" % (cpu, sh("nproc"))),
        ("Memory", mem),
        ("Kernel", "Linux %s (%s)" % (platform.release(), platform.machine())),
        ("Compiler", sh("${CC:-cc} --version | head -n 1")),
        ("Python", "%s (/usr/bin/python3): %s" % (platform.python_version(), ", ".join(versions))),
        ("awk", mawk.splitlines()[0] if mawk else "?"),
        ("geopol", gver),
        ("Date", meta.get("date", "?")),
    ]


def load(path):
    res = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            r["rows"] = int(r["rows"])
            r["bytes"] = int(r["bytes"])
            ok = r["status"] == "ok"
            r["sec"] = int(r["wall_ns"]) / 1e9 if ok else None
            r["peak"] = int(r["maxrss_kb"]) * 1024 / MB if ok else None
            res.setdefault(r["rows"], {})[r["tool"]] = r
    return res


def rate(r):
    return r["bytes"] / r["sec"] / MB


def fmt_rows(x):
    if x >= 1e6:
        return "%.2f M" % (x / 1e6)
    return "%.0f k" % (x / 1e3)


def status_text(r):
    if r is None:
        return "not run"
    if r["status"] == "ok":
        return None
    if r["status"] == "skipped":
        return "skipped (%s)" % r["note"]
    return "n/a (%s)" % r["status"]


def ratio(geo, peer):
    """How geopol's time compares with the peer's, as 'N× faster/slower'."""
    if not geo or not peer or geo["sec"] is None or peer["sec"] is None:
        return "n/a"
    x = peer["sec"] / geo["sec"]
    y = x if x >= 1 else 1 / x
    return ("%.2f" if y < 1.1 else "%.1f") % y + ("× faster" if x >= 1 else "× slower")


def edges_agree(bench_dir, rows, runs):
    """Compare the peers' edge tables written during the run."""
    digests = {}
    for tool, stem in EDGE_FILES.items():
        r = runs.get(tool)
        if not r or r["status"] != "ok":
            continue
        p = os.path.join(bench_dir, "out", str(rows), "edges-%s.tsv" % stem)
        try:
            with open(p, "rb") as f:
                digests[tool] = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            digests[tool] = None
    if not digests:
        return "no peer ran"
    counts = {t: runs[t]["edges"] for t in digests}
    if len(set(digests.values())) == 1 and None not in digests.values():
        return "identical edge tables (%s edges) from %s" % (
            next(iter(counts.values())), ", ".join(digests))
    return "**edge tables DIFFER**: " + ", ".join(
        "%s: %s edges" % (t, counts[t]) for t in digests)


def jsonl_ratio(runs):
    """geopol graph's time on JSON Lines over bare cJSON parsing's, or None."""
    g, c = runs.get(JSONL_GEOPOL), runs.get(JSONL_FLOOR)
    if status_text(g) or status_text(c):
        return None
    return g["sec"] / c["sec"]


def jsonl_verdict(x):
    if x <= JSONL_TARGET:
        return "met (%.0f%% of the limit)" % (100 * x / JSONL_TARGET)
    return "**missed** by %.2f× (needs %.2f× faster to reach %.1f×)" % (
        x - JSONL_TARGET, x / JSONL_TARGET, JSONL_TARGET)


def verdict_min(value, target, unit):
    if value >= target:
        return "met (%.2f× the target)" % (value / target)
    return "**missed** by %.0f %s (%.0f%% short; needs %.2f× faster)" % (
        target - value, unit, 100 * (target - value) / target, target / value)


def verdict_max(value, limit, unit, what):
    if value < limit:
        return "met (%.0f%% of the limit)" % (100 * value / limit)
    return "**missed** by %.1f %s (%.1f× the limit; %s must shrink %.1f×)" % (
        value - limit, unit, value / limit, what, value / limit)


def jsonl_section(w, n, runs):
    """The JSON Lines table of one size: geopol graph and bare cJSON parsing."""
    if not any(t in runs for t in JSONL_TOOLS):
        w("JSON Lines input: not measured at this size (`bench/run.sh` converts and "
          "times it only up to 1,000,000 rows, `BENCH_JSONL_MAX_ROWS`).")
        w("")
        return
    jb = [r["bytes"] for t, r in runs.items() if t in JSONL_TOOLS and r["bytes"]]
    tb = [r["bytes"] for t, r in runs.items() if t not in JSONL_TOOLS and r["bytes"]]
    if jb:
        w("### JSON Lines input (%.1f MB, `gdelt-%d.jsonl`%s)" % (
            jb[0] / MB, n, ", %.2f× the TSV's bytes" % (jb[0] / tb[0]) if tb else ""))
    else:
        w("### JSON Lines input (no file)")
    w("")
    w("The same %s events converted by `geopol import gdelt`; both tools read the JSON "
      "Lines file, not the TSV above. MB/s are the JSON Lines file's bytes a second; "
      "rows/s counts events." % "{:,}".format(n))
    w("")
    w("| tool (reading the JSON Lines file) | seconds | rows/s | MB/s | peak MB |")
    w("|---|---:|---:|---:|---:|")
    for tool in JSONL_TOOLS:
        r = runs.get(tool)
        if r is None:
            continue
        st = status_text(r)
        if st:
            w("| %s | %s | | | |" % (tool, st))
            continue
        w("| %s | %.3f | %s | %.1f | %.1f |" % (
            tool, r["sec"], fmt_rows(n / r["sec"]), rate(r), r["peak"]))
    w("")
    for t in JSONL_TOOLS:
        r = runs.get(t)
        if r and r["status"].startswith("exit") and r["note"]:
            w("- `%s` said: `%s`" % (t, r["note"].replace("`", "'")))
            w("")
    x = jsonl_ratio(runs)
    if x is None:
        w("geopol against bare cJSON parsing: not measured.")
    else:
        line = ("geopol graph reading JSON Lines took **%.2f× the time of bare cJSON "
                "parsing** (the target is at most %.1f×)" % (x, JSONL_TARGET))
        g, t = runs.get(JSONL_GEOPOL), runs.get("geopol graph")
        if status_text(t) is None:
            line += ", and %.2f× the time geopol graph took on the TSV" % (g["sec"] / t["sec"])
        w(line + ".")
    w("")


LAYOUT_TARGET = 1.2


def layout_section(w, path):
    """Minified against pretty-printed JSON: medians of interleaved rounds."""
    import statistics
    runs = {}
    with open(path) as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            runs.setdefault((r["tool"], r["layout"]), []).append(r)
    if not runs:
        return
    first = next(iter(runs.values()))
    any_r = first[0]
    w("## One-line JSON (%s events)" % "{:,}".format(int(any_r["events"])))
    w("")
    w("One event file written twice by `bench/gen_events.py`: pretty-printed (indent 2) "
      "and minified on one line, as `jq -c` and most generators write it. Each tool ran "
      "%d times on each, the two layouts interleaved (`bench/json_layout.sh`); the table "
      "gives medians. Python's `json.load` is the peer: it keeps no source positions. "
      "geopol locates every value by line and column (in characters), which once cost "
      "time quadratic in a line's length." % len(first))
    w("")
    w("| tool | pretty s | minified s | minified / pretty | target |")
    w("|---|---:|---:|---:|---|")
    for tool in ("geopol validate", "geopol graph", "python json.load"):
        p, m = runs.get((tool, "pretty"), []), runs.get((tool, "minified"), [])
        if not p or not m:
            continue
        if any(r["status"] != "ok" for r in p + m):
            w("| %s | failed | failed | | |" % tool)
            continue
        mp = statistics.median(int(r["wall_ns"]) for r in p) / 1e9
        mm = statistics.median(int(r["wall_ns"]) for r in m) / 1e9
        x = mm / mp
        target = ("at most %.1f×: %s" % (LAYOUT_TARGET, "met" if x <= LAYOUT_TARGET else "**missed**")
                  if tool.startswith("geopol") else "(peer)")
        w("| %s | %.3f | %.3f | %.2f× | %s |" % (tool, mp, mm, x, target))
    w("")


def series_section(w, path):
    """geopol series by month against pandas + igraph by month: medians of interleaved rounds."""
    import statistics
    runs = {}
    with open(path) as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            runs.setdefault(r["tool"], []).append(r)
    geo, peer = runs.get("geopol series", []), runs.get("pandas + igraph by month", [])
    if not geo or not peer:
        return
    w("## Change over time: a series by month (%s rows)" % "{:,}".format(int(geo[0]["rows"])))
    w("")
    w("`geopol series --level country --every P1M --table dyads --format csv` on the "
      "GDELT-shaped file against its peer, pandas (`groupby` by month and country pair: "
      "count, sum of positive and of negative Goldstein scores) with python-igraph's "
      "PageRank on each month's graph (`bench/peers/pandas_igraph_monthly.py`). geopol "
      "also computes every country's degrees and strength per month. %d interleaved rounds "
      "each (`bench/series_bench.sh`); medians." % len(geo))
    w("")
    w("| tool | median s | rows/s |")
    w("|---|---:|---:|")
    med = {}
    for tool, rs in (("geopol series", geo), ("pandas + igraph by month", peer)):
        if any(r["status"] != "ok" for r in rs):
            w("| %s | failed (%s) | |" % (tool, rs[0]["status"]))
            continue
        med[tool] = statistics.median(int(r["wall_ns"]) for r in rs) / 1e9
        w("| %s | %.3f | %s |" % (tool, med[tool], "{:,.0f}".format(int(rs[0]["rows"]) / med[tool])))
    w("")
    if len(med) == 2:
        x = med["geopol series"] / med["pandas + igraph by month"]
        w("geopol took **%.2f× the time of the peer** (%s)." % (
            x, "faster" if x < 1 else "slower"))
        w("")


def main():
    results, meta_path = sys.argv[1], sys.argv[2]
    meta = {}
    with open(meta_path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    res = load(results)
    sizes = sorted(res)
    bench_dir = meta.get("bench_dir", "/tmp/geopol-bench")
    o = []
    w = o.append

    w("# Performance")
    w("")
    w("Generated by `bench/run.sh` (`make bench`) on %s; rerunning it rewrites this "
      "file. Every number below comes from that one run, and every comparison is a "
      "ratio between two tools measured in it." % meta.get("date", "?"))
    w("")
    w("Sizes in this run: %s rows (`BENCH_SIZES`; the default is 100k, 1M and 5M)."
      % ", ".join("{:,}".format(s) for s in sizes))
    w("")
    w("## Machine")
    w("")
    for k, v in machine(meta):
        w("- **%s**: %s" % (k, v))
    w("")
    w("## Method")
    w("")
    w("- **Data**: `bench/gen_gdelt.c` writes GDELT 1.0 event rows (58 TAB-separated "
      "columns, no header, about 360 bytes a row), deterministically (fixed-seed "
      "splitmix64, integer arithmetic only: same ROWS, same bytes): Zipf-skewed ISO "
      "alpha-3 country codes (~200), actor codes such as `USAGOV`, `RUSMIL`, `BUS`, "
      "one actor side entirely empty in 25% of rows, about a fifth of actors without a "
      "country code, CAMEO event codes with leading zeros and matching root code, "
      "QuadClass and Goldstein value, dates spread over 2018 in random order, geo "
      "fields from real places, 60-150-character URLs.")
    w("- **Aggregation** (what every peer computes): the country graph. For each row "
      "whose Actor1CountryCode and Actor2CountryCode are both non-empty and different, "
      "a directed edge Actor1CountryCode → Actor2CountryCode; per pair the number of "
      "rows and the sum of GoldsteinScale; the edge table is written sorted. The "
      "networkx and igraph peers also compute PageRank (damping 0.85, weight = count). "
      "`bench/check_peers.sh` checks that all peers produce the same table byte for "
      "byte; this run compared the tables again at every size (below).")
    w("- **geopol** does more than the peers: `graph --level country` also keeps actors "
      "without a country code as nodes of their own and computes PageRank, betweenness "
      "and communities, and its JSON carries per-edge details; `timeline --format csv` "
      "sorts every event by date. Output goes to `/dev/null`.")
    w("- **Floor**: `wc -l`, and `bench/floor.c`, which reads the file with `read()` in "
      "4 MiB blocks and splits lines and fields with `memchr`, touching columns 7, 17 "
      "and 30: the least any reader of this file must do.")
    w("- **JSON Lines** (sizes up to 1M rows): `geopol import gdelt` converts the "
      "same file once to geopol JSON Lines (`gdelt-ROWS.jsonl`: a header line, one "
      "line per actor, one per event; the conversion is not timed), and `geopol graph --level country` reads that file. Its floor is "
      "`bench/cjson_floor.c`: `getline` and `cJSON_ParseWithLength` on every line, "
      "then `cJSON_Delete`, nothing else (geopol's JSON reader is built on cJSON). "
      "These two rows have their own table per size, and their MB/s are the JSON "
      "Lines file's bytes over the wall time.")
    w("- **Timing**: the files are generated once (reused while the generator is "
      "unchanged) and read with `cat > /dev/null` before each size, so every tool reads "
      "from the page cache. Each tool runs **once** per size. Wall time is a "
      "nanosecond clock around `/usr/bin/time -f '%e %M'`, whose `%M` gives the peak "
      "resident set size. Python peers' times include the interpreter start and "
      "imports (about 0.3-0.5 s), which dominate at 100k rows.")
    w("- **Units**: MB = 10^6 bytes (throughput and memory alike); rows/s and MB/s are "
      "the file's rows and bytes divided by the wall time; \"peak MB\" is the peak RSS.")
    w("")

    for n in sizes:
        runs = res[n]
        tsv = [r for t, r in runs.items() if t not in JSONL_TOOLS]
        anyr = tsv[0] if tsv else next(iter(runs.values()))
        w("## %s rows (%.1f MB)" % ("{:,}".format(n), anyr["bytes"] / MB))
        w("")
        w("| tool | seconds | rows/s | MB/s | peak MB | edges |")
        w("|---|---:|---:|---:|---:|---:|")
        for tool in ORDER + [t for t in runs if t not in ORDER and t not in JSONL_TOOLS]:
            r = runs.get(tool)
            if r is None:
                continue
            st = status_text(r)
            if st:
                w("| %s | %s | | | | |" % (tool, st))
                continue
            w("| %s | %.3f | %s | %.1f | %.1f | %s |" % (
                tool, r["sec"], fmt_rows(n / r["sec"]), rate(r), r["peak"], r["edges"]))
        w("")
        w("Peers' agreement: %s." % edges_agree(bench_dir, n, runs))
        notes = [(t, r["note"]) for t, r in runs.items()
                 if r["status"].startswith("exit") and r["note"]]
        if notes:
            w("")
            for t, note in notes:
                w("- `%s` said: `%s`" % (t, note.replace("`", "'")))
        w("")
        w("geopol against each peer (wall time; \"faster\" means geopol took less time):")
        w("")
        w("| | " + " | ".join(PEERS) + " |")
        w("|---|" + "---:|" * len(PEERS))
        for g in GEOPOL_TOOLS:
            gr = runs.get(g)
            if gr is None:
                continue
            st = status_text(gr)
            cells = [st] * len(PEERS) if st else [ratio(gr, runs.get(p)) for p in PEERS]
            w("| %s | %s |" % (g, " | ".join(cells)))
        w("")
        w("The timeline is not the peers' aggregation; its ratios are shown only for scale.")
        w("")
        jsonl_section(w, n, runs)

    # ---- targets -----------------------------------------------------------
    w("## Targets")
    w("")
    w("From the benchmark issue. Throughput targets are checked at every size that "
      "ran, the JSON Lines target at every size where JSON Lines ran (up to 1M rows); "
      "memory targets are stated at 5M rows.")
    w("")
    w("| target | rows | measured | verdict |")
    w("|---|---:|---:|---|")

    def row(target, n, measured, verdict):
        w("| %s | %s | %s | %s |" % (target, "{:,}".format(n) if n else "", measured, verdict))

    for n in sizes:
        r = res[n].get("geopol graph")
        st = status_text(r)
        if st:
            row("`graph --level country` ≥ 600 MB/s", n, st, "not measured")
        else:
            row("`graph --level country` ≥ 600 MB/s", n, "%.1f MB/s" % rate(r),
                verdict_min(rate(r), 600, "MB/s"))
    for n in sizes:
        r, fl = res[n].get("geopol graph"), res[n].get("floor (C, memchr)")
        st = status_text(r) or status_text(fl)
        if st:
            row("`graph --level country` within 2× of the floor", n, st, "not measured")
        else:
            x = r["sec"] / fl["sec"]
            v = ("met" if x <= 2 else "**missed**: needs %.2f× faster to reach 2×" % (x / 2))
            row("`graph --level country` within 2× of the floor", n,
                "%.1f× the floor's time (floor %.0f MB/s)" % (x, rate(fl)), v)
    for n in sizes:
        r = res[n].get("geopol graph -j 2")
        st = status_text(r)
        if st:
            row("`graph -j 2` ≥ 1 GB/s", n, st, "not measured")
        else:
            row("`graph -j 2` ≥ 1 GB/s", n, "%.1f MB/s" % rate(r),
                verdict_min(rate(r), 1000, "MB/s"))
    jsonl_label = "JSON Lines within %.1f× of bare cJSON parsing" % JSONL_TARGET
    jsonl_sizes = [n for n in sizes if any(t in res[n] for t in JSONL_TOOLS)]
    for n in jsonl_sizes:
        x = jsonl_ratio(res[n])
        if x is None:
            st = status_text(res[n].get(JSONL_GEOPOL)) or status_text(res[n].get(JSONL_FLOOR))
            row(jsonl_label, n, st, "not measured")
        else:
            row(jsonl_label, n, "measured %.2f× (geopol %.1f MB/s, cJSON %.1f MB/s)" % (
                x, rate(res[n][JSONL_GEOPOL]), rate(res[n][JSONL_FLOOR])), jsonl_verdict(x))
    if not jsonl_sizes:
        row(jsonl_label, None, "not measured", "JSON Lines runs only at sizes up to 1M rows")

    big = 5000000
    for tool, label, fn in (
            ("geopol graph", "`graph --level country` peak memory < 64 MB at 5M rows",
             lambda r, n: ("%.1f MB" % r["peak"],
                           verdict_max(r["peak"], 64, "MB", "peak memory"))),
            ("geopol timeline", "`timeline` peak memory < 100 bytes a row at 5M rows",
             lambda r, n: ("%.0f bytes a row (%.1f MB)" % (r["peak"] * MB / n, r["peak"]),
                           verdict_max(r["peak"] * MB / n, 100, "bytes a row",
                                       "memory a row")))):
        if big in res:
            r = res[big].get(tool)
            st = status_text(r)
            if st:
                row(label, big, st, "not measured")
            else:
                m, v = fn(r, big)
                row(label, big, m, v)
        else:
            # 5M did not run: show the largest size that did, as an indication.
            done = [n for n in sizes if status_text(res[n].get(tool)) is None]
            if done:
                n = done[-1]
                m, _ = fn(res[n][tool], n)
                row(label, n, m, "not measured at 5M rows (not in BENCH_SIZES); "
                    "value at %s rows shown" % "{:,}".format(n))
            else:
                row(label, None, "not measured", "5M rows not in BENCH_SIZES")
    w("")
    if meta.get("layout") and os.path.exists(meta["layout"]):
        layout_section(w, meta["layout"])
    if meta.get("series"):
        series_section(w, meta["series"])
    print("\n".join(o))


if __name__ == "__main__":
    main()
