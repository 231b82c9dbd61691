import io
from datetime import date, timedelta

import pytest
from PIL import Image

from scheme.enums import ApplicationStatus, JobRole
from tests import factories


@pytest.fixture
def premises(app, business_user):
    return factories.make_premises(owner=business_user, status=ApplicationStatus.MEMBER)


@pytest.fixture
def briefing(app):
    return factories.make_module(title="Spot the signs briefing", validity_months=24,
                                 required_roles=[JobRole.RECEPTION.value, JobRole.MANAGER.value],
                                 equivalent_allowed=True)


@pytest.fixture
def clerk(premises):
    return factories.make_staff(premises, name="Cat Clerk", job_role=JobRole.RECEPTION,
                                started_on=date.today() - timedelta(days=200))


def png_bytes(**info) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(output, format="PNG", **info)
    return output.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (20, 10), "white")
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 52.0, 53.0)}  # GPSInfo: a latitude
    exif[0x010F] = "PhoneMaker"
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()

