"""Directory, API, bulk files, badge and the public page say the same of every premises."""

import csv
import io
import json
from datetime import timedelta

from bs4 import BeautifulSoup

from tests.integration.register.conftest import UNKNOWN_CODE
from tests.pages import get_page, text_of


def _listed_in_directory(client) -> set[str]:
    soup = get_page(client, "/premises")
    return {" ".join(h.get_text().split()) for h in soup.select(".app-register h2")}


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))))


def _listed(client) -> dict[str, set[str]]:
    """The names each list of the register holds."""
    return {
        "directory": _listed_in_directory(client),
        "api list": {item["name"] for item in client.get("/api/v1/premises?limit=100").get_json()["data"]},
        "bulk json": {item["name"] for item in json.loads(client.get("/api/v1/bulk/premises.json").data)["data"]},
        "bulk csv": {row["name"] for row in _csv_rows(client.get("/api/v1/bulk/premises.csv").get_data(as_text=True))},
    }


def _what_each_surface_says(client, case) -> dict[str, str]:
    """The status each surface gives a certificate's code: `/v/`, the badge, the API's verify."""
    code = case.certificate.public_code if case.certificate is not None else UNKNOWN_CODE
    page = client.get(f"/v/{code}")
    badge = client.get(f"/badge/{code}.svg")
    verified = client.get(f"/api/v1/verify/{code}").get_json()["data"]

    def said(response, element: str) -> str:
        if response.status_code == 404:
            return "unknown"
        assert response.status_code == 200
        # What the page's heading, or the badge's text alternative, says.
        text = " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").find(element).get_text().split())
        for status, words in (("accredited", "Accredited until"), ("suspended_pending_checks", "suspended pending checks"),
                              ("superseded", "replaced"), ("suspended", "suspended"), ("revoked", "revoked"),
                              ("expired", "expired")):
            if words in text:
                return status
        raise AssertionError(text)

    return {"public page": said(page, "h1"), "badge": said(badge, "title"), "api verify": verified["status"]}


def test_every_surface_agrees_on_every_state(client, every_state):
    listed = _listed(client)
    for key, case in every_state.items():
        assert set(_what_each_surface_says(client, case).values()) == {case.status}, key
        if case.premises is None:
            continue
        name = case.premises.name
        for surface, names in listed.items():
            assert (name in names) == case.listed, f"{key}: {surface}"
        one = client.get(f"/api/v1/premises/{case.premises.public_id}")
        if case.certificate is None:
            assert one.status_code == 404, key
        else:
            # One premises: its current certificate's status, accredited exactly when listed.
            assert (one.get_json()["data"]["status"] == "accredited") == case.listed, key
    assert {item["status"] for item in client.get("/api/v1/premises?limit=100").get_json()["data"]} == {"accredited"}


def test_the_surfaces_follow_the_days_with_no_write(app, client, every_state, register_today):
    """An at-risk premises whose grace period ends leaves every list and says so everywhere,
    with nothing written: the days alone move it, and the ETags and bulk files follow."""
    case = every_state["at_risk"]
    before = client.get("/api/v1/premises?limit=100")
    bulk_before = client.get("/api/v1/bulk/premises.csv").get_data(as_text=True)
    assert case.premises.name in bulk_before
    app.config["SCHEME_TODAY"] = register_today + timedelta(days=14)
    assert set(_what_each_surface_says(client, case).values()) == {"suspended_pending_checks"}
    for surface, names in _listed(client).items():
        assert case.premises.name not in names, surface
    again = client.get("/api/v1/premises?limit=100", headers={"If-None-Match": before.headers["ETag"]})
    assert again.status_code == 200
    one = client.get(f"/api/v1/premises/{case.premises.public_id}").get_json()["data"]
    assert one["status"] == "suspended_pending_checks" and one["accredited_until"] is None
    # The suspension beginning is a change of the register, as an expiry is.
    changed = client.get("/api/v1/premises").get_json()["register_last_changed"]
    assert changed == f"{(register_today + timedelta(days=14)).isoformat()}T00:00:00Z"


def test_the_bulk_files_per_area_hold_that_areas_listed_premises(client, every_state):
    for kind in ("csv", "json"):
        text = client.get(f"/api/v1/bulk/premises.{kind}?area=Witham").get_data(as_text=True)
        assert "Accredited Arms" in text and "Home Cabs" not in text, kind


def test_the_directory_searches_ignoring_spaces_and_case_and_says_when_it_changed(client, every_state):
    soup = get_page(client, "/premises?q=cm8+2ab")
    assert {" ".join(h.get_text().split()) for h in soup.select(".app-register h2")} == {"Accredited Arms"}
    assert "The register last changed" in text_of(soup)
    for page in ("99", "0", "-1", "abc", "99999999999999999999", "%FF"):
        assert client.get(f"/premises?page={page}").status_code == 404, page


def test_the_badge_is_an_accessible_svg_that_changes_with_the_status(client, every_state):
    response = client.get(f"/badge/{every_state['revoked'].certificate.public_code}.svg")
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert 'role="img"' in svg and "<title" in svg and "NOT accredited: revoked" in svg
    assert client.get("/badge/ZZZZZZZZ.svg").status_code == 404
    assert "Set-Cookie" not in response.headers


def test_the_certificate_page_gives_the_badge_snippet(app, every_state):
    from tests import factories

    case = every_state["accredited"]
    owner = factories.make_user()
    from scheme.models import PremisesMember
    from scheme.extensions import db

    db.session.add(PremisesMember(user_id=owner.id, premises_id=case.premises.id))
    db.session.commit()
    soup = get_page(app.test_client(user=owner), f"/business/premises/{case.premises.id}/certificate")
    snippet = soup.select_one("#badge-snippet").get_text()
    code = case.certificate.public_code
    assert f'src="http://scheme.test/badge/{code}.svg"' in snippet and f'href="http://scheme.test/v/{code}"' in snippet


def test_a_home_shows_its_outward_postcode_only_on_every_surface(client, every_state):
    case = every_state["accredited_home_based"]
    code = case.certificate.public_code
    surfaces = {
        "directory": get_page(client, "/premises").get_text(),
        "api list": client.get("/api/v1/premises").get_data(as_text=True),
        "api one": client.get(f"/api/v1/premises/{case.premises.public_id}").get_data(as_text=True),
        "verify": client.get(f"/api/v1/verify/{code}").get_data(as_text=True),
        "bulk json": client.get("/api/v1/bulk/premises.json").get_data(as_text=True),
        "bulk csv": client.get("/api/v1/bulk/premises.csv").get_data(as_text=True),
        "badge": client.get(f"/badge/{code}.svg").get_data(as_text=True),
        "public page": client.get(f"/v/{code}").get_data(as_text=True),
    }
    for surface, text in surfaces.items():
        assert "Home Cabs" in text, surface
        assert "Quiet Close" not in text and "9ZZ" not in text, surface
    one = client.get(f"/api/v1/premises/{case.premises.public_id}").get_json()["data"]
    assert one["address"] == "CM7" and one["postcode"] == "CM7" and one["outward_postcode"] == "CM7"
    # Nor can a search by what is withheld find it.
    for q in ("cm79zz", "Quiet", "Braintree"):
        names = {item["name"] for item in client.get(f"/api/v1/premises?q={q}").get_json()["data"]}
        assert "Home Cabs" not in names, q
    assert "Home Cabs" in {item["name"] for item in client.get("/api/v1/premises?q=cm7").get_json()["data"]}


def test_the_figures_page_shows_the_same_numbers_as_the_api_statistics(officer_client, client, every_state):
    stats = client.get("/api/v1/statistics").get_json()["data"]
    soup = get_page(officer_client, "/officer/figures")
    assert soup.select_one("#now-accredited").get_text(strip=True) == str(stats["premises_accredited"]["total"])
    trained = stats["staff_trained"]
    assert text_of(soup.select_one("#now-staff-trained")).startswith(f"{trained['trained']} of {trained['active']}")
    visits = stats["test_visits"]
    assert text_of(soup.select_one("#now-test-visits")).startswith(f"{visits['passed']} of {visits['visits']}")
    listed = client.get("/api/v1/premises?limit=100").get_json()["data"]
    # Accredited: the premises the register lists, by the same rule (the renewed premises once).
    assert stats["premises_accredited"]["total"] == len(listed) == 5
    by_type = {row["type"]: row["count"] for row in stats["premises_accredited"]["by_type"]}
    assert by_type == {t: sum(1 for item in listed if item["type"] == t) for t in {i["type"] for i in listed}}
    by_state = {row["state"]: row["count"] for row in stats["premises_by_state"]}
    assert by_state == {"accredited": 5, "suspended_pending_checks": 1, "suspended": 1, "expired": 1, "revoked": 1}
    assert soup.select_one("#now-pending-checks").get_text(strip=True) == "1"
    assert soup.select_one("#now-withdrawn").get_text(strip=True) == "3"
    rows = list(csv.DictReader(io.StringIO(officer_client.get("/officer/figures.csv").get_data(as_text=True))))
    this_month = [row for row in rows if row["area"] == "all" and row["premises_type"] == "all"][-1]
    for state, count in by_state.items():
        column = "premises_lapsed" if state == "expired" else f"premises_{state}"  # the officers' word
        assert this_month[column] == str(count), state
    month_table = soup.select("table")[-1]
    headings = [" ".join(th.get_text().split()) for th in month_table.select("thead th")]
    this_month_cells = [" ".join(td.get_text().split()) for td in month_table.select("tbody tr")[0].select("th, td")]
    assert this_month_cells[headings.index("Suspended pending checks")] == "1"
    assert this_month_cells[headings.index("Accredited")] == "5"
