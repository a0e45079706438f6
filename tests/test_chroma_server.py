"""The loopback Chroma server the server-mode tests and benchmarks start."""

import pytest

from snc_qa.chroma_server import start_chroma

from .servers import free_port


def test_a_server_that_does_not_answer_in_time_is_killed_and_named(tmp_path):
    with pytest.raises(RuntimeError, match=r"chroma run --path .* did not start on 127\.0\.0\.1:\d+ within 0 s"):
        start_chroma(tmp_path / "data", free_port(), timeout=0)
