"""Cities named in Arabic, by their English names."""

from snc_qa.places import Places


def test_a_city_named_in_arabic_gives_its_english_name_with_clinging_letters_and_two_words():
    places = Places.load()
    assert {"cairo", "aleppo", "gaziantep"} <= places.english_words("عُقد في القاهرة، ثم بحلب وفي غازي عنتاب.")
    assert "geneva" in places.english_words("وصل الوفد إلى جنيف") and "idlib" in places.english_words("ريف إدلب")


def test_a_city_written_with_its_article_is_not_a_first_name_without_it():
    # "الرياض" is Riyadh; "رياض حجاب" is a man.
    places = Places.load()
    assert "riyadh" in places.english_words("مقر الهيئة في الرياض")
    assert "riyadh" not in places.english_words("قال رياض حجاب إن الهيئة ستجتمع")


def test_words_that_name_no_city_give_nothing():
    assert Places.load().english_words("هيئة التفاوض السورية ومجلس الأمن والأمم المتحدة") == set()
