#!/usr/bin/env python3
"""Screenshot of the browser check page once it has finished (for reviewing what an agent sees).

    scripts/check-page-screenshot.py URL OUT.png [--timeout SECONDS] [--chromium PATH] [--width PX] [--ca-file PEM] [--during SECONDS] [--details]

Starts headless Chromium in its own process group with the DevTools protocol on a pipe
(--remote-debugging-pipe: no port is opened), opens URL (a collector's /check?profile=...),
waits until the page says it is done (window.iceprobeCheck.state is no longer "running"), and
writes a full-page PNG. Bounded: --timeout (default 120 s) for the whole run; Chromium's
process group gets SIGTERM, then SIGKILL 3 s later. Run it where the page's servers are
reachable (in a lab: `ip netns exec NAMESPACE scripts/check-page-screenshot.py ...`). --ca-file
--during N takes the picture N seconds after the page opened (the progress view) instead of at the
end; --details unfolds the technical details first. --ca-file puts a CA in Chromium's NSS database for that run (certutil, libnss3-tools), as `iceprobe browser` does.
Standard library only.
"""
import argparse
import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time


class Pipe:
    """The DevTools protocol over Chromium's pipe: requests on fd 3, answers on fd 4, NUL-separated JSON."""

    def __init__(self, write_fd, read_fd, deadline):
        self.write_fd, self.read_fd, self.deadline = write_fd, read_fd, deadline
        self.buffer = b""
        self.next_id = 0

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            for reply in self._messages():
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply.get("result", {})

    def _messages(self):
        import select
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer before the deadline")
            ready, _, _ = select.select([self.read_fd], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self.read_fd, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        out = []
        while b"\0" in self.buffer:
            raw, self.buffer = self.buffer.split(b"\0", 1)
            out.append(json.loads(raw))
        return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--width", type=int, default=900)
    parser.add_argument("--ca-file")
    parser.add_argument("--during", type=float)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()

    def child_fds():
        # Chromium reads requests on fd 3 and writes answers on fd 4. Copy both ends high first so
        # that neither dup2 overwrites the other's source.
        os.setpgid(0, 0)
        reader, writer = os.dup(to_chrome_r), os.dup(from_chrome_w)
        os.dup2(reader, 3)
        os.dup2(writer, 4)
        os.close(reader)
        os.close(writer)

    with tempfile.TemporaryDirectory(prefix="iceprobe-shot.") as home:
        env = dict(os.environ, HOME=home)
        if args.ca_file:
            database = f"sql:{home}/.pki/nssdb"
            os.makedirs(f"{home}/.pki/nssdb")
            subprocess.run(["certutil", "-d", database, "-N", "--empty-password"], check=True, timeout=30)
            subprocess.run(["certutil", "-d", database, "-A", "-n", "iceprobe-ca", "-t", "C,,", "-i", args.ca_file],
                           check=True, timeout=30)
        chrome = subprocess.Popen(
            [args.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
             f"--user-data-dir={home}/profile", "--remote-debugging-pipe", f"--window-size={args.width},1000",
             "about:blank"],
            env=env, preexec_fn=child_fds, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        try:
            pipe = Pipe(to_chrome_w, from_chrome_r, deadline)
            target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            pipe.call("Page.enable", session=session)
            pipe.call("Emulation.setDeviceMetricsOverride",
                      {"width": args.width, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session=session)
            pipe.call("Page.navigate", {"url": args.url}, session=session)
            state = "running"
            started = time.monotonic()
            while state == "running" and (args.during is None or time.monotonic() - started < args.during):
                if time.monotonic() > deadline:
                    raise TimeoutError("the page did not finish before --timeout")
                time.sleep(0.5)
                result = pipe.call("Runtime.evaluate", {"expression": "(window.iceprobeCheck||{state:'running'}).state",
                                                        "returnByValue": True}, session=session)
                state = result.get("result", {}).get("value", "running")
            if args.details:
                pipe.call("Runtime.evaluate", {"expression": "document.getElementById('details').open = true"}, session=session)
            time.sleep(0.5)
            metrics = pipe.call("Page.getLayoutMetrics", session=session)
            height = int(metrics.get("cssContentSize", metrics.get("contentSize", {})).get("height", 1000))
            pipe.call("Emulation.setDeviceMetricsOverride",
                      {"width": args.width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
            shot = pipe.call("Page.captureScreenshot", {"format": "png"}, session=session)
            with open(args.out, "wb") as handle:
                handle.write(base64.b64decode(shot["data"]))
            print(f"check-page-screenshot: page state {state}, {args.width}x{height} written to {args.out}")
        finally:
            try:
                os.killpg(chrome.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                chrome.wait(timeout=3)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(chrome.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            chrome.wait()


if __name__ == "__main__":
    try:
        main()
    except (TimeoutError, RuntimeError) as error:
        print(f"check-page-screenshot: {error}", file=sys.stderr)
        sys.exit(1)
