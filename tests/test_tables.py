import pytest

from snc_qa.tables import rows


def test_a_line_a_user_added_without_a_tab_is_named_with_its_file_and_line():
    text = "# Arabic<TAB>English\nهيئة التفاوض\tNegotiation Commission\nمجلس الأمن Security Council\n"
    with pytest.raises(ValueError, match=r"^my-glossary\.tsv:3: expected 'Arabic<TAB>English'\.$"):
        rows(text, "my-glossary.tsv", 2, "Arabic<TAB>English")


def test_comments_blank_lines_and_surrounding_spaces_are_not_data():
    assert rows("\n# note\n  SY \t سورية \t\n", "countries", 2, "code<TAB>name") == [["SY", "سورية", ""]]
