from collections import Counter
from datetime import date

import sqlalchemy as sa

from scheme.domain.certificates.state import CertificateState, certificate_state
from scheme.domain.premises.search import all_statuses
from scheme.domain.premises.status import PremisesStatus
from scheme.domain.premises.readiness import refresh_everything
from scheme.domain.premises.work_queues import queue_named, status_counts, work_queues
from scheme.domain.training import kept_trained_staff_figures, non_compliant_premises, trained_staff_figures
from scheme.domain.training.records import pending_approvals
from scheme.enums import ActionStatus, AssessmentKind, PremisesType
from scheme.extensions import db
from scheme.models import Action, Assessment, Certificate, Premises, ScanCount, StaffMember, TrainingRecord
from tests import factories


def _generate(runner, count: int, *extra: str) -> str:
    result = runner.invoke(args=["generate-load-data", "--premises", str(count), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_load_data_reaches_every_state(runner):
    output = _generate(runner, 300)
    today = date.today()

    assert "Added 300 premises" in output
    assert _count(Premises) == 300
    statuses = all_statuses(today)
    assert set(statuses.values()) == set(PremisesStatus)
    # The status's SQL twin, which the officer pages count and filter by, agrees with the rule.
    assert status_counts(today) == Counter(statuses.values())
    certificates = db.session.scalars(sa.select(Certificate)).all()
    assert {certificate_state(certificate, today) for certificate in certificates} == set(CertificateState)
    assert set(db.session.scalars(sa.select(Premises.premises_type))) == set(PremisesType)
    assert all(queue.items for queue in work_queues(today)), [q.key for q in work_queues(today) if not q.items]
    assert set(db.session.scalars(sa.select(Assessment.kind))) == set(AssessmentKind)
    assert set(db.session.scalars(sa.select(Action.status))) == set(ActionStatus)
    assert pending_approvals()
    staff_per_premises = set(db.session.scalars(
        sa.select(sa.func.count()).select_from(StaffMember).group_by(StaffMember.premises_id)))
    assert staff_per_premises == {10}
    assert _count(TrainingRecord) > 2000
    assert db.session.scalar(sa.select(sa.func.sum(ScanCount.count))) > 0


def test_load_data_keeps_readiness_as_the_service_would(runner):
    _generate(runner, 150)
    today = date.today()
    kept = sa.select(Premises.id, Premises.ready_until, Premises.suspended_from, Premises.trained_until) \
        .order_by(Premises.id)
    kept_staff = sa.select(StaffMember.id, StaffMember.training_held, StaffMember.training_held_until) \
        .order_by(StaffMember.id)
    generated = db.session.execute(kept).all()
    generated_staff = db.session.execute(kept_staff).all()
    assert any(row.ready_until for row in generated) and any(row.trained_until for row in generated)
    assert any(row.suspended_from and row.suspended_from <= today for row in generated)
    # Worked out again through the service's own refresh, from the rows as saved: the same.
    refresh_everything(today)
    assert db.session.execute(kept).all() == generated
    assert db.session.execute(kept_staff).all() == generated_staff
    assert kept_trained_staff_figures(today) == trained_staff_figures(today)
    # The training queue, on what is kept, names the premises the rule's SQL twin finds.
    queue = queue_named("training", today, page=1)
    assert queue.count == len(non_compliant_premises(today)) > 0
    assert {item.premises_id for item in queue.items} <= {item.premises_id for item in non_compliant_premises(today)}


def test_load_data_adds_to_what_is_there_and_the_app_carries_on(runner):
    _generate(runner, 20)
    _generate(runner, 20, "--seed", "7")
    assert _count(Premises) == 40
    # The database hands out the next ids after the generated rows (PostgreSQL's sequences).
    made = factories.make_premises(name="Made after the load")
    assert made.id > max(db.session.scalars(sa.select(Premises.id).where(Premises.name != "Made after the load")))
    numbers = db.session.scalars(sa.select(Certificate.number)).all()
    assert len(numbers) == len(set(numbers))


def test_a_generated_certificate_prints_a_qr_that_decodes_to_its_address(runner, app):
    from scheme.domain.certificates import printing
    from tests.integration.certificates.test_printables import decode_qr

    _generate(runner, 10)
    certificate = db.session.scalars(
        sa.select(Certificate).options(sa.orm.joinedload(Certificate.premises)).limit(1)).one()
    assert certificate.qr_svg == ""  # generated in bulk: no QR stored
    base_url = app.config["SCHEME_BASE_URL"]
    assert decode_qr(printing.certificate_pdf(certificate, base_url)) == [f"{base_url}/v/{certificate.public_code}"]
