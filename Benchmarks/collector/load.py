#!/usr/bin/env python3
"""Load client for the collector benchmark (standard library only).

Sends every *.json report in --dir to --url (POST /api/v1/reports, Bearer token from
--token-file) from --clients concurrent keep-alive connections, each report once. Appends
"<id> <file>" for every 201 answer to --answered (flushed per line, so it is complete even if
this client or the server is killed). Bounded: every request times out after 10 s and the whole
run stops sending after --limit-seconds. Prints one JSON summary line: answers by status,
transport errors, p50/p99/max latency of 201 answers in ms, elapsed seconds.
"""
import argparse, http.client, json, os, sys, threading, time, urllib.parse

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--limit-seconds", type=float, default=300)
    parser.add_argument("--answered", required=True)
    args = parser.parse_args()

    url = urllib.parse.urlparse(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("load.py: loopback only")
    with open(args.token_file) as handle:
        token = next(line.strip() for line in handle if line.strip() and not line.startswith("#"))
    files = sorted(os.path.join(args.dir, name) for name in os.listdir(args.dir) if name.endswith(".json"))
    lock = threading.Lock()
    state = {"next": 0, "status": {}, "errors": 0, "latencies": []}
    answered = open(args.answered, "a")
    deadline = time.monotonic() + args.limit_seconds
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def take():
        with lock:
            if state["next"] >= len(files) or time.monotonic() > deadline:
                return None
            index = state["next"]
            state["next"] += 1
            return files[index]

    def worker():
        connection = None
        while True:
            path = take()
            if path is None:
                break
            with open(path, "rb") as handle:
                body = handle.read()
            started = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                connection.request("POST", "/api/v1/reports", body=body, headers=headers)
                response = connection.getresponse()
                text = response.read()
                elapsed = (time.monotonic() - started) * 1000
                with lock:
                    state["status"][response.status] = state["status"].get(response.status, 0) + 1
                    if response.status == 201:
                        state["latencies"].append(elapsed)
                        answered.write("%d %s\n" % (json.loads(text)["id"], os.path.basename(path)))
                        answered.flush()
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                with lock:
                    state["errors"] += 1
                if connection is not None:
                    connection.close()
                connection = None
        if connection is not None:
            connection.close()

    began = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    answered.close()
    latencies = sorted(state["latencies"])

    def percentile(p):
        if not latencies:
            return None
        return round(latencies[min(len(latencies) - 1, int(p / 100.0 * len(latencies)))], 1)

    print(json.dumps({"sent": state["next"], "status": {str(k): v for k, v in sorted(state["status"].items())},
                      "errors": state["errors"], "p50_ms": percentile(50), "p99_ms": percentile(99),
                      "max_ms": round(latencies[-1], 1) if latencies else None, "elapsed_s": round(elapsed, 1)}))

if __name__ == "__main__":
    main()
