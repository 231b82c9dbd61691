"""What state a certificate is in on a given day: derived from what officers did and the
expiry date, never stored twice. Each rule has its SQL twin beside it for pages that filter."""

import enum
from datetime import date

import sqlalchemy as sa

from scheme.enums import CertificateStatus
from scheme.models import Certificate


class CertificateState(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


def certificate_state(certificate: Certificate, today: date) -> CertificateState:
    if certificate.status == CertificateStatus.REVOKED:
        return CertificateState.REVOKED
    if certificate.status == CertificateStatus.SUPERSEDED:
        return CertificateState.SUPERSEDED
    if certificate.status == CertificateStatus.SUSPENDED:
        return CertificateState.SUSPENDED
    if today > certificate.expires_on:
        return CertificateState.EXPIRED
    return CertificateState.VALID


def valid_clause(certificates, today: date | sa.BindParameter) -> sa.ColumnElement[bool]:
    """certificate_state(...) == VALID, as SQL. `certificates` is the Certificate model or a
    certificate table's columns (`table.c`)."""
    return sa.and_(certificates.status == CertificateStatus.ACTIVE.value, certificates.expires_on >= today)


def current_certificate(certificates: list[Certificate]) -> Certificate | None:
    """The premises' latest certificate that has not been replaced by a newer one."""
    live = [c for c in certificates if c.status != CertificateStatus.SUPERSEDED]
    return max(live, key=lambda c: c.id, default=None)


def current_certificate_ids() -> sa.Select:
    """current_certificate, as SQL: the id of each premises' current certificate."""
    return (sa.select(sa.func.max(Certificate.id))
            .where(Certificate.status != CertificateStatus.SUPERSEDED)
            .group_by(Certificate.premises_id))


def current_certificate_by_premises() -> sa.Subquery:
    """current_certificate_ids with the premises of each: (premises_id, id) rows, to join every
    premises to its current certificate at once (PostgreSQL groups the certificates once
    instead of looking each premises' up)."""
    return (sa.select(Certificate.premises_id, sa.func.max(Certificate.id).label("id"))
            .where(Certificate.status != CertificateStatus.SUPERSEDED)
            .group_by(Certificate.premises_id).subquery("current_certificate_ids"))


def current_certificate_of(premises_id, certificates=Certificate.__table__) -> sa.Select:
    """current_certificate for one premises, as SQL: a query of that premises' current
    certificate, whose columns the caller picks (`.with_only_columns`). `premises_id` may be a
    column of an outer query; `certificates` a table or an alias of it. One index lookup,
    where current_certificate_ids suits many premises at once."""
    c = certificates.c
    return (sa.select(certificates)
            .where(c.premises_id == premises_id, c.status != CertificateStatus.SUPERSEDED.value)
            .order_by(c.id.desc()).limit(1))


def is_current_certificate(current, premises_id) -> sa.ColumnElement[bool]:
    """current_certificate, as a join condition: `current` (an alias of Certificate) is the
    current certificate of `premises_id`. Where current_certificate_of is a lookup the database
    repeats for every premises, this leaves it free to join every premises at once (a hash
    anti-join on PostgreSQL), which is what a pass over the whole scheme needs."""
    later = sa.orm.aliased(Certificate, name="later_certificate")
    return sa.and_(
        current.premises_id == premises_id, current.status != CertificateStatus.SUPERSEDED.value,
        ~sa.exists().where(later.premises_id == current.premises_id,
                           later.status != CertificateStatus.SUPERSEDED.value, later.id > current.id),
    )
