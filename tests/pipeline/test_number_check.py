"""The reply check's rules on numbers (snc_qa.pipeline.number_check): a number, count, ordinal or month the
sentences do not give, or one that answers another question, keeps a reply from being shown."""

from .helpers import problem, query, selection


def test_a_question_asking_how_many_is_not_answered_without_a_number(check):
    body = ("The opposition formed the small body of the committee in 2019, and it has 45 members.",)
    question = "How many members did the small body have in 2019?"
    assert problem(check, question, "The small body has 45 members [1].", body) is None
    assert "how many" in problem(check, question, "The opposition formed the small body in 2019 [1].", body)
    arabic = ("وشكلت المعارضة الهيئة المصغرة، وتضم خمسة وأربعين عضواً.",)
    asked = "كم عضواً تضم الهيئة المصغرة؟"
    assert problem(check, asked, "تضم الهيئة المصغرة خمسة وأربعين عضواً [1].", arabic, "ar") is None
    assert "how many" in problem(check, asked, "شكلت المعارضة الهيئة المصغرة [1].", arabic, "ar")


def test_a_count_of_something_else_than_the_question_asks_is_caught(check):
    arabic = ("وقال إن النظام هدم نحو مليوني منزل وتسبب في مقتل نحو مليون شخص.",)
    asked = "كم منزلاً قال الرئيس إن النظام هدمها؟"
    assert "مليون" in problem(check, asked, "مقتل نحو مليون شخص [1].", arabic, "ar")
    assert problem(check, asked, "هدم النظام نحو مليوني منزل [1].", arabic, "ar") is None
    english = ("The shelling destroyed 300 homes in Homs and killed 45 people, 12 of them children.",)
    question = "How many homes did the shelling destroy in Homs?"
    assert "45" in problem(check, question, "It killed 45 people [1].", english)
    assert problem(check, question, "300 homes [1].", english) is None
    assert problem(check, question, "300 [1].", english) is None


def test_an_arabic_count_is_read_by_lemma_so_a_singular_counts_the_question_s_plural(check):
    # After 11 to 99 Arabic counts in the singular ("70 عضواً") what the question asks in the plural ("أعضاء").
    members = ("وضم الائتلاف 8 أعضاء جدد، ليصبح عدد أعضائه 70 عضواً.",)
    how_many = "كم أصبح عدد أعضاء الائتلاف بعد توسعته؟"
    assert problem(check, how_many, "70 عضواً [1].", members, "ar") is None
    found = problem(check, "كم صوتاً نال المرشح الفائز؟", "نال 8 أصوات [1].",
                    ("ونال المرشح الفائز 66 صوتاً، مقابل 8 أوراق بيضاء.",), "ar")
    assert found and "counts something else" in found


def test_a_share_is_no_answer_to_how_many(check):
    coalition = ("The new coalition claims to represent 80 percent of all opponents; 63 members voted.",)
    found = problem(check, "How many members voted for the coalition's head?", "It represents 80 percent [1].",
                    coalition)
    assert found and "share" in found
    assert problem(check, "What share of the opponents does the coalition represent?", "80 percent [1].",
                   coalition) is None
    assert problem(check, "كم نسبة المعارضين الذين يمثلهم الائتلاف؟", "80 بالمئة [1].",
                   ("يمثل الائتلاف 80 بالمئة من المعارضين.",), "ar") is None


def test_a_count_is_not_judged_where_the_sentences_do_not_count_what_is_asked(check):
    # No number of the sentences stands beside "houses": which one answers is not for the words to tell.
    english = ("The shelling destroyed 300 homes and killed 45 people.",)
    assert problem(check, "How many houses did the shelling destroy?", "45 [1].", english) is None
    # Beside "fighters" stand two numbers; either may answer.
    fighters = ("Some 2,400 fighters left the city and 300 fighters stayed behind.",)
    assert problem(check, "How many fighters stayed behind?", "2400 fighters [1].", fighters) is None


def test_a_number_is_the_same_with_or_without_thousands_separators(check):
    sentences = ("The petition was signed by 2580000 people in 1998.", "It was handed to the council.")
    assert problem(check, "How many people signed the petition?", "About 2,580,000 people signed it [1].",
                   sentences) is None


def test_a_number_must_stand_whole_in_the_sources_decimals_included(check):
    sentences = ("The average family size was 3.62 in 1701.", "It was handed to the council.")
    assert "3.7" in problem(check, "What was the average family size?", "It was 3.7 people [1].", sentences)
    assert "17" in problem(check, "When was it?", "In the 17th century [1].", sentences)
    assert problem(check, "What was the average family size?", "It was 3.62 people [1].", sentences) is None


def test_a_one_digit_number_must_be_in_the_sources_in_digits_or_words(check):
    sentences = ("Three delegations met in Geneva.", "The talks lasted 2 days.")
    assert problem(check, "How many delegations met?", "Three delegations met [1].", sentences) is None
    assert problem(check, "How many delegations met?", "3 delegations met in Geneva [1].", sentences) is None
    assert "5" in problem(check, "How many delegations met?", "5 delegations met in Geneva [1].", sentences)


def test_one_of_what_the_question_counts_is_a_count_to_find_when_the_sentences_never_name_it(check):
    # "صوتاً واحداً" claims one vote where the cited lead speaks of no vote; one office, where it names one, stands.
    lead = ("انتخب الائتلاف مساء الأحد عبد الرحمن مصطفى رئيساً له، وافتتح مكتباً في إدلب.",)
    found = problem(check, "كم صوتاً نال عبد الرحمن مصطفى عندما انتخب رئيساً؟", "صوتاً واحداً [1].", lead, "ar")
    assert found and "واحدا" in found
    offices = "كم مكتباً افتتح الائتلاف بعد انتخاب عبد الرحمن مصطفى؟"
    assert problem(check, offices, "افتتح الائتلاف مكتباً واحداً [1].", lead, "ar") is None


def test_a_number_from_another_passage_than_the_one_cited_is_caught(check):
    sentences = ("The Grainger Market opened in 1835 as the city's first indoor market.",
                 "The Eldon Square shopping centre opened in 1976.")
    assert problem(check, "When did the first indoor market open?",
                   "The first indoor market opened in 1835 [1].", sentences) is None
    assert "1976" in problem(check, "When did the first indoor market open?",
                             "The first indoor market opened in 1976 [1].", sentences)
    # A number the question states is no claim of the reply's, whether or not a passage writes it (a news
    # item's year is often only in its date).
    assert problem(check, "Which indoor market is older than the shopping centre of 1976?",
                   "The Grainger Market, opened in 1835, is older than the 1976 shopping centre [1].",
                   sentences) is None
    assert problem(check, "Which market, still open in 2024, was the city's first indoor market?",
                   "The Grainger Market, still open in 2024, was the city's first indoor market [1].",
                   sentences) is None


def test_a_month_the_sentences_do_not_name_is_caught_across_languages(check):
    # Across languages the reply's words cannot be looked up, but a month can, in either calendar's name.
    declared = ("Britain formally declared war on France on 18 May 1756.",)
    asked = "متى أعلنت بريطانيا الحرب على فرنسا؟"
    found = problem(check, asked, "أعلنت بريطانيا الحرب في يناير 1756 [1].", declared, "ar")
    assert found and "January" in found
    for reply in ("أعلنت بريطانيا الحرب على فرنسا في 18 أيار 1756 [1].", "في 18 مايو 1756 [1]."):
        assert "month" not in (problem(check, asked, reply, declared, "ar") or "")
    met = ("عقد الاجتماع في تشرين الثاني 2017 في الرياض.",)
    assert "October" in problem(check, "When did they meet in Riyadh?", "They met in October 2017 [1].", met)
    # A month is no name to find by its letters in the Arabic sentence: the right one passes.
    assert problem(check, "When did they meet in Riyadh?", "In November 2017 [1].", met) is None


def test_five_is_not_fifty_in_arabic_sentences(check):
    # The light stemmer makes خمسين (fifty) and خمس (five) one stem.
    sentences = ("وفي اليوم الثاني من المؤتمر جرى اختيار خمسين من أعضاء الهيئة العليا للمفاوضات.",)
    question = "How many members of the High Negotiations Committee were chosen on the second day?"
    assert problem(check, question, "Five [1].", sentences) is not None
    assert problem(check, question, "5 members were chosen [1].", sentences) is not None


def test_a_length_of_time_or_an_age_is_no_answer_to_how_many_of_something_else(check):
    # The count is in an Arabic sentence and the question in English: what the number counts is a time word,
    # which is known in both languages.
    elected = ("انتخبت الهيئة العامة للائتلاف، أمس السبت، رياض سيف (70 عاما)، رئيساً جديداً لمدة عام.",)
    question = "How many votes did Riad Seif receive when he was elected?"
    assert "70" in problem(check, question, "Riad Seif received 70 votes [1].", elected)
    # Asked for his age, the same number answers.
    assert problem(check, "كم كان عمر رياض سيف حين انتخب؟", "كان عمره 70 عاما [1].", elected, "ar") is None
    assert problem(check, "How old was Riad Seif when he was elected?", "70 years old [1].", elected) is None


def test_a_number_the_question_states_in_words_is_no_count(check):
    # "the fourth round" states 4: a reply of "4" gives no count of the delegation's members.
    round_ = ("The opposition delegation walked out of the fourth round of the Astana talks.",)
    asked = "كم كان عدد أعضاء وفد المعارضة في الجولة الرابعة من محادثات أستانا؟"
    assert "how many" in problem(check, asked, "4 [1].", round_, "ar")
    assert "how many" in problem(check, "How many members did the delegation have in the fourth round?",
                                 "The delegation had 4 members [1].", round_)


def test_two_of_a_time_written_with_the_arabic_dual_alone_holds_the_number_2(check):
    met = ("وأتى انتخاب سيف بعد أن عقد الائتلاف على مدى يومين اجتماعات هيئته العامة.",)
    question = "How long did the Coalition's general assembly meet before electing Seif?"
    assert problem(check, question, "The general assembly met for 2 days before electing Seif [1].", met) is None
    assert "3" in problem(check, question, "The general assembly met for 3 days before electing Seif [1].", met)


def test_a_count_in_words_that_the_sentences_do_not_write_is_caught(check):
    # "مساء الأحد" is Sunday evening, not "one".
    elected = ("انتخب الائتلاف، مساء الأحد، عبد الرحمن مصطفى رئيساً له، وحصل على أصوات 66 عضواً من إجمالي 83.",)
    asked = "كم صوتاً نال عبد الرحمن مصطفى عندما انتخب رئيساً للائتلاف؟"
    assert "واحد" in problem(check, asked, "انتخب عبد الرحمن مصطفى رئيساً للائتلاف مساء الأحد، صوتاً واحدًا [1].",
                             elected, "ar")
    assert problem(check, asked, "حصل مصطفى على أصوات 66 عضواً [1].", elected, "ar") is None


def test_an_ordinal_the_sentences_give_something_else_is_caught(check):
    # "The first round" was made of "أول جلسة … من الجولة السادسة".
    sixth = ("وأضاف البحرة عقب انتهاء اليوم الأول من الجولة السادسة أنه بدأ العمل وتم عقد أول جلسة حول صياغة الدستور.",)
    asked = "في أي جولة للجنة الدستورية بدأ العمل على صياغة الدستور؟"
    found = problem(check, asked, "في الجولة الأولى للجنة الدستورية بدأ العمل على صياغة الدستور [1].", sixth, "ar")
    assert found and "الجولة الأولى" in found
    assert problem(check, asked, "في الجولة السادسة بدأ العمل على صياغة الدستور [1].", sixth, "ar") is None
    english = ("On the first day of the sixth round, the co-chair said the first drafting session was held.",)
    question = "In which round of the Constitutional Committee did the drafting start?"
    assert "first round" in problem(check, question, "The drafting started in the first round [1].", english)
    assert problem(check, question, "The drafting started in the sixth round [1].", english) is None


def test_the_round_a_given_clause_belongs_to_is_read_in_its_whole_sentence(check):
    sentence = ("وفي إحاطة قدمها عقب انتهاء اليوم الأول من الجولة السادسة، قال البحرة إنه بدأ العمل وتم عقد أول "
                "جلسة حول صياغة الدستور.")
    clause = "قال البحرة إنه بدأ العمل وتم عقد أول جلسة حول صياغة الدستور."
    given = selection(clause)
    given.units[0].sentence = sentence
    found = check.run("في الجولة الأولى بدأ العمل على صياغة الدستور [1].",
                      query("في أي جولة بدأ العمل على صياغة الدستور؟", "ar"), given).problem
    assert found and "الجولة الأولى" in found


def test_a_count_is_of_what_a_possessor_owns_not_of_the_possessor(check):
    # "52 of the coalition members’ votes" counts votes: read as counting members, a right reply was refused as a
    # number that counts something else (the 65 votes of the winner being the sentence's count of votes).
    sentence = ("Jarba was voted in for a second term with 65 votes late Friday, beating his only rival, Riad Hijab, "
                "who won 52 of the coalition members’ votes.",)
    question = "How many votes did Riad Hijab get when he lost the presidency to Ahmad Jarba?"
    assert problem(check, question, "Riad Hijab got 52 votes [1].", sentence) is None


def test_a_number_from_ten_to_ninety_nine_is_held_where_the_sentences_write_it_in_words(check):
    # "19 members" over "من تسعة عشر عضواً" was refused as a number in no passage.
    body = ("وانتخبت الهيئة العامة أمس هيئة سياسية جديدة من تسعة عشر عضواً.",)
    asked = "How many members are on the new political body?"
    assert problem(check, asked, "19 members [1].", body) is None
    assert "20" in problem(check, asked, "20 members [1].", body)
    # "خمسين ألف" is no fifty.
    assert "50" in problem(check, "How many people fled?", "50 people [1].", ("فر خمسين ألف شخص من المدينة.",))


def test_a_round_the_question_numbers_in_words_is_the_round_the_sentences_number_in_digits(check):
    # The reply restates the question's "الجولة الخامسة عشرة", which the sentences write "الجولة 15": the question's
    # words, not words in no sentence.
    sentences = ("اختتمت أعمال الجولة 15 لمؤتمر أستانة، والمنعقد في مدينة سوتشي الروسية، اليوم الأربعاء، بعد يومين من "
                 "انطلاقه، بحضور جميع الوفود المشاركة.",)
    asked = "في أي مدينة روسية اختُتمت أعمال الجولة الخامسة عشرة من مسار أستانة في شباط 2021؟"
    reply = "في مدينة سوتشي الروسية اختتمت أعمال الجولة الخامسة عشرة من مسار أستانة في شباط 2021 [1]."
    assert problem(check, asked, reply, sentences, "ar") is None


def test_a_number_copied_from_a_better_source_than_the_one_cited_cites_that_one(check):
    # Across languages the model copies the number right and numbers its source wrong.
    hitto = ("Ghassan Hitto emerged as winner with 35 out of 48 votes after a full day of meetings.",
             "Hitto says he decided to get more involved after his son joined the rebels last year.")
    asked = query("كم صوتاً نال غسان هيتو عند انتخابه رئيساً للحكومة المؤقتة؟", "ar")
    verdict = check.run("35 صوتاً [2].", asked, selection(*hitto, document="h.txt"))
    assert verdict.ok and verdict.cited == (1,)
    # A number the model did not copy from any of them is still no answer.
    assert not check.run("40 صوتاً [2].", asked, selection(*hitto, document="h.txt")).ok


def test_a_count_equal_to_a_number_of_the_question_s_names_is_still_a_count(check):
    # "three delegations" answers "how many delegations … in the Geneva 3 talks?" (forty-second set).
    sentences = ("The opposition took part in the Geneva 3 talks with three delegations.",)
    asked = "With how many delegations did the opposition take part in the Geneva 3 talks?"
    assert problem(check, asked, "It took part with three delegations in Geneva 3 [1].", sentences) is None
    assert "no number" in problem(check, asked, "It took part in the Geneva 3 talks [1].", sentences)


def test_a_day_copied_from_a_better_source_than_the_one_cited_cites_that_one(check):
    # "ended on November 8, 2019 [2]" where [1] reads "… ended on November 8." (forty-third set).
    sentences = ("A smaller group met for a first round of talks that ended on November 8.",
                 "The committee gathered in Geneva on October 30.")
    asked = query("On what date did the first round of talks of the smaller group end in 2019?", "en")
    given = selection(*sentences, document="c.txt")
    reply = "The first round of talks of the smaller group ended on {} 8, 2019 [2]."
    verdict = check.run(reply.format("November"), asked, given)
    assert verdict.ok and verdict.cited == (1,)
    assert not check.run(reply.format("October"), asked, given).ok


def test_a_question_asking_for_a_date_is_not_answered_by_a_day_of_the_week(check):
    # "on Friday evening" for the date of a round no document dates (forty-fourth set).
    sentences = ("Speaking on Friday, Pedersen said the ninth round would start on 5 September.",)
    asked = "On what date did Pedersen set the ninth round to start?"
    found = problem(check, asked, "Pedersen set the ninth round to start on Friday evening [1].", sentences)
    assert found and "date" in found
    assert problem(check, asked, "On 5 September [1].", sentences) is None


def test_a_question_asking_how_long_is_not_answered_without_a_length_of_time(check):
    # "التوالي" (consecutively) for how long a leadership was elected (forty-sixth set).
    sentences = ("وانتهت الهيئة العامة للائتلاف من انتخاب الهيئة الرئاسية الجديدة على التوالي، لمدة ستة أشهر قادمة.",)
    asked = "لأي مدة انتخبت الهيئة الرئاسية الجديدة للائتلاف؟"
    found = problem(check, asked, "على التوالي [1].", sentences, "ar")
    assert found and "how long" in found
    assert problem(check, asked, "لمدة ستة أشهر [1].", sentences, "ar") is None


def test_a_month_only_the_question_names_is_held_only_in_the_year_it_names(check):
    # "since November 2015" from a question on a November 2017 statement, over "December 2015" (forty-seventh set).
    sentences = ("Hijab said he had carried the task of general coordinator since December 2015.",)
    asked = "Since when had Hijab carried the task of general coordinator, according to his November 2017 statement?"
    found = problem(check, asked, "Since November 2015 [1].", sentences)
    assert found and "November" in found
    assert problem(check, asked, "Since December 2015 [1].", sentences) is None
    # The question's month in the question's year stays the question's.
    restated = problem(check, "What did Hijab say in November 2017?", "In November 2017 he said he had carried the "
                       "task of general coordinator since December 2015 [1].", sentences)
    assert "November" not in (restated or "")
