"""Load for the reading room (scripts/bench-reading-room.sh): READERS threads search /api/search
without pause until the file STOP exists, then the latencies are summarised as JSON.
Usage: room-load.py BASE_URL READERS STOP"""
import json
import os
import sys
import threading
import time
import urllib.request

base, readers, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3]
queries = ["so+hoa", "ban+chi+dao", "tai+lieu+luu+tru", "thanh+uy", "quyet+dinh", "ke+hoach", "dang+phi", "thong+bao"]
latencies, errors, lock = [], [0], threading.Lock()


def reader(index):
    n = index
    while not os.path.exists(stop):
        url = f"{base}/api/search?q={queries[n % len(queries)]}&limit=20"
        n += 1
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                response.read()
                ok = response.status == 200
        except Exception:
            ok = False
        elapsed = time.monotonic() - started
        with lock:
            if ok:
                latencies.append(elapsed)
            else:
                errors[0] += 1


threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
latencies.sort()


def percentile(p):
    return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None


print(json.dumps({"readers": readers, "requests": len(latencies), "errors": errors[0],
                  "p50_ms": percentile(0.50), "p95_ms": percentile(0.95), "max_ms": percentile(1.0)}))
