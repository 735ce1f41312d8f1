"""Prints the engine's speed: time per interview step and for the whole shared vignette set (not a test).

usage: python benchmarks/bench_engine.py [VIGNETTES.json]
Figures are relative to a baseline measured in the same run (assessing a fixed answer set), because the
machines are shared and noisy.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mobile_app.core.engine import Assessment, Engine  # noqa: E402
from mobile_app.core.loader import load_content  # noqa: E402
from mobile_app.core.models import NOT_SURE  # noqa: E402


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "clinical" / "vignettes.json"
    if not path.exists():
        print(f"bench_engine: {path} not found; pass a vignette file")
        return 2
    vignettes = json.loads(path.read_text(encoding="utf-8"))

    t0 = time.perf_counter()
    content = load_content()
    load_s = time.perf_counter() - t0
    engine = Engine(content)

    baseline_answers = {"age_years": 40, "relieved_by_stretching": True, "cramps_at_night_or_rest": True}
    base = []
    for _ in range(200):
        t = time.perf_counter()
        engine.assess(baseline_answers)
        base.append(time.perf_counter() - t)

    step_times: list[float] = []
    t_all = time.perf_counter()
    screens = 0
    for v in vignettes:
        answers: dict = {}
        while True:
            t = time.perf_counter()
            step = engine.next_step(answers, screens_shown=screens)
            step_times.append(time.perf_counter() - t)
            if isinstance(step, Assessment):
                break
            screens += 1
            for f in step.findings:
                answers[f] = v["findings"].get(f, NOT_SURE)
    total = time.perf_counter() - t_all

    def ms(x: float) -> str:
        return f"{1000 * x:.2f} ms"

    p95 = sorted(step_times)[int(0.95 * (len(step_times) - 1))]
    b = statistics.median(base)
    print(f"content load: {ms(load_s)}")
    print(f"baseline assess (same run): median {ms(b)}")
    print(
        f"next_step: n={len(step_times)} median {ms(statistics.median(step_times))} p95 {ms(p95)} "
        f"({statistics.median(step_times) / b:.1f}x baseline)"
    )
    print(f"whole vignette set: {len(vignettes)} interviews, {screens} screens, {ms(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
