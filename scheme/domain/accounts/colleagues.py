"""Colleagues who co-manage a premises: invited by a signed email link, accepted by the
person the link was sent to."""

from dataclasses import dataclass

from scheme.domain import audit_log
from scheme.domain.access import is_member, premises_for, require_business
from scheme.domain.accounts import tokens
from scheme.domain.accounts.tokens import LinkInvalid
from scheme.domain.accounts.users import normalise_email
from scheme.domain.errors import NotAllowed
from scheme.domain.links import external_url
from scheme.domain.mail import queue_email
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import Premises, PremisesMember, User


@service
def invite_colleague(user: User, premises_id: int, email: str) -> None:
    require_business(user, "Only the business that manages a premises can invite colleagues")
    premises = premises_for(user, premises_id)
    email = normalise_email(email)
    token = tokens.signer().make(tokens.INVITE, {"p": premises.id, "e": email, "by": user.id})
    queue_email(email, "invite_colleague", inviter=user, premises=premises,
                link=external_url("business.view_invitation", token=token))
    audit_log.record(user, "premises.colleague_invited", premises_id=premises.id, subject=f"premises:{premises.id}",
                 details=email)


@dataclass(frozen=True)
class Invitation:
    premises: Premises
    email: str
    inviter: User | None


def read_invitation(token: str) -> Invitation:
    payload = tokens.signer().read(tokens.INVITE, token)
    premises = db.session.get(Premises, payload["p"]) if isinstance(payload.get("p"), int) else None
    if premises is None or not isinstance(payload.get("e"), str):
        raise LinkInvalid("This invitation is not valid")
    inviter = db.session.get(User, payload["by"]) if isinstance(payload.get("by"), int) else None
    return Invitation(premises=premises, email=payload["e"], inviter=inviter)


@service
def accept_invitation(user: User, token: str) -> Premises:
    invitation = read_invitation(token)
    require_business(user, "Only business accounts can manage premises")
    # Whoever holds the link is not enough: it must reach the person it was sent to.
    if normalise_email(user.email) != invitation.email:
        raise NotAllowed(f"This invitation was sent to {invitation.email}. Sign in with that email address to accept it")
    premises = invitation.premises
    if not is_member(user, premises.id):
        db.session.add(PremisesMember(premises_id=premises.id, user_id=user.id))
        audit_log.record(user, "premises.colleague_joined", premises_id=premises.id, subject=f"premises:{premises.id}")
    return premises
