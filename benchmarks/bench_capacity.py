"""Prints how many people one server holds (not a test): many sessions at the protocol level, no browser.

Run from the repository root: `.venv/bin/python benchmarks/bench_capacity.py [--sessions 100 500 1000]`.
For each count, the server (`python -m mobile_app`, or APP_SCRIPT) is started fresh and, on loopback:
- idle: its resident memory (RSS) after start and after one warm-up session has come and gone;
- open: that many sessions open at once (each a tests/wire.py client: register, answer the device's storage
  calls, mirror the screen), ramped in over `--ramp` seconds as people arrive, each timed from connecting to its
  first screen being whole (the start button);
- taps: each session then taps as a person does, with 1 to 3 s between taps (Start the check, who it is for, an
  answer, Back, who again), each timed from sending the tap to the first screen change coming back;
- held: RSS with every session open, and per session above idle;
- closed: every connection closed; RSS after the server has dropped the sessions and again a minute later;
- CPU: the server's CPU seconds for the whole run (user + system).
A big diary (20,000 entries, 3.6 MB) is also timed alone, with another person's first screen meanwhile.

The clients run in `--client-procs` processes of their own (their CPU is not the server's, but on a 2-core
machine they compete for the same cores; the figures are what a person would see with that competition).
With WORKERS=n the server runs n worker processes (memory and CPU are summed over them).
Goals (issue 17, 2 cores): 1,000 sessions with first screen p95 <= 2 s and <= 0.5 MB each, memory back within
10 % of idle a minute after they close.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.e2e.e2e_support import app_command, free_port, running_server  # noqa: E402
from tests.wire import WireClient  # noqa: E402

CLK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- the server's process tree


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def rss_mb(pid: int) -> float:
    total = 0
    for p in tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def cpu_s(pid: int) -> float:
    total = 0
    for p in tree(pid):
        with contextlib.suppress(OSError, IndexError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK


def server_pid(port: int) -> int:
    """The process listening on the port (with workers: their parent)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        if parts[1].endswith(f":{port:04X}") and parts[3] == "0A":
            inode = parts[9]
            break
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) == f"socket:[{inode}]":
                    pid = int(proc.name)
                    ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
                    parent = Path(f"/proc/{ppid}/cmdline").read_bytes()
                    return ppid if b"mobile_app" in parent or b"uvicorn" in parent else pid
    raise RuntimeError(f"nothing listens on {port}")


# ---------------------------------------------------------------- one client process

TAPS = ("start-button", "who-self", "answer", "back-step", "who-self")


async def _person(
    url: str, ramp_at: float, t0: float, hold: asyncio.Event, hold_close: asyncio.Event, out: dict[str, list[float]]
) -> None:
    await asyncio.sleep(max(0.0, t0 + ramp_at - time.perf_counter()))
    c = WireClient(url, fast=True)
    start = time.perf_counter()
    try:
        await c.open(timeout=120)
        await c.wait_for("start-button", timeout=120)
        out["first"].append(time.perf_counter() - start)
    except Exception:
        out["failed"].append(1.0)
        await c.close()
        return
    out["ready"].append(1.0)
    await hold.wait()
    for name in TAPS:
        await asyncio.sleep(random.uniform(1.0, 3.0))
        target = name
        if name == "answer":
            target = next((i for i in list(c._by_identifier) if i.startswith("answer-") and "not_sure" in i), "")
        if not target or c.find(target) is None:
            continue
        seen = len(c.got.patches)
        sent = time.perf_counter()
        try:
            await c.tap(target)
            await c.wait(lambda c, seen=seen: len(c.got.patches) > seen, timeout=60)
            out["tap"].append(c.got.patches[seen][0] - sent)
        except Exception:
            out["tap"].append(float("inf"))
    out["tapped"].append(1.0)
    await hold_close.wait()
    await c.close()


def client_process(url: str, n: int, ramp_s: float, conn: Any) -> None:
    async def run() -> None:
        hold_close = asyncio.Event()
        hold = asyncio.Event()
        out: dict[str, list[float]] = {"first": [], "tap": [], "failed": [], "ready": [], "tapped": []}
        t0 = time.perf_counter()
        tasks = [asyncio.create_task(_person(url, ramp_s * i / max(1, n), t0, hold, hold_close, out)) for i in range(n)]
        loop = asyncio.get_running_loop()
        while len(out["ready"]) + len(out["failed"]) < n:
            await asyncio.sleep(0.2)
        conn.send(("opened", dict(out)))
        await loop.run_in_executor(None, conn.recv)  # "tap"
        hold.set()
        while len(out["tapped"]) + len(out["failed"]) < n:
            await asyncio.sleep(0.2)
        conn.send(("tapped", dict(out)))
        await loop.run_in_executor(None, conn.recv)  # "close"
        hold_close.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        conn.send(("closed", {}))

    asyncio.run(run())


# ---------------------------------------------------------------- one round


def pct(values: list[float], q: float) -> float:
    vals = sorted(values)
    return vals[min(len(vals) - 1, int(q * len(vals)))] if vals else float("nan")


def wait_until(what: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not what():
        time.sleep(0.5)


def one_round(n: int, procs: int, ramp_s: float, settle_s: float, log: Path) -> dict[str, Any]:
    port = free_port()
    with running_server(app_command(), port, log) as url:
        pid = server_pid(port)
        time.sleep(1)
        cold = rss_mb(pid)

        async def warm() -> None:
            c = WireClient(url)
            await c.open()
            await c.wait_for("start-button", timeout=60)
            await c.close()

        asyncio.run(warm())
        time.sleep(settle_s)
        idle = rss_mb(pid)
        cpu0 = cpu_s(pid)
        pipes = []
        for k in range(procs):
            here, there = mp.Pipe()
            share = n // procs + (1 if k < n % procs else 0)
            proc = mp.Process(target=client_process, args=(url, share, ramp_s, there), daemon=True)
            proc.start()
            pipes.append((proc, here))
        opened = [here.recv()[1] for _, here in pipes]
        held = rss_mb(pid)
        for _, here in pipes:
            here.send("tap")
        tapped = [here.recv()[1] for _, here in pipes]
        held_after_taps = rss_mb(pid)
        for _, here in pipes:
            here.send("close")
        for proc, here in pipes:
            here.recv()
            proc.join(30)
        closed_at = time.monotonic()
        # The server drops closed sessions after its timeout (mobile_app.server.SESSION_TIMEOUT_S) and housekeeping.
        time.sleep(settle_s)
        after = rss_mb(pid)
        wait_until(lambda: time.monotonic() - closed_at >= 60, 120)
        minute = rss_mb(pid)
        cpu = cpu_s(pid) - cpu0
    first = [x for o in opened for x in o["first"]]
    taps = [x for o in tapped for x in o["tap"]]
    return {
        "n": n,
        "failed": int(sum(len(o["failed"]) for o in opened)),
        "cold": cold,
        "idle": idle,
        "held": held,
        "held_taps": held_after_taps,
        "per_session_kb": (max(held, held_after_taps) - idle) * 1024 / n,
        "after": after,
        "minute": minute,
        "first_median": statistics.median(first) if first else float("nan"),
        "first_p95": pct(first, 0.95),
        "taps": len(taps),
        "taps_in_05": sum(t <= 0.5 for t in taps) / len(taps) if taps else float("nan"),
        "tap_median": statistics.median(taps) if taps else float("nan"),
        "tap_p95": pct(taps, 0.95),
        "cpu": cpu,
    }


def big_diary(log: Path) -> dict[str, float]:
    """One person's 20,000-entry diary read at the start of their session; another person opens meanwhile."""
    from mobile_app.followup.diary import MAX_EPISODES
    from tests.ui.test_hostile_storage import diary_with, episode_at

    entries = [episode_at("2026-11-01T03:00:00") | {"id": f"{i:032x}"} for i in range(MAX_EPISODES)]
    prefs = {"calf_check.diary": diary_with(*entries)}
    port = free_port()
    with running_server(app_command(), port, log) as url:

        async def run() -> dict[str, float]:
            warm = WireClient(url)
            await warm.open()
            await warm.wait_for("start-button", timeout=60)
            await warm.close()
            heavy, other = WireClient(url, prefs=prefs), WireClient(url)
            t = time.perf_counter()
            await heavy.open()
            await asyncio.sleep(0.05)
            t_other = time.perf_counter()
            await other.open()
            await other.wait_for("start-button", timeout=120)
            other_s = time.perf_counter() - t_other
            await heavy.wait_for("start-button", timeout=120)
            heavy_s = time.perf_counter() - t
            await heavy.close()
            await other.close()
            return {"bytes": len(prefs["calf_check.diary"]), "heavy_s": heavy_s, "other_s": other_s}

        return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--client-procs", type=int, default=2)
    parser.add_argument("--ramp", type=float, default=None, help="seconds over which sessions arrive (default n/100)")
    parser.add_argument("--settle", type=float, default=35.0, help="seconds to wait for closed sessions to go")
    parser.add_argument("--no-diary", action="store_true")
    args = parser.parse_args()
    workers = os.environ.get("WORKERS", "1")
    print(
        f"# server: {' '.join(app_command())}  workers={workers}  cores={os.cpu_count()}  "
        f"client processes={args.client_procs}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_diary:
            d = big_diary(Path(tmp) / "diary.log")
            print(
                f"big diary: {d['bytes'] / 1e6:.1f} MB, 20,000 entries: that person's first screen "
                f"{d['heavy_s']:.2f} s; another person's first screen meanwhile {d['other_s']:.2f} s"
            )
        print(
            "sessions  failed  first screen median/p95 s  taps<=0.5s  tap median/p95 s  RSS MB cold/idle/held  "
            "KB per session  RSS after close/+1 min (vs idle)  server CPU s"
        )
        for n in args.sessions:
            ramp = args.ramp if args.ramp is not None else n / 100
            r = one_round(n, args.client_procs, ramp, args.settle, Path(tmp) / f"server-{n}.log")
            print(
                f"{r['n']:>8}  {r['failed']:>6}  {r['first_median']:>9.2f} / {r['first_p95']:<6.2f}"
                f"        {100 * r['taps_in_05']:>5.1f} %   {r['tap_median']:>6.3f} / {r['tap_p95']:<6.3f}"
                f"  {r['cold']:>5.0f} / {r['idle']:>4.0f} / {max(r['held'], r['held_taps']):>5.0f}"
                f"   {r['per_session_kb']:>9.0f}    {r['after']:>5.0f} / {r['minute']:<5.0f}"
                f" ({100 * (r['minute'] / r['idle'] - 1):+.0f} %)   {r['cpu']:>8.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
