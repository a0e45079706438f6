"""Stage 7: the reader's text — real citations, quoted sentences said to be in the other language, lists."""

from snc_qa.glossary import Entry, Glossary
from snc_qa.pipeline.cite import AnswerWriter, fix_citations

from .helpers import query, selection


def listing(*args) -> str:
    text, answered = AnswerWriter(Glossary([])).listing(*args)
    assert answered
    return text


def test_citations_to_missing_sources_are_dropped_and_the_best_source_is_cited():
    writer = AnswerWriter(Glossary([]))
    chosen = selection("The forum met in Gaziantep.", "Lina Haddad coordinates the forum.")
    assert writer.reply("Lina Haddad coordinates it [7].", query("Who?"), chosen) == "Lina Haddad coordinates it. [2]"
    assert fix_citations("Answer [1][3].", ["a"], 1) == "Answer [1]."
    # The check found what the reply says in another source than the one it cites: that one is cited.
    assert writer.reply("Lina Haddad coordinates the forum [1].", query("Who?"), chosen, cite=[2]) == \
        "Lina Haddad coordinates the forum. [2]"


def test_a_quote_in_the_other_language_says_so_in_the_readers_language():
    writer = AnswerWriter(Glossary([]))
    english = selection("Lina Haddad coordinates the forum.")
    assert writer.quote(query("من ينسق المنتدى؟", "ar"), english) == \
        "بحسب الوثائق (نص مقتبس بالإنجليزية) [1]:\nLina Haddad coordinates the forum."
    arabic = selection("قدّم بدر جاموس إحاطة.")
    glossary = Glossary([Entry(arabic="بدر جاموس", english="Badr Jamous", kind="person")])
    text = AnswerWriter(glossary).quote(query("Who gave the briefing?"), arabic)
    assert text.startswith("According to the documents (quoted in Arabic) [1]:\n") and "Badr Jamous" in text


def test_a_rejected_reply_is_replaced_by_the_best_passages_and_the_one_it_cited():
    writer = AnswerWriter(Glossary([]))
    chosen = selection("قدّم رئيس الهيئة إحاطة عامة.", "وأكد المتحدث أن الجولة انتهت.",
                       "Salim al-Muslat, a spokesman, accused Russia.")
    text = writer.quote(query("من المتحدث الذي اتهم روسيا؟", "ar"), chosen, unsure=True, cited=[3])
    assert text.splitlines() == ["قد لا تجيب الوثائق عن هذا مباشرة. أقرب مقطع [1]: قدّم رئيس الهيئة إحاطة عامة.",
                                 "[3]: Salim al-Muslat, a spokesman, accused Russia.",
                                 "[2]: وأكد المتحدث أن الجولة انتهت."]
    # The two best sentences, each once, when the reply cited one of them.
    assert writer.quote(query("من المتحدث؟", "ar"), chosen, unsure=True, cited=[1]).count("[") == 2
    # An answer without a model is the best sentence alone.
    assert writer.quote(query("من المتحدث؟", "ar"), chosen).count("[") == 1


def test_a_list_names_the_quoted_organisations_each_cited():
    chosen = selection("وحضر ممثلو منظمة “بيتنا” اللقاء.", "كما شاركت منظمة “اليوم التالي” في النقاش.")
    text = listing(query("ما المنظمات التي حضرت؟", "ar", is_list=True), chosen)
    assert text.splitlines() == ["تذكر الوثائق ما يلي:", "- بيتنا [1]", "- اليوم التالي [2]"]


def test_a_list_with_too_few_names_quotes_the_sentence_starts():
    chosen = selection("The delegation met the envoy.", "It asked for a ceasefire.")
    text = listing(query("Which groups attended?", is_list=True), chosen)
    assert text.splitlines()[0] == "According to the documents:" and text.count("[") == 2


def test_a_reply_all_in_the_other_script_is_framed_in_the_readers_language():
    chosen = selection("For two performances, while Pertwee was ill, David Banks played the Doctor.")
    text = AnswerWriter(Glossary([])).reply("David Banks [1].", query("من لعب دور الدكتور؟", "ar"), chosen)
    assert text == "بحسب الوثائق: David Banks [1]."


def test_a_list_over_english_news_names_the_people_not_the_quoted_speech():
    chosen = selection('U.N. envoy Staffan de Mistura said talks would start "in the next few days".',
                       'George Sabra, a member of the opposition, said they were "certainly" not going.')
    text = listing(query("Which people spoke about the talks?", is_list=True, list_kind="person"), chosen)
    assert text.splitlines() == ["The documents name the following:", "- Staffan de Mistura [1]", "- George Sabra [2]"]


def test_a_list_of_countries_gives_each_in_the_readers_language_and_as_the_sentence_writes_it():
    chosen = selection("Russia and the United States agreed on the plan.", "وأيدت تركيا الاتفاق.")
    text = listing(query("ما الدول التي أيدت الخطة؟", "ar", is_list=True, list_kind="country"), chosen)
    assert text.splitlines() == ["تذكر الوثائق ما يلي:", "- روسيا (Russia) [1]",
                                 "- الولايات المتحدة (United States) [1]", "- تركيا [2]"]


def test_a_country_named_in_sentences_of_both_languages_is_listed_once():
    chosen = selection("وأيدت روسيا وسوريا الاتفاق.", "Russia and Syria welcomed the agreement.",
                       "وأيدت تركيا الاتفاق.")
    text = listing(query("ما الدول التي أيدت الاتفاق؟", "ar", is_list=True, list_kind="country"), chosen)
    assert text.splitlines() == ["تذكر الوثائق ما يلي:", "- روسيا [1]", "- سوريا [1]", "- تركيا [3]"]


def test_a_list_of_people_in_arabic_sentences_needs_no_glossary():
    chosen = selection("وخلال اللقاء قدّم رئيس الهيئة الدكتور بدر جاموس إحاطة عامة.",
                       "ومن جهته، قدّم المدير التنفيذي لـ “وحدة دعم الاستقرار” منذر سلال، خلاصة عن عمل الوحدة.")
    text = listing(query("من تحدث في اللقاء؟", "ar", is_list=True, list_kind="person"), chosen)
    assert text.splitlines() == ["تذكر الوثائق ما يلي:", "- بدر جاموس [1]", "- منذر سلال [2]"]


def test_what_the_question_names_is_not_listed_as_part_of_its_answer():
    # The country whose seat was taken is the question's subject, not one of the delegations that stayed away.
    chosen = selection("Khatib took Syria's seat at the summit.", "The delegations of Iraq, Lebanon and Algeria "
                       "did not congratulate him.")
    countries = listing(query("ما الدول التي تخلفت وفودها عن تهنئة الخطيب بمقعد سوريا؟",
                              "ar", is_list=True, list_kind="country"), chosen)
    assert countries.splitlines() == ["تذكر الوثائق ما يلي:", "- العراق (Iraq) [2]", "- لبنان (Lebanon) [2]",
                                      "- الجزائر (Algeria) [2]"]
    people = selection("Coordinator Riad Hijab said the meeting would open.",
                       'George Sabra, a member of the opposition, said they were "certainly" not going.',
                       "U.N. envoy Staffan de Mistura said talks would start.")
    text = listing(query("Which people spoke at the meeting Riad Hijab opened?",
                         is_list=True, list_kind="person"), people)
    assert text.splitlines() == ["The documents name the following:", "- George Sabra [2]", "- Staffan de Mistura [3]"]


def test_a_question_for_every_country_a_text_mentions_keeps_the_one_it_names():
    chosen = selection("Syria and Russia welcomed the agreement.", "Turkey backed it.")
    text = listing(query("Which countries are mentioned in the report on the Syria talks?",
                         is_list=True, list_kind="country"), chosen)
    assert text.splitlines() == ["The documents name the following:", "- Syria [1]", "- Russia [1]", "- Türkiye [2]"]


def test_a_list_of_countries_is_the_best_sentence_that_names_several_not_every_country_nearby():
    chosen = selection("The council met at the request of Damascus with the support of Russia, China and Algeria.",
                       "He held a meeting with representatives of Russia, Turkey and the United States in Geneva.")
    chosen.units[0].score, chosen.units[1].score = 0.12, 0.05
    text = listing(query("Which countries supported Damascus's request for the meeting?",
                         is_list=True, list_kind="country"), chosen)
    assert text.splitlines() == ["The documents name the following:", "- Russia [1]", "- China [1]", "- Algeria [1]"]


def test_a_list_of_countries_is_the_sentence_on_what_the_question_asks_not_the_best_scoring_one():
    # "… as observers?" was answered with the guarantor countries, whose sentence scored best on the item's words.
    chosen = selection("Astana 16: the guarantor countries call on the Constitutional Committee to meet.",
                       "The guarantor countries, Turkey, Russia and Iran, issued a joint statement after the Astana 16 "
                       "talks.",
                       "The delegations of Iraq, Jordan and Lebanon take part in the talks as observers.",
                       document="astana.txt")
    for unit, score in zip(chosen.units, (0.06, 0.14, 0.09), strict=True):
        unit.score = score
    text = listing(query("Which three countries attended the Astana 16 talks as observers?",
                         is_list=True, list_kind="country"), chosen)
    assert text.splitlines() == ["The documents name the following:", "- Iraq [3]", "- Jordan [3]", "- Lebanon [3]"]


def test_a_list_of_countries_from_sentences_that_name_none_is_no_answer():
    chosen = selection("The forum met in the capital on Monday.", "Lina Haddad said it would open an office.")
    text, answered = AnswerWriter(Glossary([])).listing(query("Which countries sent delegations to the forum?",
                                                              is_list=True, list_kind="country"), chosen)
    assert not answered and text.startswith("The documents may not answer this directly.")
    assert "Lina Haddad said it would open an office." in text  # the passages are still shown, for the reader
    # Names of other kinds are not a closed list: sentence starts stand in for those the rules did not find.
    text, answered = AnswerWriter(Glossary([])).listing(query("Which groups attended?", is_list=True), chosen)
    assert answered and text.startswith("According to the documents:")
