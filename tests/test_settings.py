import pytest
from pydantic import ValidationError

from snc_qa.settings import Settings


def test_every_setting_says_what_it_does():
    undescribed = [name for name, field in Settings.model_fields.items() if not field.description]
    assert undescribed == []


def test_a_setting_comes_from_its_environment_variable_and_a_bad_value_is_named(monkeypatch):
    monkeypatch.setenv("SNC_QA_PORT", "7999")
    assert Settings().port == 7999
    monkeypatch.setenv("SNC_QA_PORT", "99999")
    with pytest.raises(ValidationError, match="port"):
        Settings()
