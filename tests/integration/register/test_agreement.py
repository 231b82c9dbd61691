"""Directory, API, bulk files, badge and the public page say the same of every premises."""

import csv
import io
import json

from tests.pages import get_page, text_of


def _listed_in_directory(client) -> set[str]:
    soup = get_page(client, "/premises")
    return {" ".join(h.get_text().split()) for h in soup.select(".app-register h2")}


def test_every_surface_agrees_on_every_state(client, every_state):
    directory = _listed_in_directory(client)
    api = {item["name"]: item for item in client.get("/api/v1/premises?limit=100").get_json()["data"]}
    bulk_json = {item["name"] for item in json.loads(client.get("/api/v1/bulk/premises.json").data)["data"]}
    lines = client.get("/api/v1/bulk/premises.csv").get_data(as_text=True).splitlines()
    bulk_csv = {row["name"] for row in csv.DictReader(io.StringIO("\n".join(l for l in lines if not l.startswith("#"))))}

    for key, case in every_state.items():
        if case.certificate is None:
            assert case.premises.name not in directory | set(api) | bulk_json | bulk_csv
            continue
        code = case.certificate.public_code
        verified = client.get(f"/api/v1/verify/{code}").get_json()["data"]["status"]
        page = client.get(f"/v/{code}").get_data(as_text=True)
        badge = client.get(f"/badge/{code}.svg").get_data(as_text=True)
        one = client.get(f"/api/v1/premises/{case.premises.public_id}").get_json()["data"]
        assert verified == case.status, key
        assert ("Accredited until" in page) == (verified == "accredited"), key
        assert ("Accredited until" in badge) == (verified == "accredited"), key
        # The premises is listed wherever its current certificate is valid, and nowhere else.
        premises_accredited = one["status"] == "accredited"
        for surface, names in (("directory", directory), ("api", set(api)), ("bulk json", bulk_json),
                               ("bulk csv", bulk_csv)):
            assert (case.premises.name in names) == premises_accredited, f"{key}: {surface}"
    assert every_state["superseded"].premises.name in api  # listed by its newer certificate


def test_the_directory_searches_ignoring_spaces_and_case_and_says_when_it_changed(client, every_state):
    soup = get_page(client, "/premises?q=cm8+2ab")
    assert {" ".join(h.get_text().split()) for h in soup.select(".app-register h2")} == {"Accredited Arms"}
    assert "The register last changed" in text_of(soup)
    assert client.get("/premises?page=99").status_code == 404


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
    assert stats["premises_accredited"]["total"] == len(listed) == 4
    by_type = {row["type"]: row["count"] for row in stats["premises_accredited"]["by_type"]}
    assert by_type == {t: sum(1 for item in listed if item["type"] == t) for t in {i["type"] for i in listed}}
    csv_text = officer_client.get("/officer/figures.csv").get_data(as_text=True)
    this_month = [line for line in csv_text.splitlines() if ",all,all," in line][-1]
    assert this_month.split(",")[3 + 5] == str(stats["premises_accredited"]["total"])
