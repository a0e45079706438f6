"""Neighbouring chunks joined into one source: places freed, reading order, the size bound."""

from __future__ import annotations

from snc_qa.joining import join_neighbours
from snc_qa.retrieval import Source


def chunk(position: int, text: str, path: str = "item.en.txt", score: float = 0.8) -> Source:
    meta = {"prev_id": f"{path}-{position - 1}" if position else "", "next_id": f"{path}-{position + 1}"}
    return Source(text, path, "Item", score, f"{path}-{position}", position=position, metadata=meta)


def words(text: str) -> int:
    return len(text.split())


def test_a_short_item_takes_one_place_and_the_paragraph_that_answers_comes_with_it():
    # The lead, the headline and the next paragraphs of one item rank first; the answer is its fourth paragraph.
    ranked = [chunk(1, "Talks opened in Geneva."), chunk(0, "Geneva talks open"), chunk(2, "The envoy met both sides."),
              chunk(0, "Another item.", "other.ar.txt"), chunk(3, "He will review the situation on Friday.")]
    apart = join_neighbours(ranked, k=2, max_tokens=0, count_tokens=words)
    assert not any("Friday" in s.text for s in apart)
    sources = join_neighbours(ranked, k=2, max_tokens=100, count_tokens=words)
    assert [s.path for s in sources] == ["item.en.txt", "other.ar.txt"]
    assert sources[0].text.split("\n") == ["Geneva talks open", "Talks opened in Geneva.", "The envoy met both sides.",
                                           "He will review the situation on Friday."]
    assert sources[0].chunk_ids == tuple(f"item.en.txt-{n}" for n in range(4))


def test_a_joined_source_keeps_its_best_chunk_s_score_and_the_neighbours_of_its_ends():
    ranked = [chunk(5, "Best.", score=0.9), chunk(4, "Before.", score=0.7), chunk(6, "After.", score=0.6)]
    (source,) = join_neighbours(ranked, k=3, max_tokens=100, count_tokens=words)
    assert source.score == 0.9 and source.position == 4 and source.chunk_id == "item.en.txt-4"
    assert source.metadata["prev_id"] == "item.en.txt-3" and source.metadata["next_id"] == "item.en.txt-7"


def test_a_source_never_grows_past_its_size_and_chunks_apart_stay_apart():
    ranked = [chunk(0, "one two three"), chunk(1, "four five six"), chunk(2, "seven eight nine"), chunk(9, "far away")]
    sources = join_neighbours(ranked, k=5, max_tokens=6, count_tokens=words)
    assert [s.text for s in sources] == ["one two three\nfour five six", "seven eight nine", "far away"]


def test_a_chunk_between_two_sources_of_its_document_makes_them_one():
    ranked = [chunk(2, "Third."), chunk(0, "First."), chunk(1, "Second.")]
    (source,) = join_neighbours(ranked, k=2, max_tokens=100, count_tokens=words)
    assert source.text == "First.\nSecond.\nThird." and source.score == 0.8


def test_chunks_of_different_documents_are_never_joined():
    ranked = [chunk(0, "A."), chunk(1, "B.", "other.en.txt")]
    assert [s.chunk_ids for s in join_neighbours(ranked, k=2, max_tokens=100, count_tokens=words)] == [
        ("item.en.txt-0",), ("other.en.txt-1",)]


def test_a_paragraph_ranked_below_the_k_passages_still_reads_with_its_neighbour_but_opens_no_place():
    ranked = [chunk(0, "Lead."), chunk(0, "Other.", "other.en.txt"), chunk(0, "Third.", "third.en.txt"),
              chunk(1, "Next paragraph.")]
    assert [s.text for s in join_neighbours(ranked, k=2, max_tokens=100, count_tokens=words)] == [
        "Lead.\nNext paragraph.", "Other."]


def test_a_chunk_s_size_is_read_from_its_index_metadata_and_counted_only_without_it():
    # Counted when the chunk was indexed: joining at question time does not count again.
    def never(text: str) -> int:
        raise AssertionError(f"counted again: {text}")

    sized = [chunk(0, "Geneva talks open"), chunk(1, "Talks opened in Geneva."), chunk(2, "The envoy met both sides.")]
    for n, source in enumerate(sized):
        source.metadata["tokens"] = 40 + n * 10
    sources = join_neighbours(sized, k=2, max_tokens=100, count_tokens=never)
    assert [len(s.chunk_ids) for s in sources] == [2, 1]  # 40 + 50 fit in 100, the third's 60 does not
    older = [chunk(0, "Geneva talks open"), chunk(1, "Talks opened in Geneva.")]  # an index built before
    assert len(join_neighbours(older, k=2, max_tokens=100, count_tokens=words)[0].chunk_ids) == 2


def test_a_paragraph_that_ranked_before_the_one_joining_it_to_a_passage_still_joins():
    # A news item's answer (position 3) ranked before the paragraph between it and the lead (position 2): it reads
    # with them all the same, and takes no place (the forty-ninth set's "… تضمن ثلاثة محاور").
    ranked = [chunk(1, "Lead."), chunk(0, "Other.", "other.en.txt"), chunk(3, "Answer."), chunk(2, "Between."),
              chunk(0, "Third.", "third.en.txt")]
    assert [s.text for s in join_neighbours(ranked, k=2, max_tokens=100, count_tokens=words)] == [
        "Lead.\nBetween.\nAnswer.", "Other."]
    # Past the size bound it stays out.
    assert [s.text for s in join_neighbours(ranked, k=2, max_tokens=2, count_tokens=words)] == [
        "Lead.\nBetween.", "Other."]
