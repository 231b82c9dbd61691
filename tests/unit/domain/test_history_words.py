import re
from pathlib import Path

from scheme.domain.history_words import (
    ACTION_WORDS,
    SETTING_WORDS,
    action_in_words,
    details_in_words,
    setting_in_words,
)

SCHEME = Path(__file__).resolve().parents[3] / "scheme"
RECORDED = re.compile(r"""record(?:_read)?\(\s*[\w.]+,\s*"([a-z_]+\.[a-z_]+)\"""")


def test_every_action_the_service_records_has_words_for_the_histories():
    recorded = {match for path in SCHEME.rglob("*.py") for match in RECORDED.findall(path.read_text())}
    assert len(recorded) > 40
    assert sorted(recorded - set(ACTION_WORDS)) == []


def test_an_action_shows_as_words_never_as_its_code():
    assert action_in_words("visit.section_confirmed") == "Audit answers confirmed as seen"
    assert action_in_words("widget.got_polished") == "Widget: got polished"


def test_a_readiness_entry_names_its_causes_in_words():
    assert (details_in_words("action_overdue, training", "readiness.at_risk")
            == "a mandatory action is past its due date, staff training no longer meets the scheme's rule")
    assert details_in_words("until 2026-12-05: new owner", "readiness.held") == "until 2026-12-05: new owner"
    assert details_in_words("action_overdue", "certificate.suspended") == "action_overdue"
    assert details_in_words(None, "readiness.at_risk") == ""


def test_every_setting_has_words_for_the_entry_that_records_its_change():
    from scheme.domain.settings import DEFAULTS

    assert sorted(set(DEFAULTS.__dict__) - set(SETTING_WORDS)) == []
    assert setting_in_words("readiness_grace_days") == "Days an at-risk premises keeps its accreditation"
