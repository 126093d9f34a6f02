#!/usr/bin/env python3
"""Query latency through `confsearch serve`'s API, beside examples/latency.rs's in-process figure.

    confsearch --index DIR serve --port 0 &      # prints http://127.0.0.1:PORT
    scripts/bench-serve.py http://127.0.0.1:PORT [RUNS]

The queries are latency.rs's five. Each request is timed from the client (Python's http.client
on one kept-alive connection: the HTTP round trip, the JSON the API prints, facets included, as
`query --json` counts them) and reported as p50/p99/max in milliseconds.
"""
import http.client
import sys
import time
import urllib.parse

CASES = [
    ("two words", {"q": "kubernetes secrets"}),
    ("phrase", {"q": '"service mesh"'}),
    ("filtered", {"q": "chaos", "year": "2019", "kind": "talk"}),
    ("typo", {"q": "kubernets obsrvability"}),
    ("no hit", {"q": "zzzzqqq"}),
]


def main():
    url = urllib.parse.urlparse(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    conn = http.client.HTTPConnection(url.hostname, url.port)
    print("| query | p50 ms | p99 ms | max ms | bytes |")
    print("|---|---|---|---|---|")
    for name, params in CASES:
        path = "/api/search?" + urllib.parse.urlencode(params) + "&limit=10"
        times = []
        size = 0
        for _ in range(runs + 5):
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status == 200, body
            size = len(body)
            times.append(elapsed)
        times = sorted(times[5:])
        pct = lambda p: times[round((len(times) - 1) * p)]
        print(f"| {name} | {pct(0.5):.2f} | {pct(0.99):.2f} | {times[-1]:.2f} | {size} |")


if __name__ == "__main__":
    main()
