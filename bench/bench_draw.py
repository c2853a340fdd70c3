"""Time the pure 双随机 draw function (no database).

    .venv/bin/python bench/bench_draw.py                 # 1,000,000 entities × 5,000 inspectors, 3 runs
    .venv/bin/python bench/bench_draw.py --entities 10000 --inspectors 200 --runs 5

Prints a table: operation, entities, inspectors, median and p95 seconds (wall clock), and the
median CPU seconds of this process (less disturbed when the machine is shared).
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src" / "fazhi" / "streams" / "inspections"))

import verify  # standard library only: no Django needed

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def data(n_entities: int, n_inspectors: int, townships: int = 20) -> tuple[list[dict], list[dict]]:
    rng = random.Random(42)
    entities = [{"code": "91430771" + "".join(rng.choice(CHARSET) for _ in range(9)) + f"{i % 10}",
                 "risk_grade": rng.choices("ABCD", weights=(40, 40, 15, 5))[0],
                 "township": f"4307711{rng.randrange(townships):02d}"} for i in range(n_entities)]
    entities = sorted({e["code"]: e for e in entities}.values(), key=lambda e: e["code"])
    codes = [e["code"] for e in entities]
    inspectors = [{"id": f"43077103{i:05d}", "unit": "430771-D03", "township": f"4307711{rng.randrange(townships):02d}",
                   "qualifications": ["food"], "valid_until": "2030-12-31",
                   "avoid": [rng.choice(codes)] if i % 10 == 0 else []} for i in range(n_inspectors)]
    return entities, inspectors


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--inspectors", type=int, default=5_000)
    parser.add_argument("--ratio", default="5")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    entities, inspectors = data(args.entities, args.inspectors)
    params = {"category": "food", "ratio": args.ratio, "count": None, "ratio_by_grade": {},
              "stratify": ["risk_grade"], "inspectors_per_entity": 2,
              "period_start": "2024-09-02", "period_end": "2024-10-31"}
    timings: dict[str, list[float]] = {"commitment (fingerprints)": [], "select entities": [],
                                       "assign inspectors": [], "whole draw (compute)": [], "verify": []}
    cpu: dict[str, list[float]] = {name: [] for name in timings}
    drawn = 0
    for _ in range(args.runs):
        seed_hex = secrets.token_hex(32)
        seed = bytes.fromhex(seed_hex)
        t, c = time.perf_counter(), time.process_time()
        commitment = verify.commitment_of(verify.sha256_hex(seed), params, entities, inspectors)
        timings["commitment (fingerprints)"].append(time.perf_counter() - t)
        cpu["commitment (fingerprints)"].append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        chosen = verify.select_entities(seed, entities, params)
        timings["select entities"].append(time.perf_counter() - t)
        cpu["select entities"].append(time.process_time() - c)
        pool = verify.task_inspectors(inspectors, params)
        by_code = {e["code"]: e for e in entities}
        t, c = time.perf_counter(), time.process_time()
        verify.assign_inspectors(seed, chosen, by_code, pool, 2)
        timings["assign inspectors"].append(time.perf_counter() - t)
        cpu["assign inspectors"].append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        result = verify.compute(seed_hex, params, entities, inspectors)
        timings["whole draw (compute)"].append(time.perf_counter() - t)
        cpu["whole draw (compute)"].append(time.process_time() - c)
        drawn = len(result["entities"])
        document = {"format": verify.FORMAT, "seed": seed_hex, "params": params, "eligible_entities": entities,
                    "eligible_inspectors": inspectors, "commitment": commitment, "result": result}
        t, c = time.perf_counter(), time.process_time()
        ok, _ = verify.verify(document)
        timings["verify"].append(time.perf_counter() - t)
        cpu["verify"].append(time.process_time() - c)
        assert ok
    print(f"{'operation':<28}{'entities':>12}{'inspectors':>12}{'median s':>12}{'p95 s':>10}{'median cpu s':>14}")
    for name, values in timings.items():
        print(f"{name:<28}{len(entities):>12,}{len(inspectors):>12,}{statistics.median(values):>12.3f}"
              f"{percentile(values, 95):>10.3f}{statistics.median(cpu[name]):>14.3f}")
    print(f"drawn: {drawn:,} entities × 2 inspectors; runs: {args.runs}")


if __name__ == "__main__":
    main()
