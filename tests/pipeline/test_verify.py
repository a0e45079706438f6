"""Stage 6: the check's catches — world knowledge, wrong and mis-copied names, neighbours' names, refusals.
Its rules on numbers are tested in test_number_check.py, on names in test_name_check.py."""

from snc_qa.glossary import Entry, Glossary
from snc_qa.pipeline.records import Selection, Unit
from snc_qa.pipeline.verify import ReplyCheck
from snc_qa.retrieval import Source

from .helpers import FORUM, MEETING, problem, query, selection


def test_a_reply_its_sentences_hold_passes(check):
    assert problem(check, "Who coordinates the Cedar Forum?", "Lina Haddad coordinates the forum [2].") is None
    assert problem(check, "Where will the forum open an office?", "In Idlib [2].") is None
    assert problem(check, "من هو المدير التنفيذي لوحدة دعم الاستقرار؟", "المدير التنفيذي للوحدة هو منذر سلال [1].",
                   MEETING, "ar") is None


def test_world_knowledge_is_caught_even_with_a_citation(check):
    found = problem(check, "Who is the president of France?", "The president of France is Emmanuel Macron [1].")
    assert found and "Emmanuel" in found


def test_a_mis_copied_name_or_number_is_caught(check):
    assert "Leila" in problem(check, "Who coordinates the Cedar Forum?", "Leila Haddad coordinates it [2].")
    assert "2019" in problem(check, "When did the forum meet?", "The forum met in 2019 [1].")


def test_a_name_lifted_from_the_neighbouring_sentence_is_caught(check):
    found = problem(check, "Who coordinates the Cedar Forum?", "Omar Saleh coordinates the Cedar Forum [2].")
    assert found and "not about" in found
    found = problem(check, "من هو المدير التنفيذي لوحدة دعم الاستقرار؟",
                    "المدير التنفيذي لوحدة دعم الاستقرار هو بدر جاموس [1].", MEETING, "ar")
    assert found and "not about" in found


def test_an_answer_from_a_document_about_someone_else_is_caught(check):
    # Two news items on two meetings with the envoy: the question names one, the reply cites the other.
    items = ("Badr Jamous met the UN envoy in Geneva on Monday.", "Nasr al-Hariri met the UN envoy in Riyadh.")
    found = problem(check, "Where did Nasr al-Hariri meet the UN envoy?", "In Geneva [1].", items, document=None)
    assert found and "Hariri" in found
    assert problem(check, "Where did Nasr al-Hariri meet the UN envoy?", "In Riyadh [2].", items, document=None) is None
    # Within one item the name may stand a sentence before the answer.
    assert problem(check, "Who coordinates the Cedar Forum?", "Lina Haddad coordinates the forum [2].") is None


def test_a_reply_saying_the_sources_do_not_hold_it_is_a_refusal(check):
    for reply in ("The president of France is not mentioned in the sources [1-3].", "NOT_FOUND", ""):
        verdict = check.run(reply, query("Who is the president of France?"), selection(*FORUM))
        assert verdict.refusal and not verdict.ok


def test_restating_the_question_is_no_answer(check):
    assert "restates" in problem(check, "Who coordinates the Cedar Forum?", "The Cedar Forum coordinator [2].")


def test_a_reply_may_repeat_the_question_s_frame_but_not_its_question_words(check):
    asked = "According to the forum, where will it open an office?"
    assert problem(check, asked, "According to the forum, it will open an office in Idlib [2].") is None
    found = problem(check, "Where will the forum open an office?", "Where will the forum open an office? Idlib [2].")
    assert found and "repeating the question" in found


def test_a_reply_that_restates_the_question_as_a_statement_and_answers_it_passes(check):
    # The bundled model often opens with the whole question; what it adds, from the sentences, is the answer.
    asked = "من الذي قدّم عرضاً عن عمل وحدة دعم الاستقرار؟"
    reply = "من الذي قدّم عرضاً عن عمل وحدة دعم الاستقرار هو منذر سلال [1]."
    assert problem(check, asked, reply, MEETING, "ar") is None
    assert "repeating the question" in problem(check, asked, "من الذي قدّم عرضاً عن عمل الوحدة؟ منذر سلال [1].",
                                               MEETING, "ar")


def test_a_reply_in_the_other_language_must_be_close_to_a_source_sentence(close):
    asked = query("أين سيفتح المنتدى مكتباً؟", "ar")
    assert close.run("سيفتح المنتدى مكتباً في إدلب [2].", asked, selection(*FORUM)).ok
    found = close.run("رئيس فرنسا هو إيمانويل ماكرون [1].", asked, selection(*FORUM)).problem
    assert found and "far from every source sentence" in found


def test_a_reply_in_the_other_language_must_add_a_name_or_number_its_sentences_hold(check):
    # Its other words cannot be looked up across languages: restating the question and ending in something
    # the sentences do not say is not an answer that can be shown as checked.
    asked = query("من هو منسق المنتدى؟", "ar")
    assert check.run("منسق المنتدى هو لينا حداد [2].", asked, selection(*FORUM)).ok
    found = check.run("منسق المنتدى هو فريق الشباب المتطوعين [2].", asked, selection(*FORUM)).problem
    assert found and "across languages nothing the reply adds" in found
    office = query("كم مكتباً سيفتح المنتدى؟", "ar")
    assert check.run("سيفتح المنتدى مكتباً واحداً في إدلب [2].", office, selection(*FORUM)).ok
    # A name the glossary writes in the other language counts as the sentences' own.
    unit = query("Which organization does Munther Sallal lead?")
    glossed = ReplyCheck(Glossary([Entry("وحدة دعم الاستقرار", "Stabilization Support Unit")]))
    assert glossed.run("Munther Sallal leads the Stabilization Support Unit [1].", unit, selection(*MEETING)).ok
    # A reason has no name or number to tell it by: only its closeness in meaning is checked, and its length.
    why = query("لماذا اتهم المتحدث روسيا؟", "ar")
    assert check.run("لمنعها المساعدات [3].", why, selection(*FORUM)).ok


def test_a_description_across_languages_is_not_shown_as_the_answer(check):
    # The model does not translate faithfully: past a short answer's frame, what a reply adds in the other language
    # than its sentences must be what they can be seen to hold (names, numbers, places), or its passage is shown.
    asked = query("Who spoke about the political process?")
    assert check.run("Badr Jamous (بدر جاموس), the commission's head [2].", asked, selection(*MEETING)).ok
    found = check.run("Badr Jamous (بدر جاموس), who warned that the talks would fail without a fair transition [2].",
                      asked, selection(*MEETING)).problem
    assert found and "says more than its sentences can be seen to hold" in found
    # The same in Arabic over English sentences.
    office = query("ماذا قالت لينا حداد إن المنتدى سيفعل؟", "ar")
    assert check.run("قالت لينا حداد إن المنتدى سيفتح مكتباً في إدلب [2].", office, selection(*FORUM)).ok
    found = check.run("قالت لينا حداد إن المنتدى سيفتح في إدلب مركزاً لتعزيز الحوار بين الشباب والنساء [2].",
                      office, selection(*FORUM)).problem
    assert found and "says more than its sentences can be seen to hold" in found


def test_a_city_is_held_by_its_name_in_the_other_language(check):
    # "Cairo" and "القاهرة" share neither consonants nor a spelling the name dictionary knows.
    arabic = ("اتخذ الائتلاف الوطني الذي تشكل حديثاً من القاهرة مقراً له.",)
    asked = query("Where did the newly formed coalition have its headquarters?")
    assert check.run("The newly formed coalition had its headquarters in Cairo [1].", asked, selection(*arabic)).ok
    found = check.run("The newly formed coalition had its headquarters in Riyadh [1].", asked, selection(*arabic))
    assert "Riyadh" in found.problem
    english = ("The newly formed coalition set up its headquarters in Cairo.",)
    where = query("أين اتخذ الائتلاف مقره؟", "ar")
    assert check.run("اتخذ الائتلاف مقره في القاهرة [1].", where, selection(*english)).ok


def test_a_number_word_across_languages_counts_only_when_its_number_is_in_the_sentences(check):
    talks = ("De Mistura said the talks would focus on the paper with the 12 principles.",
             "The delegation has three co-chairs, he said.")
    paper = query("على أي ورقة قال دي ميستورا إن المحادثات ستركز؟", "ar")
    found = check.run("على الورقة الرابعة [1].", paper, selection(*talks)).problem
    assert found and "across languages nothing the reply adds" in found
    chairs = query("كم رئيساً مشاركاً للوفد؟", "ar")
    assert check.run("للوفد ثلاثة رؤساء مشاركين [2].", chairs, selection(*talks)).ok


def test_the_ordinal_of_an_arabic_month_s_name_is_the_month_s_not_a_word_of_the_question(check):
    # A news item dates its conference by its own date: "الأول" of "كانون الأول" is no word its sentences lack.
    item = ("اختتم مؤتمر المعارضين المستقلين أعماله في الرياض اليوم السبت، وتم انتخاب 8 منهم لضمهم إلى هيئة التفاوض.",)
    asked = query("كم معارضاً مستقلاً انتُخبوا لضمّهم إلى هيئة التفاوض في ختام مؤتمر الرياض في كانون الأول 2019؟", "ar")
    dated = "8 معارضين مستقلين انتُخبوا لضمّهم إلى هيئة التفاوض في ختام مؤتمر الرياض في كانون الأول 2019 [1]."
    assert check.run(dated, asked, selection(*item)).ok
    first_day = "8 معارضين مستقلين انتُخبوا لضمّهم إلى هيئة التفاوض في ختام اليوم الأول لمؤتمر الرياض [1]."
    assert "اول" in check.run(first_day, asked, selection(*item)).problem


def test_a_bare_answer_across_languages_is_checked_by_what_it_adds_not_by_its_closeness_in_meaning(close):
    # "62 [1]." is too short to stand close to any sentence in meaning; the number is what can be checked.
    vote = ("Hadi al-Bahra was elected president of the coalition with 62 votes against 41 for his rival.",)
    votes = query("كم صوتاً نال هادي البحرة حين انتُخب رئيساً للائتلاف؟", "ar")
    assert close.run("62 [1].", votes, selection(*vote)).ok
    assert "63" in close.run("63 [1].", votes, selection(*vote)).problem
    # A bare reply that adds nothing the sentences can be seen to hold is still not shown.
    rival = query("من نافس هادي البحرة على رئاسة الائتلاف؟", "ar")
    assert "across languages" in close.run("منافسه القوي [1].", rival, selection(*vote)).problem


def test_a_bare_name_is_counted_by_its_words_not_the_full_stop_its_citation_leaves(close):
    # "Staffan de Mistura [3]." is three words: the stop left where the citation stood is not a fourth.
    summit = ("Merkel, Putin and Macron attended, along with the UN envoy for Syria, Staffan de Mistura.",)
    envoy = query("من المبعوث الأممي إلى سوريا الذي حضر القمة؟", "ar")
    assert close.run("Staffan de Mistura [1].", envoy, selection(*summit)).ok
    assert "Annan" in close.run("Kofi Atta Annan [1].", envoy, selection(*summit)).problem


def test_a_day_of_the_week_is_held_across_languages_and_another_day_is_not(check):
    vote = ("وقال دبلوماسيون إن مجلس الأمن صوَّت يوم الخميس باعتماد القرار بأغلبية 14 صوتاً.",)
    day = query("On which day of the week did the Security Council vote to adopt the resolution?")
    assert check.run("The Security Council voted to adopt the resolution on Thursday [1].", day, selection(*vote)).ok
    assert not check.run("The Security Council voted to adopt the resolution on Friday [1].", day,
                         selection(*vote)).ok


def test_a_day_the_sentences_write_with_its_ordinal_letters_is_held_across_languages(check):
    # "24" is in "January 24th": an Arabic reply giving the day is checked, one giving another day is not shown.
    talks = ("Negotiations between the two delegations will then continue in Geneva on January 24th.",)
    day = query("في أي يوم تبدأ المفاوضات بين الوفدين في جنيف؟", "ar")
    assert check.run("تبدأ المفاوضات في جنيف يوم 24 يناير [1].", day, selection(*talks)).ok
    found = check.run("تبدأ المفاوضات في جنيف يوم 25 يناير [1].", day, selection(*talks)).problem
    assert found and "25" in found


def test_the_question_s_words_may_stand_in_another_chunk_of_the_cited_document_or_its_title(check):
    # One news item in two chunks: the answer's chunk does not repeat the acronym, the city or the month.
    item = ("The HNC had still not received a reply from the UN envoy, a day before talks are to start in Geneva.",
            "The Saudi-based High Negotiations Committee insists it must be the sole opposition delegation.")
    question = "In January 2016, what did the HNC insist on regarding its role at the Geneva talks?"
    reply = "The High Negotiations Committee insisted it must be the sole opposition delegation [2]."
    assert problem(check, question, reply, item) is None
    # The same chunks as two documents: the cited one alone uses too few of the question's words.
    assert "few of the question's words" in problem(check, question, reply, item, document=None)


def test_the_question_s_setting_may_stand_in_a_paragraph_of_the_document_the_model_was_not_given():
    # The item's lead names the conference and its city; the model is given only the paragraph that answers.
    lead = "The Syrian National Council held its conference in Tunis on Saturday, chaired by Karim Nader."
    answer = "The Syrian foreign minister Walid Haddad recently signed an Arab League initiative to send observers."
    question = ("Which Syrian foreign minister signed the observers initiative discussed at the council's Tunis "
                "conference?")
    reply = ("Walid Haddad was the Syrian foreign minister who signed the observers initiative discussed at the "
             "council's Tunis conference [1].")
    whole = ReplyCheck(Glossary([]), document_text={"news.txt": f"{lead}\n{answer} It was discussed at length."}.get)
    assert problem(whole, question, reply, (answer,)) is None
    # Without the rest of the document those words are in no source.
    assert "no source" in problem(ReplyCheck(Glossary([])), question, reply, (answer,))
    # What the question asks for must stand in the paragraph read, not only elsewhere in the document: the
    # paragraph counts delegations, the items are counted in another.
    rounds = "The three delegations met in Geneva under UN facilitation."
    items = ReplyCheck(Glossary([]), document_text={"news.txt": f"{rounds}\nThey were to discuss four items."}.get)
    found = problem(items, "How many items were the delegations to discuss in Geneva?",
                    "The delegations were to discuss 3 items in Geneva [1].", (rounds,))
    assert found and "no source" in found


def test_a_question_on_a_year_is_not_answered_from_a_document_of_another_year_that_never_mentions_it():
    # Retrieval puts documents of the year asked first; when there is none, the closest is of another time.
    sentence = "The general assembly elected Hadi al-Bahra president with 62 votes."
    item = Source(sentence, "bahra.txt", "Bahra elected", 0.9, "c0", date="2014-07-10", highlight=sentence)
    cited = Selection([Unit(sentence, item, 0, sentence)], [item])
    story = {"bahra.txt": f"Istanbul, 10 July. {sentence} He succeeds Ahmad Jarba."}
    check = ReplyCheck(Glossary([]), document_text=story.get)
    reply = "Hadi al-Bahra won 62 votes [1]."
    found = check.run(reply, query("How many votes did Hadi al-Bahra win when re-elected in September 2024?"), cited)
    assert found.problem and "2024" in found.problem
    assert check.run(reply, query("How many votes did Hadi al-Bahra win in July 2014?"), cited).ok
    # An item that writes the year asked, or has no date, is not judged by it.
    recalled = ReplyCheck(Glossary([]), document_text={"bahra.txt": f"{story['bahra.txt']} He ran again in 2024."}.get)
    assert recalled.run(reply, query("How many votes did Hadi al-Bahra win in 2024?"), cited).ok
    undated = Source(sentence, "bahra.txt", "Bahra elected", 0.9, "c0", highlight=sentence)
    assert check.run(reply, query("How many votes did Hadi al-Bahra win in 2024?"),
                     Selection([Unit(sentence, undated, 0, sentence)], [undated])).ok


def test_a_reply_whose_every_added_word_is_in_no_sentence_is_not_shown(check):
    # Two added words, both made up: the slack for a paraphrased word does not cover every word the reply adds.
    session = ("ونوقشت صياغات لأربعة مبادئ دستورية، هي: “أساسيات في الحكم”، قدّمه ممثلو هيئة التفاوض، و”رموز الدولة”، "
               "تقدّم به وفد النظام.",)
    question = "ما المبدأ الدستوري الذي قدّمه وفد النظام خلال الدورة السابعة؟"
    found = problem(check, question, "المبدأ الذي قدّمه وفد النظام هو \"السلام والمسانحة\" [1].", session, "ar")
    assert found and "no source" in found
    assert problem(check, question, "المبدأ الذي قدّمه وفد النظام هو \"رموز الدولة\" [1].", session, "ar") is None


def test_restating_the_question_in_the_other_script_is_no_answer(check):
    sentences = ("The SI unit of magnetic flux density was named the tesla in his honour.",)
    found = problem(check, "ما الذي تمت تسميته بتسلا على شرفه؟", "تمت تسميته بتسلا على شرفه Tesla [1].",
                    sentences, "ar")
    assert found and "restates" in found
    arabic = ("تسمى سلسلة الرموز فوق أبجدية حالة المسألة.",)
    found = problem(check, "ما الذي يمكن وصفه بسلسلة فوق أبجدية؟", "سلسلة فوق أبجدية [1].", arabic, "ar")
    assert found and "restates" in found


def test_an_arabic_reply_may_repeat_the_question_and_inflect_the_sources_words(check):
    sentences = ("أزيل منذ سنة 2000 ما مساحته 22 ألف كيلومتراً مربّعاً من الغابة.",)
    assert problem(check, "كم كيلومتراً مربعاً أزيل من الغابة بحلول سنة 2000؟",
                   "أزيل بحلول سنة 2000 من الغابة 22 ألف كيلومتر مربع [1].", sentences, "ar") is None


def test_a_reply_using_the_questions_words_that_its_sources_never_use_is_caught(check):
    sentences = ("يمتد الجسر التذكاري فوق النهر في وسط المدينة.",)
    found = problem(check, "ما اسم الجسر الذي يصل جزأي الحرم الجامعي فوق نهر تشارلز؟",
                    "اسم الجسر الذي يصل جزأي الحرم الجامعي فوق نهر تشارلز هو الجسر التذكاري [1].", sentences, "ar")
    assert found and "no source" in found
    english = ("Liquid oxygen was first developed in bulk in 1895.",)
    found = problem(check, "When was the oxygen pump developed for hospital use?",
                    "The oxygen pump was developed for hospital use in 1895 [1].", english)
    assert found and "no source" in found


def test_a_reply_citing_a_sentence_in_its_own_language_must_use_its_words_in_a_mixed_set(check):
    mixed = ("يمتد الجسر التذكاري فوق النهر في وسط المدينة.", "The petition was handed to the council in 1998.")
    found = problem(check, "ما اسم الجسر الذي يصل جزأي الحرم الجامعي فوق نهر تشارلز؟",
                    "اسم الجسر الذي يصل جزأي الحرم الجامعي فوق نهر تشارلز هو الجسر التذكاري [1].", mixed, "ar")
    assert found and "no source" in found
    # Rendering the cited sentence of the other language is what a reply across languages does.
    assert problem(check, "متى سُلّمت العريضة إلى المجلس؟", "سُلّمت العريضة إلى المجلس عام 1998 [2].", mixed,
                   "ar") is None


def test_a_reply_drifting_into_a_script_no_one_wrote_is_caught(check):
    sentences = ("The SI unit of magnetic flux density was named the tesla in his honour.",)
    found = problem(check, "What was named after Tesla?", "The unit 特斯拉 was named after him [1].", sentences)
    assert found and "another script: cjk" in found
    # Transliteration's modifier letters are not another script.
    assert "another script" not in (problem(check, "What was named after Tesla?",
                                            "The tesla, named in his honour by Saʿd [1].", sentences) or "")


def test_what_a_reply_adds_to_the_question_must_come_from_its_sentences(check):
    sentences = ("Former Model C schools set much higher fees than other public schools.",)
    asked = "How do the fees at former Model C schools compare to those at other schools?"
    found = problem(check, asked, "The fees at former Model C schools compare to other schools according to "
                    "signatures and laws [1].", sentences)
    assert found and "no source" in found
    assert problem(check, asked, "The fees at former Model C schools are much higher than at other schools [1].",
                   sentences) is None


def test_a_reply_repeating_two_question_words_that_no_sentence_uses_is_caught(check):
    sentences = ("The new service was launched after the merger of the two companies and was called Sky.",)
    found = problem(check, "What would the new entity be called under the shareholders' merger plan?",
                    "Under the shareholders' plan the new service was called Sky [1].", sentences)
    assert found and "no source" in found and "sharehold" in found
    assert problem(check, "What was the new service called after the merger?",
                   "The new service was called Sky [1].", sentences) is None


def test_a_reply_may_repeat_the_question_s_month_and_words_its_document_writes_elsewhere(check):
    # The model prefixes its answer with the whole question: the month is only in the item's date, and
    # "talks" and "Geneva" are in the item's other chunk, which is among the sources but not the sentences.
    item = selection("Opposition chief Riad Hijab arrived in Geneva on Wednesday for the UN talks.",
                     "Mohammed Alloush, the chief negotiator, is a leader of the Army of Islam.", document="news.txt")
    given = Selection(units=item.units[1:], sources=item.sources)
    question = "Which group did Mohammed Alloush, the chief negotiator at the Geneva talks in February, belong to?"
    reply = "Mohammed Alloush, the chief negotiator at the Geneva talks in February, leads the Army of Islam [1]."
    assert check.run(reply, query(question), given).problem is None
    # Words the document never writes are still missing: its sentences are about something else.
    found = check.run(reply.replace("Geneva talks", "Astana summit"), query(question.replace("Geneva talks", "Astana "
                      "summit")), given).problem
    assert found and "no source" in found


def test_a_reply_restating_a_long_question_may_paraphrase_some_of_it(check):
    sentences = ("Mohammed Alloush, the committee's chief negotiator in Geneva, is a leader of the Army of Islam.",)
    question = "Which rebel group did Mohammed Alloush, the committee's chief negotiator in Geneva, belong to early on?"
    reply = "Mohammed Alloush, the committee's chief negotiator in Geneva, belonged early on to the Army of Islam [1]."
    assert problem(check, question, reply, sentences) is None
    # Two such words in a short question are still two too many: the sentences are about something else.
    assert problem(check, "Which rebel group did Alloush belong to early on?",
                   "Alloush belonged early on to the Army of Islam [1].", sentences)


def test_a_name_from_another_documents_arabic_sentence_is_caught_when_the_answer_is_in_english(check):
    mixed = (MEETING[1], FORUM[2])
    asked = "من هو المتحدث باسم المجلس الذي اتهم روسيا بعرقلة المساعدات؟"
    # Caught twice over: the sentence it cites is about something else and never uses the question's words.
    assert problem(check, asked, "المتحدث باسم المجلس هو بدر جاموس [1].", mixed, "ar")
    assert problem(check, asked, "المتحدث باسم المجلس هو عمر صالح [2].", mixed, "ar") is None


def test_a_reply_copied_from_a_passage_about_something_else_is_caught(check):
    # The question's subject (a football team) is nowhere in the passage the reply copies its answer from.
    economics = ("درس في الجامعة عدد من الاقتصاديين، منهم هربرت سايمون، وكتب مؤلفو فرع الاقتصاد الأسري كتبهم.",)
    found = problem(check, "من الذين هزمهم البرونكوس ليصبحوا أبطال رابطة كرة القدم الأمريكية؟",
                    "هربرت سايمون ومؤلفو فرع الاقتصاد الأسري [1].", economics, "ar")
    assert found and "few of the question's words" in found
    # A question about what the passage does say is answered from it.
    assert problem(check, "من درس في الجامعة من الاقتصاديين؟", "هربرت سايمون [1].", economics, "ar") is None


def test_a_name_mis_spelled_from_an_arabic_sentence_is_mended_and_another_name_is_not(check):
    sentence = ("أعلن رئيس مجلس الشعب السوري محمد جهاد اللحام مساء الأربعاء فوز الرئيس في الانتخابات الرئاسية.",)
    question = "Who announced the results of the presidential election?"
    verdict = check.run("Mohammed Jehad Al-Hamad [1] announced the results of the presidential election.",
                        query(question), selection(*sentence))
    assert verdict.ok and verdict.mended.startswith("Mohammed Jehad Al-Laham [1] announced")
    # One word in common is a common first name, not the same person.
    verdict = check.run("Mohammed Saleh [1] announced the results of the presidential election.",
                        query(question), selection(*sentence))
    assert not verdict.ok and verdict.mended is None and "Saleh" in verdict.problem
    # A title is no part of a name, nor an adjective the dictionary also knows as a name ("السوري", Souri).
    verdict = check.run("The results were announced by President Bashar al-Assad [1].", query(question),
                        selection("أعلن رئيس المجلس السوري بشار الأسد النتائج.",))
    assert not verdict.ok and verdict.mended is None


def test_a_name_spelled_another_way_than_the_checks_accept_is_written_as_the_dictionary_spells_it(check):
    sentence = ("قالت عضو اللجنة التحضيرية لمؤتمر الحوار الوطني، هدى الأتاسي، إن المؤتمر انعقد في دمشق.",)
    verdict = check.run("Hida Atasi [1] announced the statement of the national dialogue conference.",
                        query("Which member of the preparatory committee announced the conference's statement?"),
                        selection(*sentence))
    assert verdict.ok and verdict.mended.startswith("Huda Atassi [1]")


def test_an_english_reply_may_spell_an_arabic_name_as_the_name_dictionary_does(check):
    office = ("وأوضحت المصادر أن فريق المبعوث يضم وعلاء عبد العزيز مدير مكتب الأمم المتحدة بدمشق.",)
    question = "Who is the director of the United Nations office in Damascus?"
    for name in ("Alaa Abdul Aziz", "Alaa Abdel Aziz", "Alaa al-Aziz"):
        assert problem(check, question, f"The director of the office is {name} [1].", office) is None, name
    assert "Sharif" in problem(check, question, "The director of the office is Omar Sharif [1].", office)


def test_an_arabic_reply_that_copies_english_words_is_not_shown(check):
    # The bundled model, asked in Arabic about an English passage, copies words it does not translate or
    # breaks one across scripts; an Arabic reader is not answered in Arabic.
    for reply in ("يُفتتح المنتدى office في إدلب [2].", "سيفتح المنتدى مكتباً في الIdlib area [2]."):
        found = problem(check, "ماذا سيفتح المنتدى في إدلب؟", reply, language="ar")
        assert found and "instead of writing the question's language" in found
    # A quotation keeps its own words.
    assert problem(check, "ماذا قالت لينا حداد عن إدلب؟", 'قالت إن المنتدى "would open an office" في إدلب [2].',
                   language="ar") is None
    # Names (capitalised, in brackets or not) are written as the source writes them.
    assert problem(check, "من ينسق منتدى الأرز؟", "تنسق المنتدى لينا حداد (Lina Haddad) [2].", language="ar") is None


def test_a_reply_copied_from_another_given_source_than_it_cites_is_checked_as_citing_that_one(check):
    rounds = ("QAMISHLI – The 7th round of the Constitutional Committee ended in Geneva without agreement.",
              "The 7th round started in Geneva on March 21 and ended on March 25.")
    question = query("On what date did the 7th round finish?")
    verdict = check.run("The seventh round ended on March 25 [1].", question, selection(*rounds, document="r.txt"))
    assert verdict.ok and verdict.cited == (2,)
    # Not for a number alone that another source happens to hold: it may answer something else there.
    verdict = check.run("It finished on 21 [1].", question, selection(*rounds, document="r.txt"))
    assert not verdict.ok and "21" in verdict.problem


def test_a_count_given_with_what_it_counts_from_another_source_than_it_cites_cites_that_one(check):
    embassy = ("الإمارات تعيد فتح سفارتها في دمشق بعد إغلاق دام 7 سنوات.",
               "وقال بيان لوزارة الخارجية إن القائم بالأعمال باشر مهامه.")
    asked = query("كم سنة بقيت السفارة الإماراتية في دمشق مغلقة؟", "ar")
    verdict = check.run("7 سنوات [2].", asked, selection(*embassy, document="e.txt"))
    assert verdict.ok and verdict.cited == (1,)
    # A bare number is no count with what it counts: it may count something else there.
    assert not check.run("7 [2].", asked, selection(*embassy, document="e.txt")).ok


def test_a_reply_that_loops_is_refused(check):
    sentences = ("شاركت منظمات المجتمع المدني والحركة الشعبية السورية في اللقاء.",)
    looped = "المجتمع المدني والحركة الشعبية السورية، " + "والحركة الشعبية السورية، " * 6 + "وال [1]"
    found = problem(check, "من شارك في اللقاء؟", looped, sentences, "ar")
    assert found and "repeats itself" in found


def test_a_digit_the_sentences_write_in_words_is_an_answer_across_languages(check):
    sentences = ("The session was put on hold after three members tested positive for COVID-19.",)
    question = "كم عدد الأعضاء الذين ثبتت إصابتهم بكوفيد-19؟"
    assert problem(check, question, "3 أعضاء ثبتت إصابتهم بكوفيد-19 [1].", sentences, "ar") is None
    found = problem(check, question, "5 أعضاء ثبتت إصابتهم بكوفيد-19 [1].", sentences, "ar")
    assert found and "5" in found


def test_an_arabic_statement_that_ends_in_the_question_s_own_words_is_no_answer(check):
    # Asked who succeeded the envoy, of an item that does not say: the reply restates the question, adds a verb
    # of the item's ("أعلنه"), and where its answer should stand repeats the question.
    item = ("وقال بيدرسن إنه أبلغ الأمين العام للأمم المتحدة بنيته التنحي من منصب المبعوث الخاص إلى سوريا.",
            "وأعلنه الأمين العام مبعوثاً خاصاً خلفاً لدي ميستورا في أكتوبر 2018.")
    asked = "من عيّنه الأمين العام للأمم المتحدة مبعوثاً خاصاً إلى سوريا خلفاً لبيدرسن؟"
    found = problem(check, asked, "المبعوث الذي أعلنه الأمين العام للأمم المتحدة مبعوثاً خاصاً إلى سوريا خلفاً "
                                  "لبيدرسن هو مبعوث الأمم المتحدة الخاص إلى سوريا [1].", item, "ar")
    assert found and "restates" in found
    # Ending in what the sentences say is an answer ("في أكتوبر 2018" for when).
    assert problem(check, "متى عيّن الأمين العام بيدرسن مبعوثاً خاصاً إلى سوريا؟",
                   "الأمين العام عيّن بيدرسن مبعوثاً خاصاً إلى سوريا في أكتوبر 2018 [2].", item, "ar") is None


def test_an_arabic_reply_that_breaks_off_a_name_in_latin_letters_is_written_with_the_source_s_name(check):
    # Writing Arabic from an English passage, the bundled model begins a name in Arabic letters and ends it in
    # Latin ones; the source's name takes its place, and the words before it that render its first names.
    death = ("Following the death of Mr Mounir Darwish, a SNC member, Mogherini presented her condolences.",)
    asked = "من هو عضو هيئة التفاوض الذي قدمت موغيريني التعازي بوفاته؟"
    verdict = check.run("عضو الهيئة الذي قدمت موغيريني التعازي بوفاته هو مونير دارwish [1].", query(asked, "ar"),
                        selection(*death))
    assert verdict.ok and verdict.mended.endswith("هو Mounir Darwish [1].")
    # A broken word no name of the sources fits is not shown.
    verdict = check.run("عضو الهيئة الذي قدمت موغيريني التعازي بوفاته هو سامي خلwish [1].", query(asked, "ar"),
                        selection(*death))
    assert not verdict.ok and verdict.mended is None


def test_a_question_asking_which_resolution_is_not_answered_without_its_number(check):
    session = ("وقال جاموس أمام مجلس الأمن إن روح القرار 2254 تمثل خارطة طريق لتحقيق تطلعات السوريين.",)
    asked = "أي قرار دولي قال جاموس أمام مجلس الأمن إن روحه تمثل خارطة طريق؟"
    assert "which resolution" in problem(check, asked, "قال جاموس في جلسة لمجلس الأمن إن روحه تمثل خارطة طريق لتحقيق "
                                                       "تطلعات السوريين [1].", session, "ar")
    assert problem(check, asked, "القرار 2254 [1].", session, "ar") is None
    # A decision of the commission is no resolution to number.
    decision = ("وقررت الهيئة تأجيل الانتخابات إلى الشهر المقبل.",)
    assert problem(check, "ما هو قرار الهيئة بشأن الانتخابات؟", "قررت الهيئة تأجيل الانتخابات [1].", decision, "ar") \
        is None


def test_an_arabic_reply_whose_answer_is_the_person_the_question_names_restates_it(check):
    debate = ("وأدار النقاش باتريك هايني مع رئيس هيئة التفاوض بدر جاموس حول مستقبل سوريا.",)
    asked = "من أدار النقاش مع بدر جاموس حول مستقبل سوريا؟"
    assert "restates" in problem(check, asked, "مدير النقاش هو رئيس هيئة التفاوض، بدر جاموس [1].", debate, "ar")
    assert problem(check, asked, "مدير النقاش هو باتريك هايني [1].", debate, "ar") is None
    # Asked who he is, his name with his title answers.
    assert problem(check, "من هو بدر جاموس؟", "هو بدر جاموس، رئيس هيئة التفاوض [1].", debate, "ar") is None


def test_a_frame_of_the_question_s_own_words_moved_before_the_answer_is_the_question_s(check):
    report = ("Syria's opposition on Friday selected a chief negotiator for a unified delegation to the talks.",
              "Several rounds of talks have failed to end a conflict that has killed more than 340,000 people.")
    question = ("How many people had the Syrian conflict killed, according to the report on the opposition's choice "
                "of a chief negotiator in November 2017?")
    reply = ("According to the report on the opposition's choice of a chief negotiator in November 2017, more than "
             "340,000 people had been killed [2].")
    assert problem(check, question, reply, report) is None
    # A frame of its own is the reply's to answer for.
    assert problem(check, question, "According to the ministry's casualty records, more than 340,000 people were "
                                    "killed [2].", report)
