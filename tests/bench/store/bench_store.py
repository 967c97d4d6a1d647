#!/usr/bin/env python3
"""Storage benchmark: kura-repo against restic and borg on the same generated corpus.

Usage: bench_store.py PATH/TO/kura-repo

Environment:
  KURA_BENCH_SCALE   corpus size factor, 1.0 (default) is about 2 GB, 0.1 about 200 MB
  KURA_BENCH_RUNS    runs per tool, medians are reported (default 3)
  KURA_BENCH_DIR     work folder (default: a new folder under /var/tmp, removed at the end)
  KURA_BENCH_KEEP    1: keep the work folder
  KURA_BENCH_CACHE   cold (default when the page cache can be dropped) or warm
  KURA_BENCH_TOOLS   comma-separated subset of kura,restic,borg (default all three)
  KURA_BENCH_FLAT    0: skip the memory flatness run on a corpus twice the size
  KURA_BENCH_OUTPUT  Markdown report path (default: bench_store.md in the current folder);
                     the raw figures go next to it as .json

Every restore is compared byte for byte with the corpus (diff -r), so a wrong result fails the
benchmark (exit code 1) instead of looking fast. Times come from /usr/bin/time (elapsed
seconds and peak RSS of the command, children included).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus as corpus_mod  # noqa: E402
import report  # noqa: E402

PASSWORD = "bench-passphrase"


class BenchError(Exception):
    pass


def run(argv, env=None, cwd=None, timed=False, cache="warm"):
    """Runs a command; with timed=True returns (seconds, peak RSS KiB) from /usr/bin/time."""
    if timed and cache == "cold":
        drop_caches()
    full_env = dict(os.environ, **(env or {}))
    if timed:
        fd, stats = tempfile.mkstemp(prefix="bench-time-")
        os.close(fd)
        argv = ["/usr/bin/time", "-f", "%e %M", "-o", stats] + argv
    result = subprocess.run(argv, env=full_env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise BenchError("%s failed (exit %d):\n%s%s" % (" ".join(argv), result.returncode,
                                                         result.stdout[-2000:], result.stderr[-2000:]))
    if not timed:
        return result.stdout
    with open(stats) as f:
        seconds, rss = f.read().split()[-2:]
    os.unlink(stats)
    return float(seconds), int(rss)


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def can_drop_caches():
    try:
        drop_caches()
        return True
    except OSError:
        return False


class Kura:
    name = "kura-repo"

    def __init__(self, binary, work):
        self.binary = binary
        self.env = {"KURA_PASSWORD": PASSWORD}

    def version(self):
        return run([self.binary, "--version"]).strip()

    def init(self, repo):
        run([self.binary, "-r", repo, "-q", "init"], self.env)

    def backup(self, repo, paths, index):
        return [self.binary, "-r", repo, "-q", "backup"] + paths

    def restore(self, repo, target, include=None):
        argv = [self.binary, "-r", repo, "-q", "restore", "latest", "--target", target]
        return argv + (["--include", include] if include else []), None

    def check(self, repo):
        return [self.binary, "-r", repo, "-q", "check", "--read-data"]


class Restic:
    name = "restic"

    def __init__(self, binary, work):
        self.env = {"RESTIC_PASSWORD": PASSWORD, "RESTIC_CACHE_DIR": os.path.join(work, "cache-restic")}

    def version(self):
        return run(["restic", "version"]).strip()

    def init(self, repo):
        run(["restic", "-r", repo, "-q", "init"], self.env)

    def backup(self, repo, paths, index):
        return ["restic", "-r", repo, "-q", "backup"] + paths

    def restore(self, repo, target, include=None):
        argv = ["restic", "-r", repo, "-q", "restore", "latest", "--target", target]
        return argv + (["--include", include] if include else []), None

    def check(self, repo):
        return ["restic", "-r", repo, "-q", "check", "--read-data"]


class Borg:
    name = "borg"

    def __init__(self, binary, work):
        self.env = {"BORG_PASSPHRASE": PASSWORD, "BORG_BASE_DIR": os.path.join(work, "borg-base"),
                    "BORG_RELOCATED_REPO_ACCESS_IS_OK": "yes"}
        self.archives = 0

    def version(self):
        return run(["borg", "--version"]).strip()

    def init(self, repo):
        run(["borg", "init", "--encryption", "repokey-blake2", repo], self.env)
        self.archives = 0

    def backup(self, repo, paths, index):
        self.archives += 1
        return ["borg", "create", "--compression", "zstd,3", "%s::a%d" % (repo, self.archives)] + paths

    def restore(self, repo, target, include=None):
        os.makedirs(target, exist_ok=True)
        argv = ["borg", "extract", "--sparse", "%s::a%d" % (repo, self.archives)]
        return argv + ([include.lstrip("/")] if include else []), target

    def check(self, repo):
        return ["borg", "check", "--verify-data", repo]


TOOLS = {"kura": Kura, "restic": Restic, "borg": Borg}


def du_bytes(path):
    return int(run(["du", "-sb", path]).split()[0])


def verify_same(original, restored, what):
    """Fails unless `restored` holds exactly the files of `original`, byte for byte."""
    if not os.path.isdir(restored) and not os.path.isfile(restored):
        raise BenchError("%s: restored path %s does not exist" % (what, restored))
    result = subprocess.run(["diff", "-r", "-q", "--no-dereference", original, restored],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise BenchError("%s: restore differs from the corpus:\n%s%s" % (what, result.stdout[:3000], result.stderr[:1000]))


def one_run(tool, corpus, work, cache, index):
    """Initial backup, unchanged re-backup, 2 % change, restores and check on a fresh repository."""
    repo = os.path.join(work, "repo-%s" % tool.name)
    target = os.path.join(work, "restore-%s" % tool.name)
    root = corpus["root"]
    for path in (repo, target):
        shutil.rmtree(path, ignore_errors=True)
    tool.init(repo)
    m = {}
    m["backup_s"], m["backup_rss_kib"] = run(tool.backup(repo, [root], 1), tool.env, timed=True, cache=cache)
    m["repo_bytes"] = du_bytes(repo)
    m["rebackup_s"], _ = run(tool.backup(repo, [root], 2), tool.env, timed=True, cache=cache)
    changed, undo = corpus_mod.apply_change(corpus)
    try:
        m["change_backup_s"], _ = run(tool.backup(repo, [root], 3), tool.env, timed=True, cache=cache)
        m["repo_after_change_bytes"] = du_bytes(repo)
        argv, cwd = tool.restore(repo, target)
        m["restore_s"], m["restore_rss_kib"] = run(argv, tool.env, cwd=cwd, timed=True, cache=cache)
        verify_same(root, os.path.join(target, root.lstrip("/")), "%s full restore" % tool.name)
        shutil.rmtree(target)
        single = os.path.join(root, corpus["single_file"])
        argv, cwd = tool.restore(repo, target, include=single)
        m["single_restore_s"], _ = run(argv, tool.env, cwd=cwd, timed=True, cache=cache)
        verify_same(single, os.path.join(target, single.lstrip("/")), "%s single-file restore" % tool.name)
        shutil.rmtree(target)
    finally:
        corpus_mod.revert_change(undo)
    m["check_s"], _ = run(tool.check(repo), tool.env, timed=True, cache=cache)
    m["changed_bytes"] = changed
    shutil.rmtree(repo)
    print("  %s run %d: %s" % (tool.name, index, json.dumps(m)), flush=True)
    return m


def flatness(tool, roots, work, cache):
    """Peak RSS of an initial backup of the given corpus folders into a fresh repository."""
    repo = os.path.join(work, "repo-flat-%s" % tool.name)
    shutil.rmtree(repo, ignore_errors=True)
    tool.init(repo)
    seconds, rss = run(tool.backup(repo, roots, 1), tool.env, timed=True, cache=cache)
    shutil.rmtree(repo)
    return {"seconds": seconds, "rss_kib": rss}


def main():
    if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
        print(__doc__, file=sys.stderr)
        return 2
    kura = os.path.abspath(sys.argv[1])
    scale = float(os.environ.get("KURA_BENCH_SCALE", "1.0"))
    runs = int(os.environ.get("KURA_BENCH_RUNS", "3"))
    names = os.environ.get("KURA_BENCH_TOOLS", "kura,restic,borg").split(",")
    output = os.path.abspath(os.environ.get("KURA_BENCH_OUTPUT", "bench_store.md"))
    for name in names:
        if name not in TOOLS:
            print("KURA_BENCH_TOOLS: unknown tool %r (kura, restic, borg)" % name, file=sys.stderr)
            return 2
    for program in ("restic", "borg", "/usr/bin/time", "diff", "du"):
        if shutil.which(program) is None and (program in ("diff", "du", "/usr/bin/time") or program in names):
            print("%s is missing: apt-get install -y restic borgbackup time" % program, file=sys.stderr)
            return 2
    cache = os.environ.get("KURA_BENCH_CACHE") or ("cold" if can_drop_caches() else "warm")
    if cache == "cold" and not can_drop_caches():
        print("KURA_BENCH_CACHE=cold needs write access to /proc/sys/vm/drop_caches", file=sys.stderr)
        return 2
    # On SIGTERM (ctest's timeout) unwind normally: the running tool is killed and the work
    # folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    given_dir = os.environ.get("KURA_BENCH_DIR")
    work = given_dir or tempfile.mkdtemp(prefix="kura-bench-", dir="/var/tmp")
    os.makedirs(work, exist_ok=True)
    try:
        return bench(kura, scale, runs, names, cache, work, output)
    except BenchError as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    finally:
        if os.environ.get("KURA_BENCH_KEEP") != "1":
            shutil.rmtree(os.path.join(work, "corpus"), ignore_errors=True)
            shutil.rmtree(os.path.join(work, "corpus2"), ignore_errors=True)
            if not given_dir:
                shutil.rmtree(work, ignore_errors=True)


def bench(kura, scale, runs, names, cache, work, output):
    tools = [TOOLS[n](kura, work) for n in names]
    started = time.time()
    load_start = report._loadavg()
    root = os.path.join(work, "corpus")
    shutil.rmtree(root, ignore_errors=True)
    print("generating corpus (scale %g) in %s" % (scale, root), flush=True)
    corpus = corpus_mod.generate(root, scale, seed=1)
    print("corpus: %d files, %.1f MB apparent" % (corpus["files"], corpus["apparent_bytes"] / 1e6), flush=True)
    results = {tool.name: [] for tool in tools}
    for index in range(1, runs + 1):
        for tool in tools:
            results[tool.name].append(one_run(tool, corpus, work, cache, index))
    flat = {}
    if os.environ.get("KURA_BENCH_FLAT", "1") != "0":
        second = corpus_mod.generate(os.path.join(work, "corpus2"), scale, seed=2)
        for tool in tools:
            if tool.name in ("kura-repo", "restic"):
                flat[tool.name] = {"1x": flatness(tool, [root], work, cache),
                                   "2x": flatness(tool, [root, second["root"]], work, cache)}
                print("  %s flatness: %s" % (tool.name, json.dumps(flat[tool.name])), flush=True)
    facts = report.machine_facts(work, [t.version() for t in tools], cache, scale, runs)
    facts["corpus"] = {k: v for k, v in corpus.items() if k != "small_paths"}
    facts["load_start"] = load_start
    facts["minutes"] = round((time.time() - started) / 60, 1)
    text = report.markdown(facts, results, flat)
    with open(output, "w") as f:
        f.write(text)
    with open(os.path.splitext(output)[0] + ".json", "w") as f:
        json.dump({"facts": facts, "runs": results, "flatness": flat}, f, indent=1)
    print(text)
    print("report written to %s" % output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
