"""Run `report-assistant serve` as a child process on a free port (benchmarks and tests use this).

    url, proc = start_server(Path("/tmp/data"))   # -> "http://127.0.0.1:43817", Popen
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, env_extra: dict | None = None, args: tuple = (),
                 timeout: float = 120) -> tuple[str, subprocess.Popen]:
    port = free_port()
    env = dict(os.environ, REPORT_ASSISTANT_DATA=str(data_dir), **(env_extra or {}))
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    log_path = Path(data_dir) / f"serve-{port}.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port), *args],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait(proc, f"{url}/healthz", timeout, lambda: log_path.read_text()[-3000:])
    return url, proc


def start_chroma(path: Path, timeout: float = 60) -> tuple[str, subprocess.Popen]:
    """A `chroma run` server on a free port, storing under `path`."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait(proc, f"{url}/api/v2/heartbeat", timeout, lambda: "chroma run exited")
    return url, proc


def _wait(proc: subprocess.Popen, probe: str, timeout: float, why) -> None:
    """Until `probe` answers 200; the process's own words if it dies first."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(why())
        try:
            if httpx.get(probe, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.4)
    proc.kill()
    raise RuntimeError(f"{probe} did not answer within {timeout:.0f} s")
