"""A Chroma server on loopback, as ``chroma run`` starts it: for the tests and benchmarks that exercise server mode.

>>> port = free_port()
>>> 0 < port < 65536
True
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_chroma(path: Path, port: int, timeout: float = 60) -> subprocess.Popen:
    """``chroma run`` over ``path`` on loopback, returned once its heartbeat answers.

    Raises ``RuntimeError`` naming the command when the server exits or does not answer within ``timeout``
    seconds (the process is killed first).
    """
    import chromadb

    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc
        except Exception:  # not up yet
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"`{chroma} run --path {path}` did not start on 127.0.0.1:{port} within {timeout:.0f} s")
