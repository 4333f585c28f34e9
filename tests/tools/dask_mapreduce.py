#!/usr/bin/python3
"""geopol's map and reduce steps on Dask distributed (tests/cli/dask.sh).

    dask_mapreduce.py [CLUSTER OPTIONS] GEOPOL FILE... --out OUT [JOB OPTIONS]
    dask_mapreduce.py [CLUSTER OPTIONS] GEOPOL --batch JOBS

Starts a distributed.LocalCluster of 2 worker processes (one thread each,
no dashboard, scratch space under --scratch) and a Client, and runs each job
on it: a dask bag of the input rows in partitions, each partition piped
through `GEOPOL graph --format partial -` on a worker (the map step), the
partial graphs concatenated (or merged in a tree, --tree) and piped through
`GEOPOL merge --format json -` on a worker (the reduce step); the client
writes the merged graph to OUT. JOBS has one job a line, with the job
options below and its FILEs (shell words; # starts a comment), all run on
the one cluster.

Job options:
  --shards N        the rows of the FILEs in N partitions (dask.bag.from_sequence)
  --cuts L[,L...]   partitions cut before these 0-based row numbers (uneven shards)
  --blocksize B     dask.bag.read_text: line-aligned blocks of B bytes of each file
  --level L         actor or country (geopol graph --level)
  --input-format F  gdelt or icews (how a partition is read from standard input)
  --max-event-ids N passed to the map and the reduce steps
  --drop K          leave partition K out (to show that the comparison can fail)
  --tree K          merge K partial graphs at a time into a partial graph, then
                    the last one into the graph (split_every=K)
Cluster options:
  --scratch DIR     the workers' local_directory (default: a temporary folder)
  --timeout S       seconds for the whole run (default 90), after which it
                    stops; each geopol run is stopped after a third of it

For each job one line on standard output: OUT, the partitions' row counts,
how many worker processes ran them and the time taken; then a summary.
Exit 0, 1 when a job failed (geopol's message on standard error), 124
when the time was up.
"""
import argparse
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time

import dask
import dask.bag as db
from distributed import Client, LocalCluster, wait


class Geopol:
    """geopol as the workers run it: each run limited to `limit` seconds, and
    its process id kept as a file in `track` while it runs, so that the driver
    can wait for the runs of a failed job, and end any a closed worker left."""

    def __init__(self, path, limit, track):
        self.path, self.limit, self.track = path, limit, track

    def __call__(self, args, data):
        """Runs on a worker: geopol ARGS with DATA on standard input; its output."""
        p = subprocess.Popen([self.path, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        mark = os.path.join(self.track, str(p.pid))
        open(mark, "w").close()
        try:
            out, err = p.communicate(data, timeout=self.limit)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            raise RuntimeError("geopol %s: stopped after %g s" % (" ".join(args), self.limit))
        finally:
            os.unlink(mark)
        if p.returncode != 0:
            raise RuntimeError("geopol %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                          err.decode("utf-8", "replace").strip()))
        return out


def map_step(lines, geopol, args):
    """A partition's rows through `geopol graph --format partial -`: (rows, worker pid, partial)."""
    lines = list(lines)
    data = "".join(lines).encode("utf-8", "surrogateescape")
    partial = geopol(["graph", *args, "--format", "partial", "-"], data)
    return [(len(lines), os.getpid(), partial)]


def job_parser(add_help=False):
    p = argparse.ArgumentParser(add_help=add_help, usage=__doc__.split("\n\n")[1])
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--out")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--shards", type=int)
    how.add_argument("--cuts")
    how.add_argument("--blocksize", type=int)
    p.add_argument("--level", choices=("actor", "country"), default="actor")
    p.add_argument("--input-format", choices=("gdelt", "icews"))
    p.add_argument("--max-event-ids", type=int)
    p.add_argument("--drop", type=int)
    p.add_argument("--tree", type=int)
    return p


def rows_of(files):
    """The rows of the files, each with its line break, as text (bytes kept: surrogateescape)."""
    rows = []
    for f in files:
        with open(f, "rb") as fp:
            data = fp.read()
        text = data.decode("utf-8", "surrogateescape")
        parts = text.split("\n")
        rows += [r + "\n" for r in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return rows


def build(job, geopol):
    """The job's partitions' (rows, worker pid) (a bag) and merged graph (an item), not computed."""
    if job.blocksize:
        rows = db.read_text(job.files, blocksize=job.blocksize, linedelimiter="\n",
                            errors="surrogateescape")
    else:
        lines = rows_of(job.files)
        if job.shards:
            rows = db.from_sequence(lines, npartitions=job.shards)
        else:
            cuts = [0] + [int(c) for c in job.cuts.split(",")] + [len(lines)]
            shards = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
            # One shard a partition, then its rows: partitions as uneven as the cuts.
            rows = db.from_sequence(shards, npartitions=len(shards)).flatten()
    opts = ["--level", job.level]
    if job.input_format:
        opts += ["--input-format", job.input_format]
    if job.max_event_ids is not None:
        opts += ["--max-event-ids", str(job.max_event_ids)]
    parts = rows.map_partitions(map_step, geopol, opts)
    if job.drop is not None:
        kept = parts.to_delayed()
        del kept[job.drop]
        parts = db.from_delayed(kept)
    partials = parts.pluck(2)
    merge_opts = ["--max-event-ids", str(job.max_event_ids)] if job.max_event_ids is not None else []
    if job.tree:
        # Partial graphs merged K at a time into partial graphs, up to one.
        tree_merge = lambda ps: geopol(["merge", "--format", "partial", "-"], b"".join(ps))
        merged = partials.reduction(b"".join, tree_merge, split_every=job.tree)
    else:
        # Partial graphs may be concatenated: one reducer reads them all.
        merged = partials.reduction(b"".join, b"".join, split_every=False)
    graph = merged.apply(lambda p: geopol(["merge", *merge_opts, "--format", "json", "-"], p))
    return parts.map(lambda t: t[:2]), graph


class TimeUp(BaseException):
    """The run's time is up: not caught with a job's errors."""


def on_alarm(signum, frame):
    raise TimeUp("dask_mapreduce: time is up")


def main():
    cp = job_parser(add_help=True)
    cp.add_argument("--scratch")
    cp.add_argument("--timeout", type=float, default=90)
    cp.add_argument("--batch")
    args = cp.parse_intermixed_args()
    if not args.files:
        cp.error("GEOPOL is missing")
    path = os.path.abspath(args.files.pop(0))
    jobs = [args] if args.files else []
    if args.batch:
        jp = job_parser()
        with open(args.batch, encoding="utf-8") as fp:
            for line in fp:
                words = shlex.split(line, comments=True)
                if words:
                    jobs.append(jp.parse_intermixed_args(words))
    if not jobs:
        cp.error("no job: FILE... --out OUT, or --batch JOBS")
    for j in jobs:
        if not j.files or not j.out or not (j.shards or j.cuts or j.blocksize):
            cp.error("a job needs FILEs, --out and --shards, --cuts or --blocksize")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(int(args.timeout) + 1)
    scratch = args.scratch or tempfile.mkdtemp(prefix="dask-")
    track = os.path.join(scratch, "geopol-running")
    os.makedirs(track, exist_ok=True)
    dask.config.set({"temporary-directory": scratch})
    # A hung geopol is killed after a third of the time, and its job fails.
    geopol = Geopol(path, max(5.0, args.timeout / 3), track)
    failed = 0
    workers = set()
    start = time.monotonic()
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None, local_directory=scratch) as cluster, \
                Client(cluster) as client:
            for j in jobs:
                t0 = time.monotonic()
                futures = []
                try:
                    sizes, graph = build(j, geopol)
                    futures = client.compute([sizes, graph])
                    wait(futures, timeout=max(1.0, args.timeout - (time.monotonic() - start)))
                    info, text = client.gather(futures)
                except Exception as e:  # a geopol failure comes back from the worker
                    print("%s: FAILED: %s" % (j.out, str(e) or type(e).__name__), file=sys.stderr)
                    failed += 1
                    # The job's other geopol runs end (or are stopped) before the next job.
                    client.cancel(futures)
                    settle(track, time.monotonic() + geopol.limit + 2)
                    continue
                with open(j.out, "wb") as fp:
                    fp.write(text)
                pids = {pid for _, pid in info}
                workers |= pids
                print("%s: %d partitions, rows %s, on %d workers, %.2f s" % (
                    j.out, len(info), ",".join(str(n) for n, _ in info), len(pids), time.monotonic() - t0))
                sys.stdout.flush()
    finally:
        signal.alarm(0)
        # geopol runs a closed worker left: ended here, by their process ids.
        for pid in os.listdir(track):
            os.unlink(os.path.join(track, pid))
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as fp:
                    ours = fp.read().split(b"\0")[0] == os.fsencode(path)
                if ours:  # not a process that took the id since
                    os.kill(int(pid), signal.SIGKILL)
                    print("dask_mapreduce: geopol (process %s) still running: killed" % pid, file=sys.stderr)
            except (OSError, ValueError):
                pass
    print("dask_mapreduce: %d jobs, %d failed, on %d worker processes (not this one: %s), %.1f s" % (
        len(jobs), failed, len(workers), "yes" if os.getpid() not in workers else "no",
        time.monotonic() - start))
    return 1 if failed else 0


def settle(track, deadline):
    """Waits until no geopol run is marked in TRACK, or the deadline."""
    while os.listdir(track) and time.monotonic() < deadline:
        time.sleep(0.1)

if __name__ == "__main__":
    try:
        sys.exit(main())
    except TimeUp as e:  # the cluster is closed, geopol runs ended
        print(e, file=sys.stderr)
        sys.exit(124)
