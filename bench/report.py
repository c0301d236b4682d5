#!/usr/bin/python3
"""report.py — the one report of bench/run.sh, from bc_bench's figures.

  report.py FIGURES COMMAND

FIGURES holds "key value [note]" lines (bc_bench's output).  Prints the
machine, every figure as a ratio or percentile against its DESIGN §10
target, and MET / MISSED per target.
"""
import os
import platform
import sys


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {ram} RAM, {platform.system()} {platform.release()}"


def main():
    figs = {}
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(None, 2)
            if len(parts) >= 2:
                figs[parts[0]] = parts[1:]

    def f(key, default=float("nan")):
        try:
            return float(figs[key][0])
        except (KeyError, ValueError):
            return default

    verdicts = []

    def target(name, ok):
        verdicts.append((name, ok))
        return "MET" if ok else "MISSED"

    print(f"bosaicast benchmark — {sys.argv[2]}")
    print(f"machine: {machine()}")
    if "machine.loadavg_start" in figs:
        print("load average (1, 5, 15 min) at start: " +
              " ".join(figs["machine.loadavg_start"]) + "; at end: " +
              " ".join(figs.get("machine.loadavg_end", ["?"])))
    print()
    r = f("render.ratio")
    print("Render throughput (whole corpus, 16 languages) vs libxml2 alone")
    print(f"  documents broadcast: {f('render.docs'):.0f} "
          f"({f('render.bytes') / 1e6:.1f} MB of XML; "
          f"{f('render.docs_skipped'):.0f} skipped types, "
          f"{f('render.docs_failed'):.0f} not rendered yet) → "
          f"{f('render.messages'):.0f} messages, "
          f"{f('render.payload_bytes') / 1e6:.0f} MB of JSON")
    print(f"  libxml2 parse: {f('render.libxml2_ms'):.1f} ms "
          f"({f('render.libxml2_mb_per_s'):.0f} MB/s); bosaicast render: "
          f"{f('render.render_ms'):.1f} ms ({f('render.messages_per_s'):.0f} "
          f"messages/s)")
    print(f"  ratio {r:.2f}× (target ≤ 3×: {target('render ≤ 3× libxml2', r <= 3)}); "
          f"per document p50 {f('render.doc_ratio_p50'):.1f}×, "
          f"p90 {f('render.doc_ratio_p90'):.1f}×, "
          f"p99 {f('render.doc_ratio_p99'):.1f}×")
    print()
    print("Latency, spool drop → subscriber has every message (real daemon, "
          "loopback broker)")
    one99 = f("one.last_ms_p99")
    print(f"  one municipality × 16 languages ({f('one.messages'):.0f} "
          f"messages, {f('one.runs'):.0f} runs): p50 "
          f"{f('one.last_ms_p50'):.2f} ms, p99 {one99:.2f} ms, max "
          f"{f('one.last_ms_max'):.2f} ms; first message p50 "
          f"{f('one.first_ms_p50'):.2f} ms "
          f"(target p99 ≤ 10 ms: {target('one municipality p99 ≤ 10 ms', one99 <= 10)})")
    nat99 = f("nation.last_ms_p99")
    print(f"  nationwide, 1,901 municipalities × 16 languages "
          f"({f('nation.messages'):.0f} messages of which "
          f"{f('nation.state_messages'):.0f} retained state, "
          f"{f('nation.runs'):.0f} runs): last message p50 "
          f"{f('nation.last_ms_p50'):.0f} ms, p99 {nat99:.0f} ms; "
          f"last alert message p50 {f('nation.last_alert_ms_p50'):.0f} ms, "
          f"p99 {f('nation.last_alert_ms_p99'):.0f} ms; first message p50 "
          f"{f('nation.first_ms_p50'):.0f} ms "
          f"(target ≤ 1 s: {target('nationwide ≤ 1 s', nat99 <= 1000)})")
    area = f("nation.messages") - f("nation.state_messages")
    bare = f("pubrate.bare_msgs_per_s")
    print(f"  floor: the broker alone passes {bare:.0f} msg/s from a bare "
          f"libmosquitto publisher (below), so the {area:.0f} alert "
          f"messages need ≥ {area / bare * 1000:.0f} ms and all "
          f"{f('nation.messages'):.0f} ≥ "
          f"{f('nation.messages') / bare * 1000:.0f} ms before bosaicast "
          f"does anything")
    print(f"  CPU per nationwide document: daemon "
          f"{f('nation.daemon_cpu_ms_per_run'):.0f} ms, broker "
          f"{f('nation.broker_cpu_ms_per_run'):.0f} ms")
    print()
    pr = f("pubrate.ratio")
    print(f"Publish rate, {f('pubrate.messages'):.0f} QoS 1 messages "
          f"({f('pubrate.bytes') / 1e6:.1f} MB), window "
          f"{f('pubrate.window'):.0f}, same broker, seen by one subscriber")
    print(f"  bare libmosquitto: {f('pubrate.bare_msgs_per_s'):.0f} msg/s; "
          f"bosaicast (outbox → broker): "
          f"{f('pubrate.bosaicast_msgs_per_s'):.0f} msg/s; ratio "
          f"{pr * 100:.0f} % (target ≥ 80 %: {target('publish ≥ 80 % of bare', pr >= 0.8)})")
    print(f"  broker CPU per round: {f('pubrate.broker_cpu_ms_bare'):.0f} ms "
          f"(bare), {f('pubrate.broker_cpu_ms_bosaicast'):.0f} ms "
          f"(bosaicast)")
    print()
    hwm = f("nation.rss_hwm_kb") / 1024
    print("Memory and start-up")
    print(f"  daemon peak RSS (VmHWM) after the nationwide runs: {hwm:.1f} MiB "
          f"(target ≤ 64 MiB: {target('peak RSS ≤ 64 MiB', hwm <= 64)}); "
          f"after start-up {f('startup.rss_kb') / 1024:.1f} MiB")
    print(f"  start-up to first live status (data loaded, store open, "
          f"broker connected): {f('startup.online_ms'):.0f} ms; "
          f"`bosaicast render` of one document: "
          f"{f('startup.render_one_ms'):.0f} ms")
    print()
    met = sum(1 for _, ok in verdicts if ok)
    print(f"targets met: {met} of {len(verdicts)}" +
          "".join(f"\n  MISSED: {n}" for n, ok in verdicts if not ok))


if __name__ == "__main__":
    main()
