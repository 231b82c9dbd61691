import pytest

from scheme.domain.reporting_routes import Route, ordered_for


def _route(label, kind="phone", value="101", emergency=False, types=()):
    return Route(label, kind, value, "", emergency, tuple(types))


ROUTES = (_route("Police", value="101"), _route("BTP", value="0800 405040", types=["transport"]),
          _route("999", value="999", emergency=True), _route("Crimestoppers", value="0800 555 111"))


def test_routes_put_the_emergency_number_first_then_those_for_the_premises_type():
    assert [r.label for r in ordered_for(ROUTES, "transport")] == ["999", "BTP", "Police", "Crimestoppers"]


def test_a_route_limited_to_some_types_of_premises_is_shown_only_there():
    assert [r.label for r in ordered_for(ROUTES, "takeaway")] == ["999", "Police", "Crimestoppers"]
    assert [r.label for r in ordered_for(ROUTES, "pub")] == ["999", "Police", "Crimestoppers"]


def test_with_no_premises_known_every_route_is_shown():
    assert [r.label for r in ordered_for(ROUTES, None)] == ["999", "Police", "BTP", "Crimestoppers"]


@pytest.mark.parametrize(("kind", "value", "href"), [
    ("phone", "0800 405040", "tel:0800405040"),
    ("text", "61016", "sms:61016"),
    ("web", "https://crimestoppers-uk.org", "https://crimestoppers-uk.org"),
])
def test_routes_link_to_call_text_or_visit(kind, value, href):
    assert _route("x", kind=kind, value=value).href == href
