"""Neighbouring chunks that rank among the best, joined into one source.

Chunks are small (``chunk_tokens``, about a paragraph of news), so one short item that answers a
question can take every place among the first sources with its lead, its headline and its next
paragraphs, and the one sentence that answers comes sixth. When two chunks of one document that stand
next to each other both rank among the best, they are one passage to the reader, and take one place: the
places freed go to the next best chunks. A joined source holds at most ``max_tokens`` embedding tokens, so
a long document is never shown whole.

Example::

    from snc_qa.joining import join_neighbours
    sources = join_neighbours(ranked_chunks, k=4, max_tokens=360, count_tokens=lambda s: len(s.split()))
    [s.chunk_ids for s in sources]   # the chunks each source holds, in reading order
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # retrieval joins its ranking here
    from snc_qa.retrieval import Source


def join_neighbours(ranked: Iterable[Source], k: int, max_tokens: int, count_tokens: Callable[[str], int]
                    ) -> list[Source]:
    """The first ``k`` sources of ``ranked`` (chunks, best first), each chunk that stands next to an earlier
    one of its document joined to it, within ``max_tokens``; best first. A joined chunk takes no place of
    its own, so chunks further down the ranking fill the places freed. A chunk ranked below all ``k`` passages
    still joins the one it stands next to (a news item's next paragraph ranks low on its own words and reads
    with the one before it); on eight sets of real news, stopping at the ``k``-th passage instead cost passage
    R@1 (115 of 128 questions within a language against 120, 104 against 108 across languages). With
    ``max_tokens`` 0, the first ``k`` chunks as they are.

    A source keeps its best chunk's score (the order and the relevance floor do not move) and reads from its
    first chunk to its last, each chunk on its own line. A chunk's size is its metadata's ``tokens``, counted
    when it was indexed; ``count_tokens`` counts those of an index built before chunks kept it.

    >>> from snc_qa.retrieval import Source
    >>> def chunk(n, text, path="a.txt"):
    ...     return Source(text, path, "A", 0.9 - n / 10, f"{path}-{n}", position=n)
    >>> ranked = [chunk(1, "Lead."), chunk(0, "Headline."), chunk(5, "Other.", "b.txt"), chunk(2, "Answer.")]
    >>> [s.text for s in join_neighbours(ranked, k=2, max_tokens=100, count_tokens=len)]
    ['Headline.\\nLead.\\nAnswer.', 'Other.']
    >>> [s.text for s in join_neighbours(ranked, k=2, max_tokens=0, count_tokens=len)]
    ['Lead.', 'Headline.']

    A chunk that ranked before the one between it and a passage joins once that one has:

    >>> ranked = [chunk(1, "Lead."), chunk(5, "Other.", "b.txt"), chunk(3, "Answer."), chunk(2, "Then.")]
    >>> [s.text for s in join_neighbours(ranked, k=2, max_tokens=100, count_tokens=len)]
    ['Lead.\\nThen.\\nAnswer.', 'Other.']
    """
    groups: list[list[Source]] = []
    sizes: list[int] = []

    def near(chunk: Source) -> list[int]:
        return [i for i, group in enumerate(groups) if group[0].path == chunk.path
                and any(abs(member.position - chunk.position) == 1 for member in group)]

    def join(chunk: Source, size: int, beside: list[int]) -> bool:
        at = next((i for i in beside if sizes[i] + size <= max_tokens), None)
        if at is None:
            return False
        groups[at].append(chunk)
        sizes[at] += size
        # A chunk between two groups of its document makes them one passage, when both fit.
        other = next((i for i in beside if i != at and sizes[i] + sizes[at] <= max_tokens), None)
        if other is not None:
            first, second = sorted((at, other))
            groups[first] += groups.pop(second)
            sizes[first] += sizes.pop(second)
        return True

    # Chunks that stood next to no passage when their turn came: a passage that grows later may reach them. A news
    # item's headline, lead and next paragraph join one by one as they rank, and the paragraph after them may have
    # ranked before the one it stands next to ("… تضمن ثلاثة محاور" ninth, after the lead, before the paragraph
    # between them).
    passed: list[Source] = []

    def absorb() -> None:
        """Joins the passed chunks that now stand next to a passage, best first, as long as one does."""
        joining = True
        while joining:
            joining = False
            for chunk in passed:
                if (beside := near(chunk)) and join(chunk, chunk.metadata.get("tokens") or count_tokens(chunk.text),
                                                    beside):
                    passed.remove(chunk)
                    joining = True
                    break

    for chunk in ranked:
        if max_tokens <= 0:
            if len(groups) >= k:
                break
            groups.append([chunk])
            continue
        beside = near(chunk)
        if not beside and len(groups) >= k:
            passed.append(chunk)  # counting its tokens is most of the time this takes: only for chunks that may join
            continue
        size = chunk.metadata.get("tokens") or count_tokens(chunk.text)  # an index built before held no count
        if join(chunk, size, beside):
            absorb()
        elif len(groups) < k:
            groups.append([chunk])
            sizes.append(size)
            absorb()
    return [joined(group) for group in groups]


def joined(group: list[Source]) -> Source:
    """One source of ``group`` (chunks of one document, best first): the best one's score, the first one's
    place and neighbour before, the last one's neighbour after."""
    best = group[0]
    if len(group) == 1:
        return best
    ordered = sorted(group, key=lambda s: s.position)
    first, last = ordered[0], ordered[-1]
    metadata = {**first.metadata, "next_id": last.metadata.get("next_id", "")}
    return replace(first, text="\n".join(s.text for s in ordered), score=best.score,
                   chunk_ids=tuple(s.chunk_id for s in ordered), metadata=metadata)
