"""Businesses download their own certificate; admins manage the reporting routes."""

from datetime import date

from scheme.domain import reporting_routes
from scheme.domain.certificates import lifecycle
from scheme.enums import PremisesType, Role
from scheme.extensions import db
from scheme.models import AuditLogEntry, ReportingRoute
from tests import factories
from tests.integration.certificates.conftest import issue, make_eligible_premises
from tests.pages import get_page, post_page, text_of


def test_a_business_downloads_its_own_sticker_and_certificate(business_client, business_user):
    premises = make_eligible_premises(business_user, on=date.today())
    certificate = issue(premises, on=date.today())
    page = get_page(business_client, f"/business/premises/{premises.id}/certificate")
    assert f"Certificate {certificate.number} is valid until" in text_of(page)
    response = business_client.get(f"/business/premises/{premises.id}/certificate/certificate.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    # A sticker is printed by posting: each print is a sticker with its own serial.
    response = business_client.post(f"/business/premises/{premises.id}/certificate/sticker.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert f"{certificate.number}-sticker-1.pdf" in response.headers["Content-Disposition"]


def test_the_business_home_page_offers_the_downloads_and_says_when_suspended(business_client, business_user):
    premises = make_eligible_premises(business_user, on=date.today(), trading_name="Castle Cabs")
    certificate = issue(premises, on=date.today())
    page = get_page(business_client, "/business/")
    links = {a["href"] for a in page.select(".govuk-summary-card a")}
    forms = {form["action"] for form in page.select(".govuk-summary-card form")}
    assert f"/business/premises/{premises.id}/certificate/sticker.pdf" in forms
    assert f"/business/premises/{premises.id}/certificate/certificate.pdf" in links
    # The page with the website badge is reached from here, or not at all.
    assert f"/business/premises/{premises.id}/certificate" in links

    lifecycle.suspend_certificate(certificate.id, actor=factories.make_user(Role.OFFICER),
                                     reason="Staff training has lapsed.", today=date.today())
    page = get_page(business_client, "/business/")
    assert f"Certificate {certificate.number} is suspended: Staff training has lapsed." in text_of(page)
    assert not any(form["action"].endswith("sticker.pdf") for form in page.select(".govuk-summary-card form"))
    assert not any(a["href"].endswith("/certificate") for a in page.select(".govuk-summary-card a"))


def test_a_business_cannot_download_another_premises_certificate(business_client, app):
    other = make_eligible_premises(factories.make_user(), on=date.today())
    issue(other, on=date.today())
    assert business_client.post(f"/business/premises/{other.id}/certificate/sticker.pdf").status_code == 403


def test_no_download_without_a_valid_certificate(business_client, business_user):
    premises = make_eligible_premises(business_user, on=date.today())
    page = get_page(business_client, f"/business/premises/{premises.id}/certificate")
    assert "does not hold a certificate yet" in text_of(page)
    assert business_client.post(f"/business/premises/{premises.id}/certificate/sticker.pdf").status_code == 404


def test_an_admin_adds_changes_and_reorders_routes(admin_client, admin):
    page = post_page(admin_client, "/admin/reporting-routes/new", {"label": "", "kind": "phone", "value": "abc"})
    assert "Enter the name" in text_of(page) and "Enter a phone number using digits" in text_of(page)

    post_page(admin_client, "/admin/reporting-routes/new", {
        "label": "British Transport Police", "kind": "text", "value": "61016", "what_to_say": "Mention Operation Henderson",
        "premises_types": ["transport"], "active": "y"})
    post_page(admin_client, "/admin/reporting-routes/new", {
        "label": "Police", "kind": "phone", "value": "101", "active": "y"})
    routes = reporting_routes.all_routes()
    assert [r.label for r in routes] == ["British Transport Police", "Police"]
    assert routes[0].premises_types == [PremisesType.TRANSPORT.value]

    post_page(admin_client, f"/admin/reporting-routes/{routes[1].id}/move", {"direction": "up"})
    assert [r.label for r in reporting_routes.all_routes()] == ["Police", "British Transport Police"]

    page = get_page(admin_client, f"/admin/reporting-routes/{routes[1].id}")
    assert page.select_one("#value")["value"] == "101"
    post_page(admin_client, f"/admin/reporting-routes/{routes[1].id}",
              {"label": "Essex Police", "kind": "phone", "value": "101", "what_to_say": "Quote Spot It Stop It"})
    route = db.session.get(ReportingRoute, routes[1].id)
    assert route.label == "Essex Police" and route.active is False
    actions = db.session.scalars(db.select(AuditLogEntry.action).where(AuditLogEntry.action.like("reporting_route.%")).order_by(AuditLogEntry.id)).all()
    assert actions == ["reporting_route.added", "reporting_route.added", "reporting_route.moved", "reporting_route.changed"]
    page = get_page(admin_client, "/admin/reporting-routes")
    assert "Not shown" in text_of(page)


def test_a_web_route_must_be_https(admin_client):
    page = post_page(admin_client, "/admin/reporting-routes/new", {"label": "Report online", "kind": "web",
                                                                   "value": "http://example.org"})
    assert "Enter a web address that starts with https://" in text_of(page)
