"""Machine facts and the Markdown report of the storage benchmark."""

import os
import statistics
import subprocess

KURA = "kura-repo"


def _first(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def machine_facts(work, versions, cache, scale, runs):
    disk = subprocess.run(["df", "-h", "--output=source,fstype,size", work], stdout=subprocess.PIPE,
                          text=True).stdout.splitlines()[-1].split()
    return {
        "cores": os.cpu_count(),
        "cpu": _first("/proc/cpuinfo", "model name"),
        "cpu_flags": " ".join(f for f in _first("/proc/cpuinfo", "flags").split()
                              if f in ("sha_ni", "aes", "avx2", "avx512f", "vaes")),
        "memory": _first("/proc/meminfo", "MemTotal"),
        "disk": "%s (%s, %s)" % tuple(disk[:3]) if len(disk) >= 3 else "unknown",
        "kernel": os.uname().release,
        "versions": versions,
        "cache": cache,
        "scale": scale,
        "runs": runs,
        "load_end": _loadavg(),
    }


def _loadavg():
    """The 1, 5 and 15 minute load averages: other work on the machine skews the times."""
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def _median(results, tool, key):
    values = [r[key] for r in results.get(tool, [])]
    return statistics.median(values) if values else None


# (key, label, kind): kind "time" is a duration where less is better and the ratio is
# other / kura (a speed-up); "size" and "memory" are kura / other (below 1: kura smaller).
ROWS = [
    ("backup_s", "Initial backup", "time"),
    ("rebackup_s", "Unchanged re-backup", "time"),
    ("change_backup_s", "Backup after ~2 % change", "time"),
    ("restore_s", "Full restore", "time"),
    ("single_restore_s", "Single-file restore", "time"),
    ("check_s", "Check, reading all data", "time"),
    ("repo_bytes", "Repository size after initial backup", "size"),
    ("repo_after_change_bytes", "Repository size after all three backups", "size"),
    ("backup_rss_kib", "Peak RSS, initial backup", "memory"),
    ("restore_rss_kib", "Peak RSS, full restore", "memory"),
]

THROUGHPUT_KEYS = ("backup_s", "restore_s")


def _cell(value, kind, apparent, key):
    if value is None:
        return "–"
    if kind == "time":
        text = "%.2f s" % value
        if key in THROUGHPUT_KEYS and value > 0:
            text += " (%.0f MB/s)" % (apparent / value / 1e6)
        return text
    if kind == "size":
        return "%.1f MB" % (value / 1e6)
    return "%.0f MiB" % (value / 1024)


def _ratio(kura, other, kind):
    if kura is None or other is None or kura == 0 or other == 0:
        return None
    return other / kura if kind == "time" else kura / other


def table(results, apparent):
    tools = [t for t in (KURA, "restic", "borg") if t in results]
    others = [t for t in tools if t != KURA]
    header = "| Measure | " + " | ".join(tools) + "".join(" | %s ÷ %s" % (KURA, o) for o in others) + " |"
    lines = [header, "|" + "---|" * (1 + len(tools) + len(others))]
    for key, label, kind in ROWS:
        medians = {t: _median(results, t, key) for t in tools}
        cells = [_cell(medians[t], kind, apparent, key) for t in tools]
        for other in others:
            ratio = _ratio(medians.get(KURA), medians[other], kind)
            if ratio is None:
                cells.append("–")
            elif kind == "time":
                cells.append("%.2fx %s" % (ratio if ratio >= 1 else 1 / ratio, "faster" if ratio >= 1 else "slower"))
            else:
                cells.append("%.2f" % ratio)
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    return "\n".join(lines)


def targets(results, flat):
    """The issue's targets, each with the measured ratio and whether it is met."""
    def med(tool, key):
        return _median(results, tool, key)

    def speedup(key, other):
        kura, theirs = med(KURA, key), med(other, key)
        return theirs / kura if kura and theirs else None

    rows = []

    def add(name, value, met, shown):
        rows.append("| %s | %s | %s |" % (name, shown if value is not None else "not measured",
                                          ("met" if met else "**missed**") if value is not None else "–"))

    v = speedup("backup_s", "restic")
    add("Initial backup ≥ 2x restic's throughput", v, v is not None and v >= 2, "%.2fx" % (v or 0))
    v = speedup("rebackup_s", "restic")
    add("Unchanged re-backup ≥ 4x faster than restic", v, v is not None and v >= 4, "%.2fx" % (v or 0))
    v = speedup("change_backup_s", "restic")
    add("Backup after 2 % change ≥ 3x faster than restic", v, v is not None and v >= 3, "%.2fx" % (v or 0))
    v = speedup("restore_s", "restic")
    add("Full restore ≥ 2x restic's throughput", v, v is not None and v >= 2, "%.2fx" % (v or 0))
    v = speedup("restore_s", "borg")
    add("Full restore faster than borg", v, v is not None and v > 1, "%.2fx" % (v or 0))
    kura, restic = med(KURA, "repo_bytes"), med("restic", "repo_bytes")
    v = kura / restic if kura and restic else None
    add("Repository no larger than restic's", v, v is not None and v <= 1, "%.3f of restic's" % (v or 0))
    kura, restic = med(KURA, "backup_rss_kib"), med("restic", "backup_rss_kib")
    v = kura / restic if kura and restic else None
    add("Peak memory (backup) ≤ restic's", v, v is not None and v <= 1, "%.2f of restic's" % (v or 0))
    kura, restic = med(KURA, "restore_rss_kib"), med("restic", "restore_rss_kib")
    v = kura / restic if kura and restic else None
    add("Peak memory (restore) ≤ restic's", v, v is not None and v <= 1, "%.2f of restic's" % (v or 0))
    if KURA in flat:
        one, two = flat[KURA]["1x"]["rss_kib"], flat[KURA]["2x"]["rss_kib"]
        v = two / one
        add("Peak memory flat (2x corpus, ≤ 1.25x)", v, v <= 1.25,
            "%.0f → %.0f MiB (%.2fx)" % (one / 1024, two / 1024, v))
    return "\n".join(["| Target | Measured | |", "|---|---|---|"] + rows)


def flatness_table(flat):
    if not flat:
        return "(not measured)"
    lines = ["| Tool | 1x corpus: time, peak RSS | 2x corpus: time, peak RSS | RSS growth |", "|---|---|---|---|"]
    for tool, f in flat.items():
        lines.append("| %s | %.1f s, %.0f MiB | %.1f s, %.0f MiB | %.2fx |" % (
            tool, f["1x"]["seconds"], f["1x"]["rss_kib"] / 1024, f["2x"]["seconds"], f["2x"]["rss_kib"] / 1024,
            f["2x"]["rss_kib"] / f["1x"]["rss_kib"]))
    return "\n".join(lines)


def markdown(facts, results, flat):
    c = facts["corpus"]
    changed = [r["changed_bytes"] for rs in results.values() for r in rs]
    parts = [
        "Machine: %d cores, %s (%s), %s RAM, disk %s, Linux %s." % (
            facts["cores"], facts["cpu"], facts["cpu_flags"] or "no SHA-NI/AES flags", facts["memory"], facts["disk"],
            facts["kernel"]),
        "Tools: " + "; ".join(facts["versions"]) + ".",
        "Corpus: scale %g, %d files, %.1f MB apparent (sparse image %.0f MiB apparent); the change touched "
        "%.1f MB (%.1f %%). Page cache: %s. Medians of %d runs; the whole benchmark took %.0f minutes; "
        "load average at the start %s, at the end %s (1, 5, 15 min)." % (
            c["scale"], c["files"], c["apparent_bytes"] / 1e6, c["image_bytes"] / 2**20,
            (changed[0] if changed else 0) / 1e6, 100.0 * (changed[0] if changed else 0) / c["apparent_bytes"],
            "dropped before every timed command (cold)" if facts["cache"] == "cold" else "warm",
            facts["runs"], facts["minutes"], facts["load_start"], facts["load_end"]),
        "",
        table(results, c["apparent_bytes"]),
        "",
        "Throughput is the corpus's apparent size divided by the time. Time ratios are the other "
        "tool's time divided by kura-repo's; size and memory ratios are kura-repo's divided by the "
        "other's (below 1: kura-repo smaller).",
        "",
        "Memory flatness (initial backup into a fresh repository, one run each):",
        "",
        flatness_table(flat),
        "",
        "Targets:",
        "",
        targets(results, flat),
        "",
    ]
    return "\n".join(parts)
