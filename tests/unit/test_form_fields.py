from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from scheme.form_fields import GovDateField


class _DateForm(Form):
    day = GovDateField("Day", invalid_message="Enter a real date")


def _posted(*parts: str) -> _DateForm:
    return _DateForm(MultiDict([("day", part) for part in parts]))


def test_three_parts_make_a_date():
    form = _posted("29", "2", "2028")
    assert form.validate() and form.day.data == date(2028, 2, 29)


@pytest.mark.parametrize("parts", [("12",), ("1", "2", "2026", "4"), ("1", "2", "2026", "4", "5", "6"),
                                   ("31", "2", "2026"), ("²", "2", "2026"), ("1", "2", "99999"),
                                   ("1", "1", "9999"), ("1", "1", "0001"), ("x" * 5000, "1", "2026")])
def test_any_other_post_is_not_a_date_and_the_widget_gets_three_boxes(parts):
    form = _posted(*parts)
    assert not form.validate()
    assert form.day.errors == ["Enter a real date"]
    assert len(form.day.raw_data) == 3
