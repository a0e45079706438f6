"""How numbers are read for the reply check (snc_qa.pipeline.quantities), in digits or words of either language."""

from snc_qa.pipeline.quantities import Quantities, numbers_in, written_numbers

from .helpers import query


def test_a_number_reads_the_same_with_or_without_thousands_separators():
    assert numbers_in("2,580,000 and 2580000 and ٢٬٥٨٠٬٠٠٠") == ["2580000", "2580000", "2580000"]


def test_a_number_from_ten_to_ninety_nine_written_in_words_is_that_number():
    assert {"19", "15"} <= written_numbers("تسعة عشر عضواً في الجولة الخامسة عشرة")
    assert "45" in written_numbers("forty-five members")


def test_what_a_number_counts_is_the_words_after_it_in_its_clause():
    counts = dict(Quantities().counted_words("نحو مليون شخص وهدم 300 منزل، and 45 fighters left"))
    assert counts["300"] and "45" in counts and not counts["300"] & counts["45"]


def test_the_numbers_a_question_states_include_its_ordinals_and_number_words():
    stated = Quantities().stated_numbers(query("كم عضواً شارك في الجولة الرابعة عام 2017؟", "ar"))
    assert {"4", "2017"} <= stated
