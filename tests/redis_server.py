"""A redis-server of a test's own, on a free port of the loopback."""

import subprocess
import time


def start_redis(port):
    """Start redis-server on `port` (keeping nothing on disk) and wait until it answers."""
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ping = subprocess.run(
            ["redis-cli", "-p", str(port), "ping"],
            capture_output=True,
            text=True,
            check=False,
        )
        if ping.stdout.strip() == "PONG":
            return process
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"redis-server did not start on port {port}")
