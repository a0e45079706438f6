from snc_qa.arabic import arabic_keys, name_keys
from snc_qa.lexical import LexicalIndex

TEXTS = {
    "a": "أعلنت المنظمات السورية عن برنامج جديد لدعم المجتمع المدني.",
    "b": "The Security Council adopted resolution 2254 in December 2015.",
    "c": "فاز فريق الكرامة ببطولة الدوري.",
}


def _index(**kwargs) -> LexicalIndex:
    return LexicalIndex.build(list(TEXTS), list(TEXTS.values()), **kwargs)


def test_an_inflected_arabic_query_finds_the_passage():
    hits = _index().search("منظمة سورية تدعم المجتمع", k=3)
    assert hits[0][0] == "a"


def test_digits_in_either_script_match():
    assert _index().search("القرار ٢٢٥٤", k=3)[0][0] == "b"


def test_results_are_best_first_positive_and_capped():
    hits = _index().search("الدوري الكرامة resolution", k=2)
    assert len(hits) == 2 and all(score > 0 for _, score in hits)
    assert hits[0][1] >= hits[1][1]
    assert _index().search("resolution", k=50) == [("b", _index().search("resolution", k=1)[0][1])]


def test_unknown_words_and_empty_indexes_find_nothing():
    assert _index().search("xyzzy غيرموجود", k=3) == []
    assert _index().search("", k=3) == []
    assert LexicalIndex.build([], []).search("المنظمات", k=3) == []


def test_any_tokenizer_can_stand_in_for_the_analyzer():
    index = LexicalIndex.build(["tesla", "other"], ["عمل تسلا في شركة إديسون", "عمل المهندس في الشركة"], arabic_keys)
    assert index.search_tokens(name_keys("Where did Nikola Tesla work for Edison?"), k=2)[0][0] == "tesla"
