"""Servers the tests start on loopback: a free port, and a real ``chroma run`` (from :mod:`snc_qa.chroma_server`)."""

from snc_qa.chroma_server import free_port, start_chroma

__all__ = ["free_port", "start_chroma"]
