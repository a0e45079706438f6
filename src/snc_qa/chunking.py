"""Sentence-aware chunking for Arabic and English, sized in embedding-model tokens.

Sentences end at ``. ! ? ؟ ؛`` (and at line breaks); a sentence longer than the
budget is cut at ``،`` / ``;`` / ``,`` clauses, then at words. Each
:class:`Chunk` knows its document, position and neighbours, so an answer can
widen a hit to the chunks around it.

Example::

    from snc_qa.chunking import Chunker, split_sentences
    split_sentences("قال الرئيس: نعم. ثم غادر؟ Yes! ok")
    # ['قال الرئيس: نعم.', 'ثم غادر؟', 'Yes!', 'ok']
    chunker = Chunker(count_tokens=lambda s: len(s.split()), max_tokens=120)
    chunks = chunker.split(document)
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from snc_qa.documents import Document

_SENTENCE_END = re.compile(r"(?<=[.!?؟؛…])[\"'”’»)\]]*\s+|\n+")
# Abbreviations a sentence does not end with: titles, months ("on Oct. 18-22, 2021": cut there, the date's
# day was in another sentence than its month, and a reply giving the date failed the check on its number),
# single initials.
_NO_BREAK_BEFORE = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|St|No|Prof|vs|e\.g|i\.e|Gen|Col|Lt|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Amb|Pres|Rev|Hon|Jr|Sr"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|[A-Z])\.$")
# An English sentence never starts with a small letter: a break before one was an abbreviation's full stop
# ("the Assn. of …", "et al. said").
_NO_BREAK_AFTER = re.compile(r"^[a-z]")
_CLAUSE_END = re.compile(r"(?<=[،;,])\s+")

CountTokens = Callable[[str], int]

#: Upper bound of characters one embedding token covers (e5's SentencePiece pieces are far shorter), used to
#: bound the search when a word longer than a whole chunk is cut.
MAX_CHARS_PER_TOKEN = 32


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, in order, stripped; knows Arabic ``؟`` and ``؛``."""
    pieces = _SENTENCE_END.split(text)
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and out[-1].endswith(".") and (_NO_BREAK_BEFORE.search(out[-1]) or _NO_BREAK_AFTER.match(piece)):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def split_clauses(sentence: str) -> list[str]:
    """Clauses of one sentence, cut after ``،``, ``;`` and ``,``."""
    return [c.strip() for c in _CLAUSE_END.split(sentence) if c.strip()]


class TooManyChunks(ValueError):
    """The document makes more chunks than allowed; ``args[0]`` is how many it had made when it stopped."""


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage of a document."""

    id: str
    text: str
    path: str
    position: int
    count: int
    tokens: int
    prev_id: str | None
    next_id: str | None

    def metadata(self, document: Document) -> dict:
        """Flat metadata as stored in Chroma (no ``None`` values)."""
        meta = {
            "path": self.path,
            "title": document.title,
            "language": document.language,
            "doc_sha256": document.sha256,
            "position": self.position,
            "n_chunks": self.count,
            "prev_id": self.prev_id or "",
            "next_id": self.next_id or "",
            # Its size in embedding tokens, read when neighbouring chunks are joined at question time
            # (snc_qa.joining) instead of counting them again.
            "tokens": self.tokens,
        }
        if document.date:
            meta["date"] = document.date
        return meta


def chunk_id(path: str, sha256: str, position: int) -> str:
    """Stable id: the same file content at the same path always gets the same ids."""
    return f"{hashlib.sha1(path.encode('utf-8')).hexdigest()[:12]}-{sha256[:10]}-{position:05d}"


class Chunker:
    """Packs sentences into chunks of at most ``max_tokens`` embedding tokens.

    >>> c = Chunker(count_tokens=lambda s: len(s.split()), max_tokens=4)
    >>> [x for x in c.pack(["a b c.", "d e.", "f g h i j k"])]
    ['a b c.', 'd e.', 'f g h i', 'j k']
    """

    def __init__(self, count_tokens: CountTokens, max_tokens: int = 120, memo_size: int = 8192) -> None:
        # Packing asks for the same piece's size several times (to decide, to add up, to merge, to
        # record), so counts are memoised: token counting is the chunker's whole cost.
        self.count_tokens = functools.lru_cache(maxsize=memo_size)(count_tokens)
        self.max_tokens = max_tokens

    def pieces(self, sentence: str) -> list[str]:
        """``sentence`` as pieces that each fit the budget: whole, else clauses, else words, else parts of words.

        Never recursive: a URL, a base64 blob or a run of letters with no space is cut into parts of
        whole characters, so no input can exhaust the stack.
        """
        if self.count_tokens(sentence) <= self.max_tokens:
            return [sentence]
        out: list[str] = []
        for clause in split_clauses(sentence):
            if self.count_tokens(clause) <= self.max_tokens:
                out.append(clause)
                continue
            current: list[str] = []
            for word in clause.split():
                if self.count_tokens(word) > self.max_tokens:
                    if current:
                        out.append(" ".join(current))
                        current = []
                    out.extend(self._cut_word(word))
                    continue
                if current and self.count_tokens(" ".join([*current, word])) > self.max_tokens:
                    out.append(" ".join(current))
                    current = []
                current.append(word)
            if current:
                out.append(" ".join(current))
        return out

    def _cut_word(self, word: str) -> list[str]:
        """Parts of a word too long for one chunk, each the longest prefix that fits (by bisection)."""
        parts: list[str] = []
        rest = word
        while rest:
            # A token covers a bounded number of characters, so the search window never needs the whole
            # rest: this keeps a multi-megabyte blob linear instead of quadratic.
            window = rest[: self.max_tokens * MAX_CHARS_PER_TOKEN]
            if self.count_tokens(window) <= self.max_tokens:
                fit = len(window)
            else:
                low, high = 1, len(window) - 1  # low always fits (or is the single character we must take)
                while low < high:
                    middle = (low + high + 1) // 2
                    if self.count_tokens(window[:middle]) <= self.max_tokens:
                        low = middle
                    else:
                        high = middle - 1
                fit = low
            parts.append(rest[:fit])
            rest = rest[fit:]
        return parts

    def pack(self, sentences: Sequence[str]) -> list[str]:
        """Greedy packing of sentences into chunks within the budget (over-long ones are cut first)."""
        chunks: list[str] = []
        current: list[str] = []
        used = 0
        for sentence in sentences:
            for piece in self.pieces(sentence):
                size = self.count_tokens(piece)
                if current and used + size > self.max_tokens:
                    chunks.append(" ".join(current))
                    current, used = [], 0
                current.append(piece)
                used += size
        if current:
            chunks.append(" ".join(current))
        return chunks

    def split(self, document: Document, deadline: float | None = None, max_chunks: int | None = None) -> list[Chunk]:
        """The chunks of ``document``, in reading order, linked to their neighbours.

        ``deadline`` (a :func:`time.monotonic` value) bounds the work: past it, :class:`TimeoutError`.
        ``max_chunks`` stops the work as soon as the document is sure to make more: :class:`TooManyChunks`.
        """
        texts: list[str] = []
        for paragraph in document.text.split("\n"):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"{document.path}: splitting into passages ran past its time budget")
            if paragraph.strip():
                texts.extend(self.pack(split_sentences(paragraph)))
            # Short pieces may still merge, at most two into one, so only twice the limit is sure to be over.
            if max_chunks is not None and len(texts) > 2 * max_chunks:
                raise TooManyChunks(len(texts))
        texts = self._merge_short(texts)
        ids = [chunk_id(document.path, document.sha256, i) for i in range(len(texts))]
        return [
            Chunk(
                id=ids[i],
                text=text,
                path=document.path,
                position=i,
                count=len(texts),
                tokens=self.count_tokens(text),
                prev_id=ids[i - 1] if i > 0 else None,
                next_id=ids[i + 1] if i + 1 < len(texts) else None,
            )
            for i, text in enumerate(texts)
        ]

    def _merge_short(self, texts: list[str]) -> list[str]:
        """Glue very short pieces (a date line, a heading) onto the next chunk when they fit."""
        merged: list[str] = []
        carry = ""
        for text in texts:
            if carry:
                joined = f"{carry}\n{text}"
                if self.count_tokens(joined) <= self.max_tokens:
                    text, carry = joined, ""
                else:
                    merged.append(carry)
                    carry = ""
            if self.count_tokens(text) < self.max_tokens // 6:
                carry = text
            else:
                merged.append(text)
        if carry:
            merged.append(carry)
        return merged
