"""Servers the tests start on loopback: a free port, and a real ``chroma run``."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import chromadb
import pytest


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    """``chroma run`` over ``path`` on loopback, returned once its heartbeat answers."""
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc
        except Exception:  # not up yet
            time.sleep(0.5)
    proc.kill()
    pytest.fail("chroma run did not start")
