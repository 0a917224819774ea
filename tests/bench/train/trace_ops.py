#!/usr/bin/python3
"""Sums the operators of Chrome traces written by bench_step --trace and torchvision_step.py --trace.

    tests/bench/train/trace_ops.py A.json B.json [--top 30]

Prints, per operator name, its calls and total milliseconds in each trace (inclusive: an operator's
time contains the operators it calls) and B - A, the largest differences first.
"""
import argparse
import collections
import json


def totals(path):
    with open(path) as file:
        data = json.load(file)
    events = data["traceEvents"] if isinstance(data, dict) else data
    calls = collections.Counter()
    micros = collections.Counter()
    for event in events:
        if event.get("ph") != "X":
            continue
        calls[event["name"]] += 1
        micros[event["name"]] += float(event.get("dur", 0))
    return calls, micros


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    calls_a, micros_a = totals(args.a)
    calls_b, micros_b = totals(args.b)
    names = set(micros_a) | set(micros_b)
    rows = sorted(names, key=lambda n: -abs(micros_b[n] - micros_a[n]))[: args.top]
    print(f"{'operator':48} {'calls A':>8} {'ms A':>10} {'calls B':>8} {'ms B':>10} {'B - A':>10}")
    for name in rows:
        print(f"{name[:48]:48} {calls_a[name]:8d} {micros_a[name] / 1e3:10.1f} "
              f"{calls_b[name]:8d} {micros_b[name] / 1e3:10.1f} "
              f"{(micros_b[name] - micros_a[name]) / 1e3:+10.1f}")


if __name__ == "__main__":
    main()
