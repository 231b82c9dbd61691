"""The register's API: what it lists, how it pages, and how it answers bad input."""

import json

import pytest

from scheme.domain.certificates import lifecycle
from scheme.enums import Role
from scheme.extensions import limiter
from tests import factories
from tests.conftest import make_test_app
from tests.pages import get_page, text_of

def _listed(every_state, field: str) -> list[str]:
    # Each listed premises once (a renewed premises has two cases, one per certificate).
    return sorted({getattr(case.premises, field) for case in every_state.values() if case.listed})


def _get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response


def test_the_list_holds_exactly_the_premises_accredited_now_in_a_stable_order(client, every_state):
    body = _get(client, "/api/v1/premises").get_json()
    names = [item["name"] for item in body["data"]]
    assert names == _listed(every_state, "name")
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert body["live"] is True and body["as_at"] and body["register_last_changed"]
    assert body["links"]["next"] is None
    pub = next(item for item in body["data"] if item["name"] == "Accredited Arms")
    case = every_state["accredited"]
    assert pub["id"] == case.premises.public_id
    assert pub["reference"] == f"SISI-P-{case.premises.id:05d}"
    assert pub["status"] == "accredited" and pub["accredited_until"] == case.certificate.expires_on.isoformat()
    assert pub["public_page"] == f"http://scheme.test/v/{case.certificate.public_code}"


def test_following_the_cursor_visits_every_premises_once(client, every_state):
    seen, url = [], "/api/v1/premises?limit=1"
    while url:
        body = _get(client, url.removeprefix("http://scheme.test")).get_json()
        assert len(body["data"]) <= 1
        seen += [item["id"] for item in body["data"]]
        url = body["links"]["next"]
    assert sorted(seen) == _listed(every_state, "public_id")
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(("query", "expected"), [
    ("q=cm82ab", {"Accredited Arms"}),
    ("q=CM8+2AB", {"Accredited Arms"}),
    ("q=witham", {"Accredited Arms"}),
    ("q=ARMS", {"Accredited Arms"}),
    ("type=taxi", {"Home Cabs"}),
    ("area=Witham", {"Accredited Arms"}),
    ("area=+WITHAM.+", {"Accredited Arms"}),  # an area's name, folded as the list compares names
    ("area=Nowhere", set()),
    ("q=%27+OR+1%3D1+--", set()),  # a search for that text, finding nothing
    ("q=100%25", set()),  # a LIKE wildcard is searched for, not obeyed
])
def test_filters(client, every_state, query, expected):
    body = _get(client, f"/api/v1/premises?{query}").get_json()
    assert {item["name"] for item in body["data"]} == expected


@pytest.mark.parametrize(("query", "parameter"), [
    ("colour=red", "colour"),
    ("page=99", "page"),
    ("cursor=not-a-cursor", "cursor"),
    ("cursor=WyJhIl0", "cursor"),  # valid base64 JSON, wrong shape
    ("limit=100000", "limit"),
    ("limit=0", "limit"),
    ("limit=ten", "limit"),
    ("type=castle", "type"),
    ("q=%FF%FE", "q"),
    ("%FF=1", "\ufffd"),
    ("q=a&q=b", "q"),
    ("q=" + "x" * 101, "q"),
    ("q=%00", "q"),
    ("area=Witham%27%3B+DROP+TABLE+premises%3B--&area=x", "area"),
])
def test_bad_input_is_a_400_naming_the_parameter(client, every_state, query, parameter):
    response = _get(client, f"/api/v1/premises?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid_parameter"
    assert error["parameter"] == parameter and error["message"]


def test_one_premises_in_any_state_and_404s_in_json(client, every_state):
    case = every_state["revoked"]
    body = _get(client, f"/api/v1/premises/{case.premises.public_id}").get_json()
    assert body["data"]["status"] == "revoked" and body["data"]["accredited_until"] is None
    never = every_state["never_certified"].premises
    for url in (f"/api/v1/premises/{never.public_id}", "/api/v1/premises/NOSUCHID", "/api/v1/nothing-here"):
        response = _get(client, url)
        assert response.status_code == 404, url
        assert response.get_json()["error"]["code"] == "not_found"


def test_a_method_the_api_does_not_take_is_a_json_405(client):
    response = client.post("/api/v1/premises")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("case", ["accredited", "at_risk", "suspended_pending_checks", "suspended", "revoked",
                                  "expired", "superseded", "renewed", "expires_today"])
def test_verify_gives_the_status_of_the_code(client, every_state, case):
    certificate = every_state[case].certificate
    typed = certificate.public_code.lower().replace("0", "o")  # the slips the public page forgives
    data = _get(client, f"/api/v1/verify/{typed}").get_json()["data"]
    assert data["status"] == every_state[case].status
    assert data["accredited"] == (data["status"] == "accredited")
    assert data["premises"]["outward_postcode"] == every_state[case].premises.postcode.split()[0]
    assert data["valid_until"] == certificate.expires_on.isoformat()


def test_verify_an_unknown_code(client):
    data = _get(client, "/api/v1/verify/ZZZZZZZZ").get_json()["data"]
    assert data == {**data, "status": "unknown", "accredited": False, "premises": None}


def test_a_conditional_request_is_a_304_until_the_register_changes(client, every_state):
    first = _get(client, "/api/v1/premises")
    etag = first.headers["ETag"]
    assert "max-age" in first.headers["Cache-Control"]
    again = _get(client, "/api/v1/premises", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    certificate = every_state["accredited"].certificate
    lifecycle.suspend_certificate(certificate.id, actor=factories.make_user(Role.OFFICER), reason="Checks",
                                  today=certificate.issued_on)
    changed = _get(client, "/api/v1/premises", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Accredited Arms" not in {item["name"] for item in changed.get_json()["data"]}


def test_cors_preflight_allows_conditional_gets(client):
    response = client.options("/api/v1/premises", headers={"Origin": "https://app.example",
                                                            "Access-Control-Request-Method": "GET"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]


def test_the_api_sets_no_cookie(client, every_state):
    assert "Set-Cookie" not in client.get("/api/v1/premises").headers


@pytest.fixture
def limited_client(database_url):
    was_enabled = limiter.enabled
    try:
        yield make_test_app(database_url, RATELIMIT_ENABLED=True).test_client()
    finally:
        limiter.enabled = was_enabled


def test_each_client_is_rate_limited_with_a_json_429_and_retry_after(limited_client):
    answers = [limited_client.get("/api/v1/openapi.json", environ_base={"REMOTE_ADDR": "10.0.0.9"})
               for _ in range(121)]
    assert {response.status_code for response in answers[:120]} == {200}
    limited = answers[120]
    assert limited.status_code == 429
    assert limited.get_json()["error"]["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) >= 1
    other = limited_client.get("/api/v1/openapi.json", environ_base={"REMOTE_ADDR": "10.0.0.10"})
    assert other.status_code == 200  # per client


def test_the_openapi_document_is_3_1_and_names_every_route(app, client):
    document = json.loads(client.get("/api/v1/openapi.json").data)
    assert document["openapi"] == "3.1.0"
    api_rules = {rule.rule.replace("<public_id>", "{id}").replace("<code>", "{code}")
                 for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert api_rules - {"/api/v1/openapi.json"} == set(document["paths"])


def test_the_api_page_explains_it_with_the_licence_the_contact_and_the_versioning_promise(client):
    from scheme.domain import settings

    settings.save(council_name="Braintree District Council", contact_email="safer@braintree.example")
    soup = get_page(client, "/api")
    text = text_of(soup)
    assert soup.select_one("a[href='mailto:safer@braintree.example']") is not None
    assert "Braintree District Council" in text
    assert soup.select_one("a[href^='https://www.nationalarchives.gov.uk/doc/open-government-licence']") is not None
    assert "/api/v2/" in text and "curl 'http://scheme.test/api/v1/verify/" in text
    assert "suspended_pending_checks" in text


@pytest.mark.parametrize("path", [
    "/api/v1/premises", "/api/v1/premises/{id}", "/api/v1/verify/{code}", "/api/v1/statistics",
    "/api/v1/bulk/premises.csv", "/api/v1/bulk/premises.json", "/api/v1/bulk/premises.json?area=Witham",
    "/badge/{code}.svg",
])
def test_every_answer_is_cacheable_and_conditional(client, every_state, path):
    case = every_state["accredited"]
    url = path.format(id=case.premises.public_id, code=case.certificate.public_code)
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    if url.startswith("/api/"):
        assert first.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_the_bulk_files_are_made_again_when_the_register_changes(client, every_state):
    csv_before = client.get("/api/v1/bulk/premises.csv")
    json_before = client.get("/api/v1/bulk/premises.json")
    assert "Accredited Arms" in csv_before.get_data(as_text=True)
    assert client.get("/api/v1/bulk/premises.csv").data == csv_before.data  # the same file, kept
    certificate = every_state["accredited"].certificate
    lifecycle.suspend_certificate(certificate.id, actor=factories.make_user(Role.OFFICER), reason="Checks",
                                  today=certificate.issued_on)
    for url, before in (("/api/v1/bulk/premises.csv", csv_before), ("/api/v1/bulk/premises.json", json_before)):
        after = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200, url
        assert "Accredited Arms" not in after.get_data(as_text=True), url
        assert "Suspended Suites" not in after.get_data(as_text=True), url
