"""The member premises' history since they joined: audit visits, test visits, actions and
certificates, replayed in date order through the officers' and businesses' services, so
that each certificate is issued only where the rules allowed it on that day.

Each member's staff training (scheme/demo/training.py) is recorded before this replay, with
its real completion dates, so eligibility on a past day sees the training held then.
"""

from dataclasses import dataclass
from datetime import timedelta

from scheme.demo import certificates, officer
from scheme.demo.context import DemoContext
from scheme.domain import clock
from scheme.domain.premises import readiness
from scheme.extensions import db

AUDIT, VISIT_IN_PROGRESS, TEST_VISIT = "audit", "visit in progress", "test visit"
ACTIONS_DONE, ACTIONS_CLOSED = "actions done", "actions closed"
ISSUE, RENEW, SUSPEND, REVOKE = "issue", "renew", "suspend", "revoke"
HOLD = "hold as ready"


@dataclass(frozen=True)
class Member:
    # days ago each required online course was completed: 12 months later it lapses
    online_days_ago: int
    # the scheme briefing the staff went to: the first session (15 months ago) or the latest
    briefing: str = "first"
    # (days ago, what happened, standards not met at an audit)
    events: tuple[tuple, ...] = ()


MEMBERS = {
    # An audit over a year ago: its next visit is overdue.
    "Galleys Corner Travel Lodge": Member(90, events=((380, AUDIT, ()), (90, ISSUE))),
    # CCTV not met: passed with an action, which the business says it has done.
    "The Horn Hotel": Member(160, events=((200, AUDIT, ("S5",)), (150, ISSUE), (140, ACTIONS_DONE))),
    # Renewed in the renewal window, then failed its next audit (incident log): visit again soon.
    "Freeport Inn": Member(350, events=((347, AUDIT, ()), (340, ISSUE), (20, RENEW), (10, AUDIT, ("S4",)))),
    # Failed a re-audit on its incident log; the action is overdue: at risk, days left to put it right.
    "Golden Dragon Takeaway": Member(200, events=((340, AUDIT, ()), (60, ISSUE), (38, AUDIT, ("S4",)))),
    # An action from last week's audit, open and not yet due. Its online courses lapsed two
    # weeks ago, and an officer holds it as ready while the refresher it has booked takes place.
    "A120 Cars": Member(380, events=((130, AUDIT, ()), (120, ISSUE), (10, AUDIT, ("S5",)),
                                     (3, HOLD, "Refresher course booked for the whole team", 14))),
    # An officer is part-way through today's audit.
    "The Swan": Member(50, "latest", events=((37, AUDIT, ()), (30, ISSUE), (0, VISIT_IN_PROGRESS))),
    # Its incident-log action has been overdue for over two weeks: suspended pending checks.
    "Braintree Station": Member(55, "latest", events=((52, AUDIT, ()), (45, ISSUE), (44, AUDIT, ("S4",)))),
    # Its staff's online courses lapsed last week: at risk, with days left before it stops counting.
    "Galleys Corner Services Shop": Member(372, events=((207, AUDIT, ()), (200, ISSUE))),
    # Expires within the month: in the officers' queue, and open for renewal.
    "The Orange Tree": Member(352, events=((352, AUDIT, ()), (345, ISSUE))),
    # A police test visit found staff did not challenge; the officer suspended the certificate.
    "Fountain Bar": Member(395, events=((207, AUDIT, ()), (200, ISSUE), (12, TEST_VISIT, (False, False, True)),
                                        (10, SUSPEND))),
    "Costcutter Rayne Road": Member(260, events=((257, AUDIT, ()), (250, ISSUE), (5, REVOKE))),
    # Issued over a year ago and never renewed: lapsed.
    "Bocking Wines": Member(410, events=((407, AUDIT, ()), (400, ISSUE))),
    # Members without a certificate: eligible (its action put right and closed) and not yet
    # issued; a failed test visit whose retraining the business says it has done; a failed
    # audit, its action and its next visit both overdue; and new members.
    "Galleys Grill": Member(120, events=((90, AUDIT, ("S5",)), (70, ACTIONS_DONE), (65, ACTIONS_CLOSED))),
    "Braintree Station Taxis": Member(300, events=((12, TEST_VISIT, (True, False, False)), (2, ACTIONS_DONE))),
    "Quest Laser Arena": Member(300, events=((100, AUDIT, ("S4",)),)),
    # A home-based sole trader: its sticker and public page show only its outward postcode.
    "Dunn's Private Hire": Member(80, events=((75, AUDIT, ()), (70, ISSUE))),
    "Braintree Freeport Station": Member(40, "latest"),
    "Galleys Corner Leisure Centre": Member(395),
}
NEW_MEMBER_DAYS_AGO = 45


def joined_days_ago(name: str) -> int:
    """When a member applied: a month before anything happened to it."""
    events = MEMBERS[name].events
    return max((event[0] for event in events), default=NEW_MEMBER_DAYS_AGO) + 30


def load(demo: DemoContext) -> list[str]:
    for name, member in MEMBERS.items():
        if name not in demo.added:
            continue
        premises_id, owner = demo.added[name]
        for days_ago, what, *details in sorted(member.events, key=lambda event: -event[0]):
            # Readiness as the service worked it out on the day: the grace of an at-risk
            # premises counts from when it was learned.
            with clock.on(demo.day(days_ago)):
                _happen(demo, premises_id, owner, days_ago, what, *details)
                readiness.refresh_noted(db.session)
    return []


def _happen(demo: DemoContext, premises_id: int, owner, days_ago: int, what: str, *details) -> None:
    day = demo.day(days_ago)
    if what == AUDIT:
        officer.audit(demo, premises_id, day, not_met=details[0])
    elif what == VISIT_IN_PROGRESS:
        officer.audit(demo, premises_id, day, not_met=(), finish=False)
    elif what == TEST_VISIT:
        officer.test_visit(demo, premises_id, day, done=details[0])
    elif what == ACTIONS_DONE:
        officer.mark_actions_done(owner, premises_id)
    elif what == ACTIONS_CLOSED:
        officer.close_actions(demo, premises_id)
    elif what == ISSUE:
        certificates.issue(demo, premises_id, day)
    elif what == RENEW:
        certificates.renew(demo, premises_id, day)
    elif what == SUSPEND:
        certificates.suspend(demo, premises_id, day)
    elif what == REVOKE:
        certificates.revoke(demo, premises_id)
    elif what == HOLD:
        reason, days = details
        readiness.hold_as_ready(demo.officer, premises_id, reason=reason, today=day, until=day + timedelta(days=days))
    else:
        raise ValueError(f"unknown demo event {what!r}")
