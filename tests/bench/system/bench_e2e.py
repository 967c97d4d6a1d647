#!/usr/bin/env python3
"""End-to-end benchmark: a file backup through kura-agent and kura-server on 127.0.0.1 against
kura-repo's local backup of the same corpus.

Usage: bench_e2e.py [--quick] PATH/TO/kura-repo PATH/TO/kura-server PATH/TO/kura-agent

Each run, for both sides, on the storage benchmark's corpus (tests/bench/store/corpus.py):
  local:  kura-repo init of a fresh repository (not timed), initial backup, unchanged re-backup,
          full restore of the latest snapshot to an empty folder, each timed as the kura-repo
          command (wall clock, peak RSS, CPU seconds).
  e2e:    a fresh kura-server data folder and a freshly enrolled kura-agent; the server is
          protected with an immediate files plan of the corpus; initial backup, unchanged
          re-backup, full restore of the initial backup's generation through the API to an
          empty folder on the agent's machine, each timed from the API request until the API
          shows the job succeeded (also the job's own started..ended), with the peak RSS
          (VmHWM, reset before each job) and CPU seconds of kura-agent and kura-server.
After every e2e backup the server's repository is verified with kura-repo: `check --read-data`
must exit 0, and a restore of the job's snapshot (the server tags it job:ID) must give every
corpus file with the same SHA-256. Every restore, local or e2e, must give every corpus file with
the same SHA-256 too. Any failure exits 1 (a ctest failure). The report shows medians and the
ratio of the e2e throughput to the local one, against the target of 70 % for the backups.

Environment:
  KURA_BENCH_SCALE   corpus size factor (default 0.25: about 520 MB; --quick: 0.02)
  KURA_BENCH_RUNS    runs per side, medians are reported (default 3; --quick: 1)
  KURA_BENCH_CACHE   warm (default) or cold (drop the page cache before every timed job; root)
  KURA_BENCH_DIR     work folder (default: a new folder under /var/tmp, removed at the end)
  KURA_BENCH_RESTORE_DIR  where the timed restores write (default: a new folder in /dev/shm when
                     it has room for two copies of the corpus, else in the work folder). On
                     ext4 without a journal, creating inodes right after tens of thousands were
                     deleted (the previous restore) costs several times the restore itself.
  KURA_BENCH_KEEP    1: keep the work folder (corpus, repositories, daemon logs)
  KURA_BENCH_AGENT_WORKERS  N: run the agent with `--workers N` (default: the agent's own default)
  KURA_BENCH_PERF    a folder: `perf record -g` of kura-server and kura-agent during every e2e
                     backup goes there (perf slows the daemons: such figures are not comparable)
  KURA_BENCH_OUTPUT  Markdown report path (default: bench_e2e.md in the current folder); the raw
                     figures go next to it as .json
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "store"))
import corpus as corpus_mod  # noqa: E402
import e2e_report  # noqa: E402
import kura_system  # noqa: E402
from kura_system import BenchError  # noqa: E402

PASSWORD = "bench-passphrase"
PHASES = ("initial", "rebackup")


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def run_measured(argv, log_path):
    """Runs a command with its output in `log_path`; returns its wall seconds, peak RSS (KiB)
    and CPU seconds (user + system), the last two from wait4's rusage of this child alone."""
    with open(log_path, "wb") as log:
        started = time.monotonic()
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        with open(log_path, "rb") as log:
            tail = log.read()[-3000:].decode(errors="replace")
        raise BenchError("%s failed (exit %d):\n%s" % (" ".join(argv), process.returncode, tail))
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def manifest(root):
    """SHA-256 of every regular file below `root`, by relative path; other node types by kind."""
    result = {}
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, root)
            if os.path.islink(full) or not os.path.isfile(full):
                result[relative] = "not a regular file"
                continue
            digest = hashlib.sha256()
            with open(full, "rb") as f:
                while True:
                    block = f.read(1 << 20)
                    if not block:
                        break
                    digest.update(block)
            result[relative] = digest.hexdigest()
    return result


def compare_manifests(expected, restored, what):
    missing = sorted(set(expected) - set(restored))
    extra = sorted(set(restored) - set(expected))
    differ = sorted(p for p in set(expected) & set(restored) if expected[p] != restored[p])
    if missing or extra or differ:
        raise BenchError("%s: the restore differs from the corpus: %d missing (%s), %d extra (%s), %d with "
                         "other content (%s)" % (what, len(missing), missing[:5], len(extra), extra[:5],
                                                 len(differ), differ[:5]))


class Bench:
    def __init__(self, binaries, work, corpus, expected, cache, perf_dir, agent_args, restore_dir):
        self.restore_dir = restore_dir
        self.binaries = binaries
        self.agent_args = agent_args
        self.work = work
        self.corpus = corpus
        self.expected = expected
        self.cache = cache
        self.perf_dir = perf_dir
        self.password_file = os.path.join(work, "repo-password")
        with open(self.password_file, "w") as f:
            f.write(PASSWORD)

    def kura_repo(self, repo, password_file, *args):
        return [self.binaries["kura-repo"], "-r", repo, "--password-file", password_file, "-q"] + list(args)

    def local_run(self, index):
        """kura-repo: init (not timed), initial backup, unchanged re-backup into a fresh repository,
        then a full restore of the latest snapshot, compared with the corpus."""
        repo = os.path.join(self.work, "local-repo")
        shutil.rmtree(repo, ignore_errors=True)
        kura_system.run(self.kura_repo(repo, self.password_file, "init"), what="kura-repo init")
        figures = {}
        for phase in PHASES:
            if self.cache == "cold":
                drop_caches()
            seconds, rss, cpu = run_measured(self.kura_repo(repo, self.password_file, "backup", self.corpus["root"]),
                                             os.path.join(self.work, "local-%d-%s.log" % (index, phase)))
            figures[phase] = {"seconds": seconds, "rss_kib": rss, "cpu_s": cpu}
        figures["repo_bytes"] = du_bytes(repo)
        target = os.path.join(self.restore_dir, "local-restore")
        shutil.rmtree(target, ignore_errors=True)
        if self.cache == "cold":
            drop_caches()
        seconds, rss, cpu = run_measured(self.kura_repo(repo, self.password_file, "restore", "latest", "--target", target),
                                         os.path.join(self.work, "local-%d-restore.log" % index))
        self.compare_restore(target, "local run %d, restore" % index)
        figures["restore"] = {"seconds": seconds, "rss_kib": rss, "cpu_s": cpu}
        shutil.rmtree(repo)
        return figures

    def compare_restore(self, target, what):
        """The corpus's files below `target` (restores keep the full path) against the corpus."""
        compare_manifests(self.expected, manifest(os.path.join(target, self.corpus["root"].lstrip("/"))), what)
        shutil.rmtree(target)

    def e2e_run(self, index):
        """A fresh server and agent: initial backup and unchanged re-backup, each verified, then a
        full restore of the initial backup through the agent, compared with the corpus."""
        folder = os.path.join(self.work, "e2e-%d" % index)
        shutil.rmtree(folder, ignore_errors=True)
        sut = kura_system.ServerUnderTest(self.binaries, folder)
        figures = {}
        try:
            sut.enroll_agent([self.corpus["root"]], self.agent_args)
            daemons = {"kura-agent": sut.agent.pid, "kura-server": sut.server.pid}
            generations = {}
            for phase in PHASES:
                measured, job = self.measured_job(sut, daemons, index, phase, sut.backup)
                generations[phase] = job["generationId"]
                measured.update(self.verify(sut, folder, int(job["id"]), "e2e run %d, %s backup" % (index, phase)))
                figures[phase] = measured
            figures["repo_bytes"] = du_bytes(sut.repository)
            target = os.path.join(self.restore_dir, "agent-restore")
            shutil.rmtree(target, ignore_errors=True)
            figures["restore"], _ = self.measured_job(sut, daemons, index, "restore",
                                                      lambda: sut.restore(int(generations["initial"]), target))
            self.compare_restore(target, "e2e run %d, restore through the agent" % index)
        finally:
            codes = sut.stop()
        if codes.get("kura-server") != 0:
            raise BenchError("kura-server exited with %s after SIGTERM:\n%s" % (codes["kura-server"],
                                                                                 sut.server.log_tail()))
        if os.environ.get("KURA_BENCH_KEEP") != "1":
            shutil.rmtree(folder)
        return figures

    def measured_job(self, sut, daemons, index, phase, run_job):
        """Runs one job (run_job() returns ServerUnderTest's figures) with the daemons' CPU and
        peak RSS measured; returns the figures and the finished job."""
        if self.cache == "cold":
            drop_caches()
        hwm_reset = all(kura_system.reset_peak_rss(pid) for pid in daemons.values())
        cpu_before = {name: kura_system.cpu_seconds(pid) for name, pid in daemons.items()}
        perf = self.start_perf(daemons, index, phase)
        try:
            job = run_job()
        finally:
            self.stop_perf(perf)
        measured = {"seconds": job["request_s"], "job_s": job["job_s"], "hwm_reset": hwm_reset,
                    "statistics": {k: v for k, v in job["job"].get("progress", {}).items()}}
        for name, pid in daemons.items():
            measured[name] = {"rss_kib": kura_system.peak_rss_kib(pid),
                              "cpu_s": kura_system.cpu_seconds(pid) - cpu_before[name]}
        return measured, job["job"]

    def verify(self, sut, folder, job_id, what):
        """check --read-data of the server's repository, and a full restore of the job's snapshot
        (tagged job:ID by the server) compared with the corpus by SHA-256."""
        started = time.monotonic()
        kura_system.run(self.kura_repo(sut.repository, sut.repository_key, "check", "--read-data"),
                        what="%s: kura-repo check --read-data" % what)
        check_s = time.monotonic() - started
        snapshots = json.loads(kura_system.run(self.kura_repo(sut.repository, sut.repository_key, "--json",
                                                              "snapshots"), what="%s: kura-repo snapshots" % what))
        ids = [s["id"] for s in snapshots if "job:%d" % job_id in s.get("tags", [])]
        if len(ids) != 1:
            raise BenchError("%s: the server's repository has %d snapshots of job %d, not one" % (what, len(ids), job_id))
        target = os.path.join(folder, "restore")
        shutil.rmtree(target, ignore_errors=True)
        started = time.monotonic()
        kura_system.run(self.kura_repo(sut.repository, sut.repository_key, "restore", ids[0], "--target", target),
                        what="%s: kura-repo restore" % what)
        restore_s = time.monotonic() - started
        self.compare_restore(target, what)
        return {"check_s": check_s, "restore_s": restore_s, "verified": True, "snapshot": ids[0]}

    def start_perf(self, daemons, index, phase):
        if not self.perf_dir:
            return []
        records = []
        for name, pid in daemons.items():
            output = os.path.join(self.perf_dir, "%s-run%d-%s.data" % (name, index, phase))
            records.append(subprocess.Popen(["perf", "record", "-g", "-p", str(pid), "-o", output],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(0.5)  # perf attaches asynchronously
        return records

    @staticmethod
    def stop_perf(records):
        for record in records:
            record.send_signal(signal.SIGINT)
        for record in records:
            record.wait(60)


def du_bytes(path):
    return int(kura_system.run(["du", "-sb", path]).split()[0])


def versions(binaries):
    return [kura_system.run([binaries[name], "--version"]).strip() for name in ("kura-repo", "kura-server", "kura-agent")]


def main(argv):
    quick = "--quick" in argv
    paths = [a for a in argv if a != "--quick"]
    if len(paths) != 3 or not all(os.access(p, os.X_OK) for p in paths):
        print(__doc__, file=sys.stderr)
        return 2
    binaries = dict(zip(("kura-repo", "kura-server", "kura-agent"), (os.path.abspath(p) for p in paths)))
    try:
        scale = float(os.environ.get("KURA_BENCH_SCALE", "0.02" if quick else "0.25"))
        runs = int(os.environ.get("KURA_BENCH_RUNS", "1" if quick else "3"))
    except ValueError as e:
        print("KURA_BENCH_SCALE / KURA_BENCH_RUNS: %s" % e, file=sys.stderr)
        return 2
    if scale <= 0 or runs < 1:
        print("KURA_BENCH_SCALE must be above 0 and KURA_BENCH_RUNS at least 1", file=sys.stderr)
        return 2
    cache = os.environ.get("KURA_BENCH_CACHE", "warm")
    if cache not in ("warm", "cold"):
        print("KURA_BENCH_CACHE: %r is neither warm nor cold" % cache, file=sys.stderr)
        return 2
    if cache == "cold" and not os.access("/proc/sys/vm/drop_caches", os.W_OK):
        print("KURA_BENCH_CACHE=cold needs write access to /proc/sys/vm/drop_caches", file=sys.stderr)
        return 2
    perf_dir = os.environ.get("KURA_BENCH_PERF")
    if perf_dir:
        if shutil.which("perf") is None:
            print("KURA_BENCH_PERF: perf is missing (apt-get install linux-perf)", file=sys.stderr)
            return 2
        perf_dir = os.path.abspath(perf_dir)
        os.makedirs(perf_dir, exist_ok=True)
    agent_args = []
    workers = os.environ.get("KURA_BENCH_AGENT_WORKERS")
    if workers:
        if not workers.isdigit() or int(workers) < 1:
            print("KURA_BENCH_AGENT_WORKERS: %r is not a positive number" % workers, file=sys.stderr)
            return 2
        agent_args = ["--workers", workers]
    output = os.path.abspath(os.environ.get("KURA_BENCH_OUTPUT", "bench_e2e.md"))
    # On SIGTERM (ctest's timeout) unwind normally: daemons are stopped, the work folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    given_dir = os.environ.get("KURA_BENCH_DIR")
    work = os.path.abspath(given_dir) if given_dir else tempfile.mkdtemp(prefix="kura-e2e-", dir="/var/tmp")
    os.makedirs(work, exist_ok=True)
    try:
        return bench(binaries, scale, runs, cache, work, output, perf_dir, agent_args)
    except (BenchError, subprocess.TimeoutExpired) as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    finally:
        if os.environ.get("KURA_BENCH_KEEP") != "1":
            if given_dir:
                shutil.rmtree(os.path.join(work, "corpus"), ignore_errors=True)
            else:
                shutil.rmtree(work, ignore_errors=True)


def restore_folder(work, corpus):
    """KURA_BENCH_RESTORE_DIR, or a new folder in /dev/shm if it has room, or one in `work`."""
    given = os.environ.get("KURA_BENCH_RESTORE_DIR")
    if given:
        return tempfile.mkdtemp(prefix="kura-e2e-restore-", dir=given)
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        room = shutil.disk_usage("/dev/shm").free
        if room > 2 * corpus["apparent_bytes"]:
            return tempfile.mkdtemp(prefix="kura-e2e-restore-", dir="/dev/shm")
    return tempfile.mkdtemp(prefix="restore-", dir=work)


def bench(binaries, scale, runs, cache, work, output, perf_dir, agent_args):
    started = time.time()
    load_start = e2e_report.loadavg()
    root = os.path.join(work, "corpus")
    shutil.rmtree(root, ignore_errors=True)
    print("generating corpus (scale %g) in %s" % (scale, root), flush=True)
    corpus = corpus_mod.generate(root, scale, seed=1)
    expected = manifest(root)
    if len(expected) != corpus["files"]:
        raise BenchError("the corpus has %d files, its description %d" % (len(expected), corpus["files"]))
    print("corpus: %d files, %.1f MB apparent" % (corpus["files"], corpus["apparent_bytes"] / 1e6), flush=True)
    restore_dir = restore_folder(work, corpus)
    bench_ = Bench(binaries, work, corpus, expected, cache, perf_dir, agent_args, restore_dir)
    results = {"local": [], "e2e": []}
    try:
        for index in range(1, runs + 1):
            # Alternate which side goes first, so a drift in the machine's load hits both alike.
            order = ("local", "e2e") if index % 2 else ("e2e", "local")
            for side in order:
                figures = bench_.local_run(index) if side == "local" else bench_.e2e_run(index)
                results[side].append(figures)
                print("  %s run %d: %s" % (side, index, json.dumps(figures)), flush=True)
    finally:
        shutil.rmtree(restore_dir, ignore_errors=True)
    facts = e2e_report.machine_facts(work, versions(binaries), cache, scale, runs)
    facts["corpus"] = {k: v for k, v in corpus.items() if k != "small_paths"}
    facts["load_start"] = load_start
    facts["agent_args"] = " ".join(agent_args)
    facts["restore_fs"] = kura_system.run(["stat", "-f", "-c", "%T", os.path.dirname(restore_dir)]).strip()
    facts["minutes"] = round((time.time() - started) / 60, 1)
    text = e2e_report.markdown(facts, results)
    with open(output, "w") as f:
        f.write(text)
    with open(os.path.splitext(output)[0] + ".json", "w") as f:
        json.dump({"facts": facts, "runs": results}, f, indent=1)
    print(text)
    print("report written to %s" % output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
