#!/usr/bin/env python3
"""Whole-process timing of a PNG still, two scaleview builds side by side, runs interleaved.

    python3 benches/whole_process.py NEW_BINARY OLD_BINARY [RUNS] [-- extra export args]

e.g. `python3 benches/whole_process.py target/release/scaleview /tmp/old/scaleview 80`
(add `-- --scale 2` for 4K). Prints median, fastest and quartiles of each, and the ratios.
"""
import statistics
import subprocess
import sys
import tempfile
import time

args = sys.argv[1:]
extra = args[args.index("--") + 1:] if "--" in args else []
args = args[: args.index("--")] if "--" in args else args
if len(args) < 2:
    sys.exit(__doc__)
bins = {"new": args[0], "old": args[1]}
runs = int(args[2]) if len(args) > 2 else 60
times = {k: [] for k in bins}
with tempfile.TemporaryDirectory() as out:
    for _ in range(runs):
        for name, binary in bins.items():
            start = time.perf_counter()
            subprocess.run(
                [binary, "export", "--stage", "5", *extra, "--out", f"{out}/{name}.png"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            times[name].append((time.perf_counter() - start) * 1000)
for name, t in times.items():
    t.sort()
    print(
        f"{name}: median {statistics.median(t):.1f} ms, fastest {t[0]:.1f}, "
        f"p25 {t[len(t) // 4]:.1f}, p75 {t[3 * len(t) // 4]:.1f}"
    )
old, new = times["old"], times["new"]
print(
    f"old/new: medians {statistics.median(old) / statistics.median(new):.2f}x, "
    f"fastest {min(old) / min(new):.2f}x"
)
