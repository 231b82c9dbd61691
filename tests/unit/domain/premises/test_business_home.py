from datetime import date

from scheme.domain.premises.business_home import summarise
from scheme.enums import ActionStatus, ApplicationStatus, CertificateStatus
from scheme.models import Action, Certificate, Premises

TODAY = date(2026, 11, 29)


def premises(status=ApplicationStatus.DRAFT, **fields) -> Premises:
    return Premises(name="Kebab Corner", status=status, **fields)


def test_changes_requested_says_by_when():
    summary = summarise(premises(ApplicationStatus.CHANGES_REQUESTED, changes_due_on=date(2026, 12, 13)), [], TODAY)
    assert summary.status_words == "Changes requested by 13 December 2026"
    assert "resubmit" in summary.next_step


def test_an_accredited_premises_says_until_when():
    place = premises(ApplicationStatus.MEMBER)
    place.certificates.append(Certificate(id=1, status=CertificateStatus.ACTIVE, issued_on=date(2026, 3, 1),
                                          expires_on=date(2027, 2, 28)))
    assert summarise(place, [], TODAY).status_words == "Accredited until 28 February 2027"


def test_plain_words_for_other_states():
    assert summarise(premises(), [], TODAY).status_words == "Draft"
    assert summarise(premises(ApplicationStatus.SUBMITTED), [], TODAY).status_words.startswith("Submitted")
    assert summarise(premises(ApplicationStatus.MEMBER), [], TODAY).status_words == "Member"
    suspended = premises(ApplicationStatus.MEMBER)
    suspended.certificates.append(Certificate(id=1, status=CertificateStatus.SUSPENDED, issued_on=date(2026, 3, 1),
                                              expires_on=date(2027, 2, 28)))
    assert summarise(suspended, [], TODAY).status_words == "Suspended"


def test_open_actions_are_listed_soonest_first_with_overdue_ones_marked():
    late = Action(description="Put up the poster", due_on=date(2026, 11, 28), status=ActionStatus.OPEN)
    soon = Action(description="Start an incident log", due_on=TODAY, status=ActionStatus.OPEN)
    summary = summarise(premises(ApplicationStatus.MEMBER), [soon, late], TODAY)
    assert [(item.action.description, item.overdue) for item in summary.actions] == [
        ("Put up the poster", True), ("Start an incident log", False)]
