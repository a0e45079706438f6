from snc_qa.arabic import Analyzer, contains_arabic, detect_language, normalize


def test_normalize_strips_diacritics_tatweel_and_unifies_letters():
    assert normalize("إحاطةٌ عامّة") == "احاطه عامه"
    assert normalize("مـــنظمة") == "منظمه"
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مستشفى") == "مستشفي"


def test_normalize_digits_in_both_scripts_and_latin_case():
    assert normalize("القرار ٢٢٥٤ و۲۱۱۸") == "القرار 2254 و2118"
    assert normalize("Geneva COMMUNIQUÉ") == "geneva communiqué"


def test_light_stemming_conflates_article_clitics_and_plurals():
    a = Analyzer()
    assert a.tokens("المنظمات")[0] == a.tokens("منظمة")[0] == a.tokens("والمنظمة")[0]
    assert a.tokens("للمبعوثين") == a.tokens("المبعوث")


def test_tokens_of_mixed_arabic_latin_text_and_digits():
    tokens = Analyzer().tokens("قرار مجلس الأمن 2254 (Security Council resolution ٢١١٨)")
    assert "2254" in tokens and "2118" in tokens
    assert "secur" in tokens or "security" in tokens
    assert any(t.startswith("قرار") for t in tokens)


def test_stopwords_are_dropped_in_both_languages():
    assert Analyzer().tokens("ما هي التي في the of and") == []


def test_detect_language():
    assert detect_language("من هو رئيس الهيئة؟") == "ar"
    assert detect_language("Who chairs the commission?") == "en"
    assert detect_language("Who is بدر جاموس?") == "en"
    assert detect_language("ما هو قرار 2254 of the Security Council؟") in {"ar", "en"}
    assert contains_arabic("abc ب") and not contains_arabic("abc")
