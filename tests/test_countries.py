"""Countries named in Arabic or English sentences, and their names in both languages."""

from snc_qa.countries import Countries


def test_countries_are_found_in_either_script_with_clinging_letters_and_short_forms():
    countries = Countries.load()
    assert countries.named_in("وبحث الوفد مع السعودية وتركيا دعم سورية.") == ["SA", "TR", "SY"]
    assert countries.named_in("The U.S. and Britain backed the plan; Jordan hosted it.") == ["US", "GB", "JO"]
    assert countries.named_in("The Syrian Negotiation Commission met in Geneva.") == []


def test_an_arabic_name_in_brackets_or_quotation_marks_is_found():
    # News writes a list in brackets: "الدول الثلاث (تركيا، إيران، روسيا)" named only Iran and Russia.
    countries = Countries.load()
    assert countries.named_in("الاتفاق بين الدول الثلاث (تركيا، إيران، روسيا) لتخفيف التوتر") == ["TR", "IR", "RU"]
    assert countries.named_in("وفد «روسيا» والوفد (التركي)", adjectives=True) == ["RU", "TR"]
    assert countries.named_in("مركيا") == []  # a word that ends in a name is no name


def test_each_country_has_its_name_in_both_languages():
    countries = Countries.load()
    assert (countries.name("DE", "en"), countries.name("DE", "ar")) == ("Germany", "ألمانيا")


def test_the_united_nations_and_the_european_union_are_no_countries():
    assert Countries.load().named_in("The United Nations and the European Union met; الأمم المتحدة") == []


def test_a_continent_is_no_country():
    assert Countries.load().named_in("Talks in South America and أمريكا اللاتينية") == []


def test_an_adjective_names_its_country_only_when_asked_for():
    countries = Countries.load()
    assert countries.named_in("والتقى الوفد التركي بالمسؤولين الروس") == []
    assert countries.named_in("والتقى الوفد التركي بالمسؤولين الأميركيين", adjectives=True) == ["TR", "US"]
    assert countries.named_in("للسوريين والقطرية", adjectives=True) == ["SY", "QA"]
    assert countries.named_in("The Turkish and Iranian envoys met.", adjectives=True) == ["TR", "IR"]
    # Whole words only: "Germanic" is no adjective of Germany, "تركيب" (composition) none of Turkey.
    assert countries.named_in("Germanic tribes; تركيب الوفد", adjectives=True) == []
