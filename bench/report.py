#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""bench/report.py RAW.json --out RESULTS.json [--check]

Turns the driver's raw figures into the table of bench/run: one row per figure, zklive, the
floor and the peer side by side with the ratios (only same-run ratios mean anything on a
noisy machine), and PASS or MISS against the targets of issue 6 (fsync on). Prints the table
as Markdown and writes the raw figures plus the rows to RESULTS.json.

A MISS is a finding, not a failure. --check (the smoke test) fails when a scenario failed or
a row lacks a value: it asserts that the bench ran and reported, never how fast.
"""

import argparse
import json
import math
import sys

ROW_FIELDS = ("zklive", "floor", "peer")


def dig(data, *path):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


class Row:
    def __init__(self, scenario, metric, unit, zklive=None, floor=None, peer=None,
                 target=None, check=None, note=""):
        self.scenario, self.metric, self.unit = scenario, metric, unit
        self.values = {"zklive": zklive, "floor": floor, "peer": peer}
        self.target, self.check, self.note = target, check, note
        self.expect = set(ROW_FIELDS)  # which columns a complete run fills

    def verdict(self):
        if self.target is None:
            return ""
        if self.values["zklive"] is None or self.check is None:
            return "MISS" if self.values["zklive"] is None else "n/a"
        try:
            return "PASS" if self.check(self.values) else "MISS"
        except TypeError:  # a value the check needs is missing
            return "n/a"

    def as_json(self):
        return {"scenario": self.scenario, "metric": self.metric, "unit": self.unit,
                **self.values,
                "zklive_per_floor": ratio(self.values["zklive"], self.values["floor"]),
                "zklive_per_peer": ratio(self.values["zklive"], self.values["peer"]),
                "target": self.target, "verdict": self.verdict(), "note": self.note}


def ratio(a, b):
    # Only between positive figures: a burst's file can be in place before the writer hears
    # of its last set, and such a negative interval has no meaningful ratio.
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or a <= 0 or b <= 0:
        return None
    return round(a / b, 3)


def fmt(value, unit):
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if unit == "count":
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def fmt_ratio(value):
    return "–" if value is None else f"{value:.2f}×"


def latency_rows(s):
    rows = []
    for stat, target, check in (
            ("p50", "≤ floor + 0.5 ms, < peer",
             lambda v: v["zklive"] <= v["floor"] + 0.5 and v["zklive"] < v["peer"]),
            ("p90", None, None),
            ("p99", "≤ floor + 2 ms, < peer",
             lambda v: v["zklive"] <= v["floor"] + 2 and v["zklive"] < v["peer"]),
            ("max", None, None)):
        rows.append(Row("latency", f"set → file, {stat} (ms)", "ms",
                        dig(s, "zklive", stat), dig(s, "floor", stat), dig(s, "peer", stat),
                        target, check))
    timeouts = (dig(s, "zklive", "timeouts") or 0, dig(s, "peer", "timeouts") or 0)
    if any(timeouts):
        rows[-1].note = f"changes not seen within 5 s: zklive {timeouts[0]}, peer {timeouts[1]}"
    return rows


SCALE_TARGETS = {10000: (1, 16), 100000: (10, 96)}  # seconds in place, RSS MB


def scale_value(result, key):
    if result is None:
        return None
    if result.get("timed_out"):
        # Not synced: the time is a lower bound, the rest were taken at the cap.
        if key == "ready_seconds":
            return f"> {result['timeout_seconds']} (cap)"
        return f"{fmt(result.get(key), '')} at cap"
    return result.get(key)


def scale_rows(s):
    rows = []
    for size, result in sorted((dig(s, "sizes") or {}).items(), key=lambda kv: int(kv[0])):
        n = int(size)
        seconds_target, rss_target = SCALE_TARGETS.get(n, (None, None))

        def values(key):
            return [scale_value(result.get(subject), key) for subject in ROW_FIELDS]

        ready = Row("scale", f"{n:,} nodes: start → all files (s)", "s", *values("ready_seconds"),
                    target=f"≤ {seconds_target} s" if seconds_target else None,
                    check=(lambda v, t=seconds_target: isinstance(v["zklive"], float)
                           and v["zklive"] <= t))
        peer = result.get("peer") or {}
        if peer.get("timed_out"):
            ready.note = (f"peer capped at {peer['timeout_seconds']} s with "
                          f"{peer.get('files_correct', 0):,} of {n:,} files")
        rows.append(ready)
        rows.append(Row("scale", f"{n:,} nodes: RSS after sync (MB)", "MB", *values("rss_mb"),
                        target=f"≤ {rss_target} MB" if rss_target else None,
                        check=lambda v, t=rss_target: isinstance(v["zklive"], float)
                        and v["zklive"] <= t))
        rows.append(Row("scale", f"{n:,} nodes: peak RSS (MB)", "MB", *values("peak_rss_mb")))
        cpu = Row("scale", f"{n:,} nodes: CPU to sync (s)", "s", *values("cpu_seconds"))
        user = dig(result, "zklive", "user_cpu_seconds")
        if user is not None and isinstance(cpu.values["zklive"], float) and cpu.values["zklive"] >= 0.5:
            cpu.note = f"zklive: {fmt(user, 's')} s of it in user space"
        rows.append(cpu)
    return rows


def burst_rows(s):
    sets = s.get("sets", 0)
    last = Row("burst", f"{sets:,} sets: last set → file (ms)", "ms",
               dig(s, "zklive", "after_last_set_ms"), dig(s, "floor", "after_last_set_ms"),
               dig(s, "peer", "after_last_set_ms"), "≤ 10 ms", lambda v: v["zklive"] <= 10,
               note=(f"the burst took {fmt(dig(s, 'floor', 'burst_ms'), 'ms')} ms; below zero: the "
                     "file held the last value before the writer's client had the set's reply "
                     "(from the last set's send: zklive "
                     f"{fmt(dig(s, 'zklive', 'after_last_sent_ms'), 'ms')} ms, floor "
                     f"{fmt(dig(s, 'floor', 'after_last_sent_ms'), 'ms')} ms, peer "
                     f"{fmt(dig(s, 'peer', 'after_last_sent_ms'), 'ms')} ms)"))
    replaced = Row("burst", f"{sets:,} sets: file replacements (floor: reads)", "count",
                   dig(s, "zklive", "replacements"), dig(s, "floor", "reads"),
                   dig(s, "peer", "replacements"))
    return [last, replaced]


def fanout_rows(s):
    n = s.get("processes", 0)
    rows = []
    for stat, target, check in (("p50", None, None),
                                ("p99", "≤ 50 ms", lambda v: v["zklive"] <= 50)):
        rows.append(Row("fan-out", f"{n} watchers: set → all files, {stat} (ms)", "ms",
                        dig(s, "zklive", "all_files_ms", stat),
                        dig(s, "floor", "all_sessions_ms", stat),
                        dig(s, "peer", "all_files_ms", stat), target, check))
    timeouts = (dig(s, "zklive", "timeouts") or 0, dig(s, "peer", "timeouts") or 0)
    if any(timeouts):
        rows[-1].note = f"changes not in every file within 30 s: zklive {timeouts[0]}, peer {timeouts[1]}"
    return rows


def oneshot_rows(s):
    rows = []
    for op in ("get", "write"):
        rows.append(Row("one-shot", f"{op}: wall, median (ms)", "ms",
                        dig(s, op, "zklive", "wall_ms", "p50"), dig(s, op, "floor", "wall_ms", "p50"),
                        dig(s, op, "peer", "wall_ms", "p50"), "≤ 10 ms",
                        lambda v: v["zklive"] <= 10))
        rows.append(Row("one-shot", f"{op}: peak RSS, median (MB)", "MB",
                        dig(s, op, "zklive", "peak_rss_mb", "p50"),
                        dig(s, op, "floor", "peak_rss_mb", "p50"),
                        dig(s, op, "peer", "peak_rss_mb", "p50"), "≤ 10 MB",
                        lambda v: v["zklive"] <= 10))
    for key, unit, label in (("wall_ms", "ms", "wall, median (ms)"),
                             ("peak_rss_mb", "MB", "peak RSS, median (MB)")):
        rows.append(Row("one-shot", f"get: {label}; peer = zkCli.sh", unit,
                        dig(s, "get", "zklive", key, "p50"), dig(s, "get", "floor", key, "p50"),
                        dig(s, "get", "zkcli", key, "p50")))
    return rows


def idle_rows(s):
    n = s.get("nodes", 0)

    def values(key):
        return [dig(s, subject, key) for subject in ROW_FIELDS]

    return [Row("idle", f"{n:,} nodes: CPU per quiet minute (s)", "s",
                *values("run_seconds_per_minute"), "≤ 0.05 s",
                lambda v: v["zklive"] <= 0.05,
                note=f"over {s.get('quiet_seconds')} quiet s after sync; CPU time from schedstat"),
            Row("idle", f"{n:,} nodes: wakeups per minute", "count",
                *values("context_switches_per_minute"))]


def disk_rows(s):
    rows = [Row("disk", "atomic replace + 2 fsyncs, p50 (ms)", "ms",
                floor=dig(s, "fsync", "replace_ms", "p50"),
                note="the floor of any durable write: temp, write, fsync, rename, fsync dir"),
            Row("disk", "atomic replace, no fsync, p50 (ms)", "ms",
                floor=dig(s, "no_fsync", "replace_ms", "p50"))]
    files = s.get("batch_files", 0)
    for threads in (1, 8):
        rows.append(Row("disk", f"{files:,} new files, fsync each + 1 dir fsync, "
                        f"{threads} thread{'s' if threads > 1 else ''} (ms/file)", "ms",
                        floor=dig(s, "batch_ms_per_file", f"{threads}_threads")))
    for row in rows:
        row.expect = {"floor"}
    return rows


BUILDERS = {"disk": disk_rows, "latency": latency_rows, "scale": scale_rows,
            "burst": burst_rows, "fanout": fanout_rows, "oneshot": oneshot_rows,
            "idle": idle_rows}


def build_rows(raw):
    rows = []
    for name, builder in BUILDERS.items():
        scenario = dig(raw, "scenarios", name)
        if scenario is None or "error" in scenario:
            continue
        rows.extend(builder(scenario))
    return rows


def print_table(raw, rows, out):
    m = raw.get("machine", {})
    print(f"zklive bench ({raw.get('mode')}), fsync {'on' if raw.get('fsync') else 'off'}, "
          f"git {dig(raw, 'meta', 'git')}, {dig(raw, 'meta', 'started')}")
    memory_kb = int((m.get("memory") or "0").split()[0])
    filesystem = " ".join((m.get("work_filesystem") or "").split()[:2])
    print(f"machine: {m.get('cpu')}, {m.get('cpus')} CPUs, {memory_kb / 1024 / 1024:.0f} GB, "
          f"{m.get('kernel')}, work dir on {filesystem}; scale and idle files on "
          f"{raw.get('scale_filesystem', 'the work directory')}")
    print(f"zklive: {m.get('zklive_version')}; ZooKeeper: {dig(raw, 'meta', 'zookeeper')}; "
          f"kazoo {m.get('kazoo_version')}; run took {fmt(raw.get('seconds'), 's')} s")
    loads = [f"{name} {dig(raw, 'scenarios', name, 'load_average', 'before').split()[0]}"
             f"→{dig(raw, 'scenarios', name, 'load_average', 'after').split()[0]}"
             for name in BUILDERS if dig(raw, "scenarios", name, "load_average")]
    if loads:
        print("load average (1 min) before→after: " + ", ".join(loads))
    print()
    header = ["scenario", "metric", "zklive", "floor", "peer", "zklive/floor", "zklive/peer",
              "target", "verdict"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] * 2 + ["---:"] * 5 + ["---"] * 2) + "|")
    for row in rows:
        j = row.as_json()
        cells = [row.scenario, row.metric] + [fmt(row.values[k], row.unit) for k in ROW_FIELDS] + \
                [fmt_ratio(j["zklive_per_floor"]), fmt_ratio(j["zklive_per_peer"]),
                 row.target or "", row.verdict()]
        print("| " + " | ".join(cells) + " |")
    notes = [f"- {row.scenario}, {row.metric}: {row.note}" for row in rows if row.note]
    if notes:
        print()
        print("\n".join(notes))
    for error in raw.get("errors", []):
        print(f"ERROR: {error}")
    passed = sum(row.verdict() == "PASS" for row in rows)
    missed = sum(row.verdict() == "MISS" for row in rows)
    print()
    print(f"targets: {passed} PASS, {missed} MISS; results in {out}")


def incomplete(raw, rows):
    problems = [f"scenario failed: {e}" for e in raw.get("errors", [])]
    for name in BUILDERS:
        if dig(raw, "scenarios", name) is None:
            problems.append(f"scenario missing: {name}")
    for row in rows:
        for column in sorted(row.expect):
            value = row.values[column]
            if value is None or (isinstance(value, float) and math.isnan(value)):
                problems.append(f"no {column} value: {row.scenario}, {row.metric}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw")
    parser.add_argument("--out", required=True)
    parser.add_argument("--check", action="store_true",
                        help="fail unless every scenario ran and every row has its values")
    args = parser.parse_args()
    with open(args.raw, encoding="utf-8") as f:
        raw = json.load(f)
    rows = build_rows(raw)
    raw["table"] = [row.as_json() for row in rows]
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(raw, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print_table(raw, rows, args.out)
    if args.check:
        problems = incomplete(raw, rows)
        for problem in problems:
            print(f"bench/report.py: {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
