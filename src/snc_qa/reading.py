"""Reading documents in a worker process, with a time and a memory budget per file.

PDF, Word and HTML readers are big C and Python libraries fed untrusted files: a crafted file can
recurse past the stack, allocate gigabytes or loop for minutes. Read in a child process, such a
file fails alone (its report says why) and the assistant, its index and its memory are untouched.
The worker (``python -m snc_qa.reading``) is started on the first read and stopped by
:meth:`IsolatedReader.close`, which hands its memory back to the system. It is a plain subprocess
rather than :mod:`multiprocessing`, whose "spawn" start re-runs the caller's main script: a user's
script without an ``if __name__ == "__main__"`` guard would index itself in a loop.

Example::

    from snc_qa.documents import DocumentLimits
    from snc_qa.reading import IsolatedReader
    with IsolatedReader(DocumentLimits(), seconds=60, memory_mb=2048) as reader:
        document = reader.read(Path("documents"), Path("documents/a.pdf"))   # or DocumentError
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import subprocess
import sys
import time
from pathlib import Path

from snc_qa.documents import Document, DocumentError, DocumentLimits, load_document, unexpected_reason

_HEADER = struct.Struct("!Q")


class IsolatedReader:
    """:func:`~snc_qa.documents.load_document` in a worker process, one file at a time."""

    def __init__(self, limits: DocumentLimits, seconds: float, memory_mb: int) -> None:
        self.limits = limits
        self.seconds = seconds
        self.memory_mb = memory_mb
        self._worker: subprocess.Popen | None = None

    def read(self, root: Path, path: Path) -> Document:
        """The document at ``path``; :class:`DocumentError` naming the file when it cannot be read in budget."""
        rel = Path(path).relative_to(root).as_posix()
        worker = self._start()
        deadline = time.monotonic() + self.seconds
        try:
            _send(worker.stdin, (str(root), str(path), self.limits))
            kind, value = _receive(worker.stdout.fileno(), deadline)
        except TimeoutError:
            self._stop(kill=True)
            raise DocumentError(
                f"{rel}: reading it took over {self.seconds:g} s, the time budget for one document; "
                "re-save it in a simpler form, or raise SNC_QA_MAX_DOCUMENT_SECONDS."
            ) from None
        except (OSError, EOFError, pickle.UnpicklingError):
            self._stop(kill=True)
            raise DocumentError(
                f"{rel}: the reader stopped on this file (out of memory, or a damaged file); re-save it or "
                "remove it."
            ) from None
        if kind == "ok":
            return value
        if kind == "memory":
            self._stop(kill=True)  # a worker that ran out of memory may be in a poor state: start afresh
            raise DocumentError(
                f"{rel}: reading it needed over {self.memory_mb} MB of memory; re-save it in a simpler form, "
                "or raise SNC_QA_MAX_READER_MEMORY_MB."
            )
        raise DocumentError(value)

    def _start(self) -> subprocess.Popen:
        if self._worker is None or self._worker.poll() is not None:
            self._worker = subprocess.Popen(
                [sys.executable, "-m", "snc_qa.reading", str(self.memory_mb)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
        return self._worker

    def _stop(self, kill: bool = False) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        with contextlib.suppress(OSError):
            worker.stdin.close()
        if kill:
            worker.kill()  # a worker stuck in a C loop never reads its next request
        try:
            worker.wait(timeout=5)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        with contextlib.suppress(OSError):
            worker.stdout.close()

    def close(self) -> None:
        """Stop the worker (its memory goes back to the system)."""
        self._stop()

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _send(stream, message) -> None:
    data = pickle.dumps(message)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    chunks, left = [], size
    while left:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, deadline: float | None):
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size, deadline))
    return pickle.loads(_read_exactly(fd, size, deadline))


def _limit_memory(memory_mb: int) -> None:
    """Cap this process's address space, so an allocation past it fails here, not in the assistant."""
    try:
        import resource

        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time budget still holds
        pass


def _serve(memory_mb: int) -> None:
    """The worker: read requests (root, path, limits) from stdin, answer ("ok" | "error" | "memory", value)."""
    _limit_memory(memory_mb)
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library that prints must not corrupt the replies
    requests = sys.stdin.buffer.fileno()
    while True:
        try:
            root, path, limits = _receive(requests, None)
        except EOFError:
            return
        try:
            reply = ("ok", load_document(Path(root), Path(path), None, limits))
        except DocumentError as exc:
            reply = ("error", str(exc))
        except MemoryError:
            reply = ("memory", "")
        except BaseException as exc:  # anything else is this file's failure, reported by name
            rel = Path(path).relative_to(root).as_posix()
            reply = ("error", f"{rel}: could not be read ({unexpected_reason(exc)}).")
        try:
            _send(replies, reply)
        except MemoryError:
            _send(replies, ("memory", ""))


if __name__ == "__main__":
    _serve(int(sys.argv[1]) if len(sys.argv) > 1 else 2048)
