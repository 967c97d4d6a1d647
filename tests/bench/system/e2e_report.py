"""The Markdown report of the end-to-end benchmark (bench_e2e.py)."""

import statistics

import report as store_report  # tests/bench/store/report.py: the machine facts

TARGET_RATIO = 0.70
DAEMONS = ("kura-agent", "kura-server")
PHASES = (("initial", "Initial backup"), ("rebackup", "Unchanged re-backup"), ("restore", "Full restore"))
BACKUP_PHASES = PHASES[:2]  # the ones with a target


def loadavg():
    """The 1, 5 and 15 minute load averages: other work on the machine skews the times."""
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def machine_facts(work, versions, cache, scale, runs):
    return store_report.machine_facts(work, versions, cache, scale, runs)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def phase_values(results, side, phase, key, daemon=None):
    runs = [r for r in results.get(side, []) if phase in r]  # reports of older runs have no restore
    if daemon:
        return [r[phase][daemon][key] for r in runs]
    return [r[phase][key] for r in runs]


def ratios(results, phase):
    """e2e throughput ÷ local throughput: the local median time over the e2e median time."""
    local = median(phase_values(results, "local", phase, "seconds"))
    e2e = median(phase_values(results, "e2e", phase, "seconds"))
    job = median(phase_values(results, "e2e", phase, "job_s"))
    return (local / e2e if local and e2e else None), (local / job if local and job else None)


def _seconds(value, apparent=None):
    if value is None:
        return "–"
    text = "%.2f s" % value
    if apparent and value > 0:
        text += " (%.0f MB/s)" % (apparent / value / 1e6)
    return text


def _mib(kib):
    return "%.0f MiB" % (kib / 1024) if kib is not None else "–"


def _spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    return "%.2f–%.2f s" % (min(values), max(values)) if len(values) > 1 else "%.2f s" % values[0]


def table(results, apparent):
    lines = ["| Measure | kura-repo, local | agent → server on 127.0.0.1 | e2e ÷ local throughput |",
             "|---|---|---|---|"]
    for phase, label in PHASES:
        by_request, by_job = ratios(results, phase)
        show = apparent if phase != "rebackup" else None
        lines.append("| %s (median) | %s | %s | **%s** |" % (
            label, _seconds(median(phase_values(results, "local", phase, "seconds")), show),
            _seconds(median(phase_values(results, "e2e", phase, "seconds")), show),
            "%.0f %%" % (100 * by_request) if by_request else "–"))
        lines.append("| %s, job started → ended | – | %s | %s |" % (
            label, _seconds(median(phase_values(results, "e2e", phase, "job_s")), show),
            "%.0f %%" % (100 * by_job) if by_job else "–"))
        lines.append("| %s, spread over the runs | %s | %s | |" % (
            label, _spread(phase_values(results, "local", phase, "seconds")),
            _spread(phase_values(results, "e2e", phase, "seconds"))))
    for phase, label in PHASES:
        local_cpu = median(phase_values(results, "local", phase, "cpu_s"))
        daemon_cpu = {d: median(phase_values(results, "e2e", phase, "cpu_s", d)) for d in DAEMONS}
        total = sum(v for v in daemon_cpu.values() if v is not None)
        lines.append("| CPU time, %s | %s | %s | |" % (
            label.lower(), _seconds(local_cpu),
            "%s (agent %s, server %s)" % (_seconds(total), _seconds(daemon_cpu["kura-agent"]),
                                          _seconds(daemon_cpu["kura-server"]))))
    for phase, label in PHASES:
        lines.append("| Peak RSS, %s | %s | agent %s, server %s | |" % (
            label.lower(), _mib(median(phase_values(results, "local", phase, "rss_kib"))),
            _mib(median(phase_values(results, "e2e", phase, "rss_kib", "kura-agent"))),
            _mib(median(phase_values(results, "e2e", phase, "rss_kib", "kura-server")))))
    local_repo = median([r["repo_bytes"] for r in results.get("local", [])])
    e2e_repo = median([r["repo_bytes"] for r in results.get("e2e", [])])
    lines.append("| Repository size after both backups | %.1f MB | %.1f MB | |" % (
        (local_repo or 0) / 1e6, (e2e_repo or 0) / 1e6))
    return "\n".join(lines)


def targets(results):
    rows = ["| Target | Measured | |", "|---|---|---|"]
    for phase, label in BACKUP_PHASES:
        by_request, by_job = ratios(results, phase)
        if by_request is None:
            rows.append("| %s through agent and server ≥ 70 %% of kura-repo's local throughput | not measured | – |"
                        % label)
            continue
        rows.append("| %s through agent and server ≥ 70 %% of kura-repo's local throughput | %.0f %% (job "
                    "started → ended: %.0f %%) | %s |" % (label, 100 * by_request, 100 * (by_job or 0),
                                                         "met" if by_request >= TARGET_RATIO else "**missed**"))
    by_request, by_job = ratios(results, "restore")
    if by_request is not None:
        rows.append("| Full restore through agent and server (no target; for comparison) | %.0f %% (job started → "
                    "ended: %.0f %%) | – |" % (100 * by_request, 100 * (by_job or 0)))
    return "\n".join(rows)


def verification(results):
    runs = results.get("e2e", [])
    checks = sum(1 for r in runs for phase, _ in BACKUP_PHASES if r.get(phase, {}).get("verified"))
    restores = sum(1 for side in ("local", "e2e") for r in results.get(side, []) if "restore" in r)
    text = ("Verified: after each of the %d e2e backups, `kura-repo check --read-data` of the server's repository "
            "exited 0 and `kura-repo restore` of the job's snapshot (tagged `job:ID` by the server) gave every corpus "
            "file with the same SHA-256." % checks)
    if restores:
        text += " So did each of the %d timed restores (local and through the agent)." % restores
    return text


def markdown(facts, results):
    c = facts["corpus"]
    hwm = all(r[p].get("hwm_reset") for r in results.get("e2e", []) for p, _ in PHASES if p in r)
    parts = [
        "Machine: %d cores, %s (%s), %s RAM, disk %s, Linux %s." % (
            facts["cores"], facts["cpu"], facts["cpu_flags"] or "no SHA-NI/AES flags", facts["memory"],
            facts["disk"], facts["kernel"]),
        "Programs: " + "; ".join(facts["versions"]) + "; the agent runs as `kura-agent run%s`." % (
            (" " + facts["agent_args"]) if facts.get("agent_args") else ""),
        "Corpus: the storage benchmark's, scale %g: %d files, %.1f MB apparent (sparse image %.0f MiB apparent). "
        "Page cache: %s. Medians of %d runs per side; the whole benchmark took %.0f minutes; load average at "
        "the start %s, at the end %s (1, 5, 15 min)." % (
            c["scale"], c["files"], c["apparent_bytes"] / 1e6, c["image_bytes"] / 2**20,
            "dropped before every timed backup and restore (cold)" if facts["cache"] == "cold" else "warm",
            facts["runs"], facts["minutes"], facts["load_start"], facts["load_end"]),
        "",
        table(results, c["apparent_bytes"]),
        "",
        "Throughput is the corpus's apparent size divided by the time. The e2e time runs from the API "
        "request until the API's live events (the WebSocket /api/v1/events that the console listens to) "
        "report the job's end; the job's own started → "
        "ended is shown below it. The ratio is kura-repo's time divided by the e2e time. CPU time is "
        "user + system of the kura-repo command, or of both daemons during the job. Peak RSS of the "
        "daemons is VmHWM, %s. The local restore restores kura-repo's latest snapshot; the one through "
        "the agent restores the initial backup's generation (the same files) to an empty folder on the "
        "agent's machine. Both restores write to %s." % (
            "reset before each job" if hwm else "since the daemon started (it could not be reset)",
            facts.get("restore_fs", "the work folder's file system")),
        "",
        verification(results),
        "",
        "Targets:",
        "",
        targets(results),
        "",
    ]
    return "\n".join(parts)
