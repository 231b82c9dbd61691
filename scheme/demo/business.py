"""The business side of the demo: self-assessments behind every submitted application, an
account that manages a chain of premises, and a brand-new account with nothing yet."""

from datetime import date

from scheme.enums import Answer, ApplicationStatus, AssessmentKind, Role
from scheme.extensions import db
from scheme.models import (
    Assessment,
    AssessmentAnswer,
    Pledge,
    Premises,
    PremisesMember,
    User,
)
from scheme.models.base import utcnow

CHAIN_EMAIL = "chain.manager@example.com"
CHAIN_PREMISES = ["Galleys Grill", "Pizza Express Freeport", "Fry Days Fish Bar"]
NEW_EMAIL = "new.business@example.com"

NOT_YET_NOTES = {
    "S4": "We write concerns on the back of the rota; a proper log book is on order.",
    "S5": "The camera over the back door is broken; an engineer is booked.",
}


def _self_assessment(premises: Premises, pledge: Pledge, index: int) -> None:
    assessment = Assessment(premises_id=premises.id, kind=AssessmentKind.SELF,
                            standards_version_id=pledge.standards_version_id,
                            completed_at=pledge.pledged_at)
    for standard in pledge.standards_version.standards:
        if not standard.applies_to(premises.premises_type.value):
            continue
        not_yet = standard.code in NOT_YET_NOTES and index % 3 == 0
        assessment.answers.append(AssessmentAnswer(
            standard_id=standard.id,
            answer=Answer.NOT_MET if not_yet else Answer.MET,
            note=NOT_YET_NOTES[standard.code] if not_yet else "",
            updated_at=pledge.pledged_at,
        ))
    db.session.add(assessment)


def _user(email: str, name: str, password_hash: str | None, confirmed: bool) -> User:
    from scheme.demo import DEMO_PASSWORD
    from scheme.domain.accounts.passwords import hash_password

    user = db.session.scalar(db.select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, role=Role.BUSINESS,
                    password_hash=password_hash or hash_password(DEMO_PASSWORD),
                    email_confirmed_at=utcnow() if confirmed else None)
        db.session.add(user)
        db.session.flush()
    return user


def load(today: date) -> list[str]:
    submitted = db.session.scalars(db.select(Premises).where(Premises.status != ApplicationStatus.DRAFT)
                                   .order_by(Premises.id)).all()
    for index, premises in enumerate(submitted):
        pledge = db.session.scalar(db.select(Pledge).where(Pledge.premises_id == premises.id)
                                   .order_by(Pledge.id.desc()).limit(1))
        has_assessment = db.session.scalar(db.select(Assessment.id).where(
            Assessment.premises_id == premises.id, Assessment.kind == AssessmentKind.SELF).limit(1))
        if pledge is not None and has_assessment is None:
            _self_assessment(premises, pledge, index)

    chain = _user(CHAIN_EMAIL, "Hassan Okafor", None, confirmed=True)
    for name in CHAIN_PREMISES:
        premises = db.session.scalar(db.select(Premises).where(Premises.name == name))
        if premises is not None and db.session.get(PremisesMember, (premises.id, chain.id)) is None:
            db.session.add(PremisesMember(premises_id=premises.id, user_id=chain.id))
    _user(NEW_EMAIL, "Rosa Martin", chain.password_hash, confirmed=False)
    db.session.flush()

    return [
        "More business sign-ins (same password):",
        f"  {'chain of 3':<18} {CHAIN_EMAIL} (a member, a changes-requested and a draft premises)",
        f"  {'new, unconfirmed':<18} {NEW_EMAIL} (no premises yet; email not confirmed)",
    ]
