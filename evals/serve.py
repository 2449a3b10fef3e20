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
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(log_path.read_text()[-3000:])
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return url, proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"the server did not start within {timeout:.0f} s")
