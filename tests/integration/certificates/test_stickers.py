"""Every printed sticker has its own serial; scans are counted per sticker; withdrawn stickers
are asked back; scans of stickers that should not be up are flagged; and the public's
"This sticker looks wrong" reaches the officers."""

import io
import subprocess
import tempfile
from datetime import date, datetime, timedelta, timezone

import pytest
from PIL import Image

from scheme.domain.certificates import lifecycle, printing, sticker_reports, stickers
from scheme.domain.errors import InvalidState
from scheme.enums import PremisesType, StickerReportReason, StickerStatus
from scheme.extensions import db, limiter
from scheme.models import OutboxMessage, ScanCount, Sticker, StickerBatch, StickerReport
from tests.conftest import make_test_app
from tests.integration.certificates.conftest import BASE_URL, issue, make_eligible_premises
from tests.integration.certificates.test_printables import decode_qr
from tests.pages import check_page, get_page, post_page, text_of

TODAY = date.today()


def now() -> datetime:
    return datetime.now(timezone.utc)


def print_one(certificate, actor) -> str:
    return stickers.print_sticker(certificate.id, actor=actor, today=TODAY, now=now()).serial


def counts(certificate) -> dict[str, int]:
    return {row.serial: row.count for row in db.session.scalars(
        db.select(ScanCount).where(ScanCount.certificate_id == certificate.id))}


@pytest.fixture
def certificate(app, business_user):
    return issue(make_eligible_premises(business_user), on=TODAY)


def test_two_prints_give_two_serials_and_the_scans_split_between_them(client, officer, certificate):
    first, second = print_one(certificate, officer), print_one(certificate, officer)
    assert (first, second) == ("1", "2")
    certificate = lifecycle.get_certificate(certificate.id)
    assert decode_qr(printing.sticker_pdf(certificate, BASE_URL, second)) == [
        f"{BASE_URL}/v/{certificate.public_code}/2"]

    for path, times in ((f"{certificate.public_code}/1", 3), (f"{certificate.public_code}/2", 1),
                        (certificate.public_code, 2)):
        for _ in range(times):
            assert get_page(client, f"/v/{path}").h1.get_text(strip=True).startswith("Accredited until")
    assert counts(certificate) == {"1": 3, "2": 1, "": 2}

    batches = db.session.scalars(db.select(StickerBatch).order_by(StickerBatch.id)).all()
    assert [(b.kind, b.sticker_count, b.printed_by_id) for b in batches] == [("single", 1, officer.id)] * 2


def test_the_officer_sees_each_sticker_with_when_it_was_printed_and_last_scanned(officer_client, client, officer,
                                                                                certificate):
    print_one(certificate, officer)
    print_one(certificate, officer)
    client.get(f"/v/{certificate.public_code}/2")
    page = get_page(officer_client, f"/officer/premises/{certificate.premises_id}/certificates")
    rows = [[" ".join(td.get_text().split()) for td in tr.select("td")]
            for tr in page.select(f"#stickers-{certificate.id} tbody tr")]
    assert [row[0].split(" ")[0] for row in rows] == ["2", "1"]
    assert rows[0][3] != "Never" and rows[0][4] == "1"
    assert rows[1][3] == "Never" and rows[1][4] == "0"


def test_a_typed_code_with_an_unknown_serial_shows_the_truth_and_is_flagged(client, officer_client, officer,
                                                                             certificate):
    print_one(certificate, officer)
    page = get_page(client, f"/v/{certificate.public_code}/9")
    assert page.h1.get_text(strip=True).startswith("Accredited until")
    assert "no record of printing sticker 9" in text_of(page)
    assert counts(certificate) == {"9": 1}
    home = get_page(officer_client, "/officer/")
    row = home.select_one("#flagged-scans tbody tr")
    assert f"{certificate.number} sticker 9" in text_of(row) and "copy or a forgery" in text_of(row)


@pytest.mark.parametrize("serial", ["0", "01", "x", "123456", "1/2", "-1"])
def test_a_malformed_serial_gets_the_not_found_page_with_the_routes(client, certificate, routes, serial):
    page = get_page(client, f"/v/{certificate.public_code}/{serial}", status=404)
    assert "We cannot find that certificate" in text_of(page)
    assert page.select_one('a[href="tel:999"]') is not None
    assert counts(certificate) == {}


def test_suspending_asks_for_every_live_sticker_back_and_a_later_scan_is_flagged(
        client, officer_client, business_client, officer, certificate):
    first, second = print_one(certificate, officer), print_one(certificate, officer)
    assert stickers.stickers_to_remove(TODAY) == []
    lifecycle.suspend_certificate(certificate.id, actor=officer, reason="Test visit failed", today=TODAY)

    to_remove = stickers.stickers_to_remove(TODAY)
    assert [(item.serial, item.reason) for item in to_remove] == [
        (first, stickers.RemovalReason.SUSPENDED), (second, stickers.RemovalReason.SUSPENDED)]
    queue = get_page(officer_client, "/officer/stickers/to-take-down")
    assert f"{certificate.number} sticker {first}" in text_of(queue.select_one("#stickers-to-remove"))
    business_home = get_page(business_client, "/business/")
    assert f"sticker {first} of {certificate.number}" in text_of(business_home.select_one("#stickers-to-remove"))
    assert "The certificate is suspended" in text_of(business_home.select_one("#stickers-to-remove"))

    client.get(f"/v/{certificate.public_code}/{first}")
    [flagged] = stickers.flagged_scans(TODAY)
    assert (flagged.serial, flagged.flag, flagged.scans) == (first, stickers.Flag.SHOULD_BE_DOWN, 1)
    home = get_page(officer_client, "/officer/")
    assert f"{certificate.number} sticker {first}" in text_of(home.select_one("#flagged-scans"))


@pytest.mark.parametrize("withdraw", ["revoke", "expire", "renew", "replace"])
def test_revoking_expiry_renewal_and_replacement_ask_for_the_sticker_back(officer, business_user, withdraw):
    today = TODAY
    certificate = issue(make_eligible_premises(business_user), on=today - timedelta(days=340))
    serial = stickers.print_sticker(certificate.id, actor=officer, today=today - timedelta(days=300), now=now()).serial
    expected = withdraw
    if withdraw == "revoke":
        lifecycle.revoke_certificate(certificate.id, actor=officer, reason="Closure order")
        expected = "revoked"
    elif withdraw == "expire":
        today = certificate.expires_on + timedelta(days=1)
        expected = "expired"
    elif withdraw == "renew":
        lifecycle.renew_certificate(certificate.id, actor=officer, today=today, base_url=BASE_URL)
        expected = "renewed"
    else:
        stickers.print_replacement(certificate.id, actor=officer, today=today, now=now())
        expected = "replaced"
    [item] = [item for item in stickers.stickers_to_remove(today) if item.serial == serial]
    assert item.reason == expected


def test_the_business_confirms_taking_a_sticker_down_with_a_photo(business_client, officer_client, officer,
                                                                   certificate):
    serial = print_one(certificate, officer)
    lifecycle.revoke_certificate(certificate.id, actor=officer, reason="Closure order")
    [item] = stickers.stickers_to_remove(TODAY)
    url = f"/business/stickers/{item.sticker_id}/taken-down"
    assert "Take it out of the window" in text_of(get_page(business_client, url))

    photo = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(photo, format="JPEG")
    page = post_page(business_client, url, {"photo": (io.BytesIO(photo.getvalue()), "window.jpg")},
                     content_type="multipart/form-data")
    assert f"sticker {serial} is recorded as taken down" in text_of(page)
    assert stickers.stickers_to_remove(TODAY) == []
    sticker = db.session.get(Sticker, item.sticker_id)
    assert sticker.status == StickerStatus.REMOVED and sticker.removal_photo_type == "image/jpeg"
    response = officer_client.get(f"/officer/stickers/{item.sticker_id}/photo")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    [subject] = _removal_emails(certificate)
    assert subject.startswith(f"Sticker {serial} for ") and subject.endswith("is recorded as taken down")


def _removal_emails(certificate) -> list[str]:
    return [message.subject for message in db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.premises_id == certificate.premises_id, OutboxMessage.template == "sticker_removal_confirmed"))]


def test_a_business_cannot_take_down_a_sticker_that_may_stay_up(business_user, officer, certificate):
    print_one(certificate, officer)
    sticker_id = db.session.scalar(db.select(Sticker.id))
    with pytest.raises(InvalidState):
        stickers.confirm_removed(sticker_id, actor=business_user, now=now(), today=TODAY)


@pytest.mark.parametrize("fate", ["lost", "destroyed", "removed"])
def test_an_officer_records_a_sticker_lost_destroyed_or_seen_down_and_its_later_scans_are_flagged(
        officer_client, client, officer, certificate, fate):
    serial = print_one(certificate, officer)
    sticker_id = db.session.scalar(db.select(Sticker.id))
    page = post_page(officer_client, f"/officer/stickers/{sticker_id}", {"fate": fate})
    assert f"Sticker {serial} of {certificate.number} recorded as" in text_of(page)
    scanned = get_page(client, f"/v/{certificate.public_code}/{serial}")
    assert ("reported " + fate if fate != "removed" else "replaced or taken down") in text_of(scanned)
    [flagged] = stickers.flagged_scans(TODAY)
    assert flagged.flag == fate


def test_an_officer_on_a_visit_closes_the_removal(officer_client, officer, certificate):
    print_one(certificate, officer)
    lifecycle.suspend_certificate(certificate.id, actor=officer, reason="Test visit failed", today=TODAY)
    [item] = stickers.stickers_to_remove(TODAY)
    post_page(officer_client, f"/officer/stickers/{item.sticker_id}", {"fate": "removed"})
    assert stickers.stickers_to_remove(TODAY) == []
    assert len(_removal_emails(certificate)) == 1


def test_the_fate_must_be_chosen(officer_client, officer, certificate):
    print_one(certificate, officer)
    sticker_id = db.session.scalar(db.select(Sticker.id))
    page = post_page(officer_client, f"/officer/stickers/{sticker_id}", {})
    assert "Select what became of the sticker" in text_of(page)


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return " ".join(subprocess.run(["pdftotext", file.name, "-"], capture_output=True, text=True,
                                       check=True).stdout.split())


@pytest.mark.usefixtures("routes")
def test_the_sticker_carries_the_routes_that_fit_its_premises(officer, business_user):
    station = issue(make_eligible_premises(business_user, premises_type=PremisesType.TRANSPORT), on=TODAY)
    takeaway = issue(make_eligible_premises(business_user, premises_type=PremisesType.TAKEAWAY), on=TODAY)
    station_text = pdf_text(printing.sticker_pdf(lifecycle.get_certificate(station.id), BASE_URL, "1"))
    takeaway_text = pdf_text(printing.sticker_pdf(lifecycle.get_certificate(takeaway.id), BASE_URL, "1"))
    for text in (station_text, takeaway_text):
        assert "Call 999" in text and "call 101" in text and "call 0800 555 111" in text
    assert "text 61016" in station_text
    assert "61016" not in takeaway_text


# -- "This sticker looks wrong" --------------------------------------------------------------------

def test_a_report_from_the_public_page_reaches_the_officers_queue_with_its_counts(client, officer_client, officer,
                                                                                    certificate):
    serial = print_one(certificate, officer)
    page = get_page(client, f"/v/{certificate.public_code}/{serial}")
    form = page.select_one("#sticker-looks-wrong form")
    assert form["action"] == f"/v/{certificate.public_code}/{serial}/report"
    assert {i["value"] for i in form.select("input[name=reason]")} == {r.value for r in StickerReportReason}
    assert form.find("textarea") is None and form.select("input[type=text]") == []

    for reason in ("wrong_place", "wrong_place", "damaged_or_altered"):
        response = client.post(form["action"], data={"reason": reason})
        assert response.status_code == 200 and "Set-Cookie" not in response.headers
        assert "an officer will check this sticker" in response.get_data(as_text=True)

    stored = db.session.scalars(db.select(StickerReport)).all()
    assert sorted((r.serial, r.reason, r.day, r.count) for r in stored) == [
        (serial, "damaged_or_altered", TODAY, 1), (serial, "wrong_place", TODAY, 2)]
    queue = get_page(officer_client, "/officer/stickers/reports")
    cells = [td.get_text(strip=True) for td in queue.select("#sticker-reports tbody tr td")]
    assert f"{certificate.number} sticker {serial}" in cells[0]
    assert cells[1:] == ["2", "1", "0", "0", "3"]


def test_a_report_without_an_answer_asks_again(client, certificate):
    response = client.post(f"/v/{certificate.public_code}/report", data={})
    page = text_of(check_page(response.get_data(as_text=True)))
    assert response.status_code == 400 and "Select what looks wrong with the sticker" in page
    assert db.session.scalars(db.select(StickerReport)).all() == []


def test_a_report_of_an_unknown_code_finds_nothing(client, app):
    assert client.post("/v/ZZZZZZZZ/report", data={"reason": "other"}).status_code == 404
    assert client.post("/v/ZZZZZZZZ/x/report", data={"reason": "other"}).status_code == 404


def test_reports_are_kept_per_sticker_reason_and_day_only(certificate):
    sticker_reports.report_sticker(f"{certificate.public_code}/3", StickerReportReason.OTHER, TODAY)
    columns = set(StickerReport.__table__.columns.keys())
    assert columns == {"certificate_id", "serial", "reason", "day", "count"}


@pytest.fixture
def limits_on(app, database_url):
    # The limiter is one object shared by every app in the process: an app made with limits on
    # gives it its storage and turns it on for this test's app too; its switch goes back after.
    was_enabled = limiter.enabled
    make_test_app(database_url, RATELIMIT_ENABLED=True)
    limiter.reset()
    try:
        yield
    finally:
        limiter.enabled = was_enabled
        limiter.reset()


def test_a_thousand_reports_from_one_address_are_rate_limited_and_the_counts_stay_sane(
        client, limits_on, certificate, business_user):
    url = f"/v/{certificate.public_code}/report"
    answers = [client.post(url, data={"reason": "other"}).status_code for _ in range(1000)]
    assert answers[:10] == [200] * 10 and set(answers[10:]) == {429}
    page = client.post(url, data={"reason": "other"})
    assert "Too many attempts" in page.get_data(as_text=True) and "Set-Cookie" not in page.headers
    assert db.session.scalars(db.select(StickerReport.count)).all() == [10]

    # The page itself is not slowed, and another sticker can still be reported from elsewhere.
    assert client.get(f"/v/{certificate.public_code}").status_code == 200
    other = issue(make_eligible_premises(business_user), on=TODAY)
    response = client.post(f"/v/{other.public_code}/report", data={"reason": "wrong_place"},
                           environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 200


def test_reports_are_limited_per_certificate_whoever_sends_them(client, limits_on, certificate):
    url = f"/v/{certificate.public_code}/report"
    answers = [client.post(url, data={"reason": "other"}, environ_base={"REMOTE_ADDR": f"192.0.2.{n}"}).status_code
               for n in range(1, 13)]
    assert answers == [200] * 10 + [429] * 2
