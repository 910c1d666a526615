#!/usr/bin/env python3
"""Where a .NET process spent its CPU, from a dotnet-trace thread-time trace converted to Speedscope
(dotnet-trace collect --profile dotnet-common,dotnet-sampled-thread-time --format Speedscope).

    python3 test/Erp.Benchmarks/cpu-profile.py trace.speedscope.json [regex] [count]

Only the samples of threads on CPU count (the trace's CPU_TIME leaf; waiting threads are left out). Prints each method's
inclusive share of that CPU time (optionally only methods matching regex), then the top exclusive ones."""
import collections
import json
import re
import sys

trace = json.load(open(sys.argv[1]))
pattern = re.compile(sys.argv[2]) if len(sys.argv) > 2 else None
count = int(sys.argv[3]) if len(sys.argv) > 3 else 80
frames = [f["name"] for f in trace["shared"]["frames"]]
inclusive, exclusive, total = collections.Counter(), collections.Counter(), 0.0
for profile in trace["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        if stack and last is not None and event["at"] > last and frames[stack[-1]] == "CPU_TIME":
            spent = event["at"] - last
            total += spent
            methods = [frames[f] for f in stack if not frames[f].startswith(("Thread", "Process", "(Non", "CPU_TIME"))]
            if methods:
                exclusive[methods[-1]] += spent
            for method in set(methods):
                inclusive[method] += spent
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()

name = lambda method: re.sub(r"\(.*", "", method)[:150]
print(f"on CPU: {total / 1000:.1f} s")
shown = [(m, t) for m, t in inclusive.most_common() if not pattern or pattern.search(m)][:count]
for method, spent in shown:
    print(f"{100 * spent / total:5.1f}%  {name(method)}")
print("--- exclusive")
for method, spent in exclusive.most_common(30):
    print(f"{100 * spent / total:5.1f}%  {name(method)}")
