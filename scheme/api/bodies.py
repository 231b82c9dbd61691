"""What the API says, as JSON-ready dicts: one shape per thing, used by every endpoint and
the bulk JSON file, and described field by field in openapi.py."""

from datetime import date, datetime, timezone

from flask import current_app

from scheme.api.views import LICENCE
from scheme.domain.register.entries import Entry
from scheme.domain.register.statistics import PUBLIC_STATES, Figures
from scheme.domain.register.status import PublicStatus


def base_url() -> str:
    return current_app.config["SCHEME_BASE_URL"].rstrip("/")


def moment(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def premises(entry: Entry) -> dict:
    return {
        "id": entry.public_id,
        "reference": entry.reference,
        "name": entry.name,
        "type": entry.premises_type.value,
        "type_label": entry.premises_type.label,
        "address": entry.address,
        "town": entry.town,
        "postcode": entry.postcode,
        "outward_postcode": entry.outward_postcode,
        "area": entry.area,
        "status": entry.status.value,
        "accredited_until": day(entry.valid_until) if entry.accredited else None,
        "certificate_number": entry.certificate_number,
        "certificate_code": entry.code,
        "public_page": f"{base_url()}/v/{entry.code}",
        "badge": f"{base_url()}/badge/{entry.code}.svg",
    }


def about(as_at: datetime, last_changed: datetime | None, *, live: bool = True) -> dict:
    """What every answer says about itself: under what licence, whether it is read live from
    the register (the API) or a file made from it (the bulk files), and as at when."""
    return {"licence": LICENCE, "live": live, "as_at": moment(as_at), "register_last_changed": moment(last_changed)}


def verification(code: str, entry: Entry | None) -> dict:
    """What `/v/<code>` says, for machines: the status as a stable code."""
    if entry is None:
        return {"code": code, "status": PublicStatus.UNKNOWN.value, "status_label": PublicStatus.UNKNOWN.label,
                "accredited": False, "premises": None, "certificate_number": None, "valid_until": None,
                "public_page": None}
    return {
        "code": entry.code,
        "status": entry.status.value,
        "status_label": entry.status.label,
        "accredited": entry.accredited,
        "premises": {"id": entry.public_id, "name": entry.name, "outward_postcode": entry.outward_postcode},
        "certificate_number": entry.certificate_number,
        "valid_until": day(entry.valid_until),
        "public_page": f"{base_url()}/v/{entry.code}",
    }


def statistics(figures: Figures) -> dict:
    return {
        "on": day(figures.on),
        "premises_accredited": {
            "total": figures.accredited,
            "by_type": [{"type": premises_type.value, "count": count}
                        for premises_type, count in figures.accredited_by_type.items()],
            "by_area": [{"area": area, "count": count} for area, count in figures.accredited_by_area.items()],
        },
        "premises_by_state": [{"state": public.value, "count": figures.by_state[state]}
                              for state, public in PUBLIC_STATES.items()],
        "staff_trained": {"trained": figures.staff_trained, "active": figures.staff_active,
                          "share": figures.staff_trained_share},
        "test_visits": {"since": day(figures.since), "visits": figures.test_visits,
                        "passed": figures.test_visits_passed, "pass_rate": figures.test_visit_pass_rate},
    }
