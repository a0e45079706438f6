import itertools

from snc_qa.chunking import Chunker, split_clauses, split_sentences
from snc_qa.documents import Document


def test_sentences_end_at_arabic_and_latin_marks():
    text = "قال الرئيس: نعم. ثم غادر؟ وماذا بعد؛ انتهى! Dr. Smith spoke. Then left"
    assert split_sentences(text) == [
        "قال الرئيس: نعم.", "ثم غادر؟", "وماذا بعد؛", "انتهى!", "Dr. Smith spoke.", "Then left",
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
