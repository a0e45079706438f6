import itertools

from snc_qa.chunking import Chunker, split_clauses, split_sentences
from snc_qa.documents import Document


def test_sentences_end_at_arabic_and_latin_marks():
    text = "قال الرئيس: نعم. ثم غادر؟ وماذا بعد؛ انتهى! Dr. Smith spoke. Then left"
    assert split_sentences(text) == [
        "قال الرئيس: نعم.", "ثم غادر؟", "وماذا بعد؛", "انتهى!", "Dr. Smith spoke.", "Then left",
    ]



def test_a_date_or_title_abbreviation_ends_no_sentence():
    text = ("The round took place at the U.N.'s Geneva office on Oct. 18-22, 2021, the co-chair said. "
            "Gen. Smith met Sen. Kerry in Jan. and left. Smith et al. agreed. He went to Iraq. Then home.")
    assert split_sentences(text) == [
        "The round took place at the U.N.'s Geneva office on Oct. 18-22, 2021, the co-chair said.",
        "Gen. Smith met Sen. Kerry in Jan. and left.", "Smith et al. agreed.", "He went to Iraq.", "Then home.",
    ]

def test_clauses_split_at_arabic_comma():
    assert split_clauses("أولاً، ثانياً، ثالثاً") == ["أولاً،", "ثانياً،", "ثالثاً"]


def _doc(text: str) -> Document:
    return Document(path="a.txt", text=text, title="a", language="ar", sha256="0" * 64)


def test_chunks_respect_the_token_budget_and_link_neighbours(embedding_model):
    sentence = "وتحدث مدير منظمة اليوم التالي عن تركيز المنظمة على الجانب الحقوقي لقضايا التهجير، "
    text = "\n".join(sentence * 6 + "انتهى." for _ in range(4))
    chunker = Chunker(embedding_model.count_tokens, max_tokens=60)
    chunks = chunker.split(_doc(text))
    assert len(chunks) > 4
    assert all(c.tokens <= 60 for c in chunks)
    assert chunks[1].metadata(_doc(text))["tokens"] == chunks[1].tokens == embedding_model.count_tokens(chunks[1].text)
    assert chunks[0].prev_id is None and chunks[-1].next_id is None
    for left, right in itertools.pairwise(chunks):
        assert left.next_id == right.id and right.prev_id == left.id
    assert [c.position for c in chunks] == list(range(len(chunks)))
    # nothing is lost: every word of the document is in some chunk, in order
    assert " ".join(c.text for c in chunks).split() == text.split()


def test_token_count_is_the_embedding_models(embedding_model):
    short, long = "هيئة", "هيئة التفاوض السورية " * 20
    assert embedding_model.count_tokens(long) > 20 * embedding_model.count_tokens(short) // 2


def test_chunk_ids_change_with_content():
    chunker = Chunker(lambda s: len(s.split()), max_tokens=50)
    a = chunker.split(_doc("نص أول."))
    b = chunker.split(Document(path="a.txt", text="نص أول.", title="a", language="ar", sha256="1" * 64))
    assert a[0].id != b[0].id


def test_token_count_matches_the_tokenizer_and_never_truncates(embedding_model):
    tokenizer = embedding_model.model.tokenizer
    for text in ["هيئة التفاوض السورية", "Resolution 2254, Geneva.", "هيئة التفاوض السورية " * 300]:
        ids = tokenizer("passage: " + text, add_special_tokens=True, truncation=False)["input_ids"]
        assert embedding_model.count_tokens(text) == len(ids)
    assert embedding_model.count_tokens("هيئة التفاوض السورية " * 300) > embedding_model.max_tokens


def test_memoised_counts_give_the_same_chunks_with_fewer_calls():
    calls: list[str] = []

    def words(text: str) -> int:
        calls.append(text)
        return len(text.split())

    sentence = "وتحدث مدير منظمة اليوم التالي عن تركيز المنظمة، على الجانب الحقوقي لقضايا التهجير. "
    text = "\n".join(sentence * 5 + "انتهى." for _ in range(3))
    plain = Chunker(words, max_tokens=12, memo_size=0).split(_doc(text))
    plain_calls = len(calls)
    calls.clear()
    memoised = Chunker(words, max_tokens=12).split(_doc(text))
    assert [(c.text, c.tokens) for c in memoised] == [(c.text, c.tokens) for c in plain]
    assert len(calls) == len(set(calls)) < plain_calls  # each distinct piece is counted once


# ---------------------------------------------------------------- any text at all

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.one_of(
    st.text(min_size=0, max_size=60),  # any Unicode, control and format characters included
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىة", min_size=50, max_size=400),  # Arabic with no space
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789/+=-_.", min_size=50, max_size=600),  # URLs, base64
    st.sampled_from([". ", "؟ ", "، ", "\n", "\n\n", " ", "؛", "!", "\t", "\u200b", "\x00", "-" * 300]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_is_chunked_whole_in_order_and_within_the_budget(embedding_model, text):
    chunker = Chunker(embedding_model.count_tokens, max_tokens=24)
    chunks = chunker.split(Document(path="a.txt", text=text, title="a", language="ar", sha256="0" * 64))
    assert all(c.tokens <= 24 for c in chunks)
    assert all(embedding_model.count_tokens(c.text) == c.tokens for c in chunks)
    # Nothing lost, nothing added, nothing reordered (whitespace aside).
    assert "".join("".join(c.text for c in chunks).split()) == "".join(text.split())


def test_one_token_longer_than_a_chunk_is_cut_not_recursed(embedding_model):
    for word in ("https://example.org/" + "/".join(f"seg{i}" for i in range(120)), "هيئة" * 200, "-" * 2000,
                 "QUJD" * 5000):
        chunks = Chunker(embedding_model.count_tokens, max_tokens=120).split(
            Document(path="a.txt", text=f"See {word} for details.", title="a", language="en", sha256="0" * 64))
        assert len(chunks) > 1 and all(c.tokens <= 120 for c in chunks)
        assert "".join(c.text for c in chunks).replace(" ", "").replace("\n", "") == f"See{word}fordetails."


def test_splitting_stops_at_its_deadline():
    import time

    import pytest

    chunker = Chunker(lambda s: len(s.split()), max_tokens=10)
    document = Document(path="a.txt", text="word " * 100 + "\n" * 3 + "more", title="a", language="en",
                        sha256="0" * 64)
    with pytest.raises(TimeoutError):
        chunker.split(document, deadline=time.monotonic() - 1)
