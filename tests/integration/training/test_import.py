import io
from datetime import date, timedelta

import pytest

from scheme.domain.training import imports
from scheme.enums import JobRole, TrainingEvidence
from scheme.extensions import db
from scheme.models import StaffMember, StoredFile, TrainingRecord
from tests import factories
from tests.pages import check_page, error_messages, get_page, post_page, text_of

HEADER = "name,job_role,started_on,left_on,module,completed_on\n"


def _upload(client, premises, content: bytes, filename="staff.csv"):
    response = client.post(f"/business/premises/{premises.id}/training/import", follow_redirects=True,
                           data={"file": (io.BytesIO(content), filename)}, content_type="multipart/form-data")
    # Closing the response closes the spooled upload (large files go to a temporary file).
    with response:
        assert response.status_code == 200
        return check_page(response.get_data(as_text=True))


def _stored_id():
    return db.session.scalar(db.select(StoredFile.id).where(StoredFile.content_type == "text/csv"))


def test_template_csv_downloads_and_imports_cleanly(business_client, premises):
    factories.make_module(title="Spot It Stop It briefing")
    factories.make_module(title="CSE awareness online course")
    response = business_client.get("/business/training-import-template.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    page = _upload(business_client, premises, response.data)
    assert "3 rows: 3 ready to import, 0 with errors" in text_of(page)


def test_preview_lists_every_rows_errors_in_plain_words_and_imports_nothing(business_client, premises, briefing):
    rows = [
        "Ann Ash,Reception,01/01/2025,,Spot the signs briefing,01/02/2025",
        "Ben Birch,Reception,01/01/2025,,Spot the signs briefing,02/02/2025",
        "Cy Cedar,Pilot,01/01/2025,,,",
        "Di Dogwood,Reception,01/01/2025,,Underwater basket weaving,03/02/2025",
        "Ed Elm,Reception,01/01/2025,,,",
        "Fay Fir,Reception,01/01/2025,,Spot the signs briefing,31/02/2026",
        '"=HYPERLINK(""http://evil.example"",""x"")",Reception,01/01/2025,,,',
        f"Gil Gum,Reception,01/01/2025,,Spot the signs briefing,{(date.today() + timedelta(days=3)):%d/%m/%Y}",
        "Hal Hazel,Reception,05/05/2025,04/05/2025,,",
    ]
    page = _upload(business_client, premises, (HEADER + "\n".join(rows) + "\n").encode())
    messages = [li.get_text(" ", strip=True) for li in page.select("#row-errors li")]
    assert "Row 4: job role 'Pilot' is not one of: reception, night manager, driver, bar staff, kitchen, manager, other" in messages
    assert "Row 5: module 'Underwater basket weaving' is not a training module of the scheme" in messages
    assert "Row 7: completion date 31/02/2026 is not a real date" in messages
    assert any(message.startswith("Row 8: name '=HYPERLINK") and "formula" in message for message in messages)
    assert any(message.startswith("Row 9: completion date") and "in the future" in message for message in messages)
    assert "Row 10: leaving date is before the start date" in messages
    assert len(messages) == 6

    page = post_page(business_client, f"/business/premises/{premises.id}/training/import/{_stored_id()}", {})
    assert "Nothing was imported" in " ".join(error_messages(page))
    assert db.session.scalar(db.select(db.func.count(StaffMember.id))) == 0

    page = post_page(business_client, f"/business/premises/{premises.id}/training/import/{_stored_id()}",
                     {"only_valid": "y"})
    assert "Imported 3 new staff and 2 completions; 6 rows with errors were left out" in text_of(page)
    names = set(db.session.scalars(db.select(StaffMember.name)))
    assert names == {"Ann Ash", "Ben Birch", "Ed Elm"}
    record = db.session.scalar(db.select(TrainingRecord).join(StaffMember).where(StaffMember.name == "Ann Ash"))
    assert record.evidence is TrainingEvidence.IMPORTED and record.expires_on == date(2027, 2, 1)
    assert _stored_id() is None  # the uploaded file is not kept once imported


def test_same_person_in_several_rows_is_one_member_of_staff(business_client, premises, briefing):
    other = factories.make_module(title="Second module")
    content = HEADER + "Ann Ash,Manager,,,Spot the signs briefing,01/02/2025\nann ash,,,,Second module,2025-03-04\n"
    _upload(business_client, premises, content.encode())
    post_page(business_client, f"/business/premises/{premises.id}/training/import/{_stored_id()}", {})
    person = db.session.scalar(db.select(StaffMember))
    assert person.job_role is JobRole.MANAGER and person.created_at is not None
    records = db.session.scalars(db.select(TrainingRecord).where(TrainingRecord.staff_member_id == person.id)).all()
    assert all(record.created_at is not None for record in records)
    assert {record.module_id for record in records} == {briefing.id, other.id}


def test_importing_the_same_file_twice_records_nothing_twice(business_client, premises, briefing):
    content = (HEADER + "Ann Ash,Manager,,,Spot the signs briefing,01/02/2025\n").encode()
    for _ in range(2):
        _upload(business_client, premises, content)
        post_page(business_client, f"/business/premises/{premises.id}/training/import/{_stored_id()}", {})
    assert db.session.scalar(db.select(db.func.count(TrainingRecord.id))) == 1
    assert db.session.scalar(db.select(db.func.count(StaffMember.id))) == 1


@pytest.mark.parametrize("content, message", [
    (b"", "The selected file is empty"),
    (b"   \n\n", "The selected file is empty"),
    (HEADER.encode(), "The file has no rows to import below its header row"),
    (b"full name,role\nAnn,Reception\n", "The columns must be: name, job_role, started_on, left_on, module, completed_on."),
    ("name,job_role,module,completed_on\nZoë Ünal,Reception,,\n".encode("utf-16"), "The file is not saved as UTF-8 text"),
    (b"name,job_role,module,completed_on\n\xe9\xe8,Reception,,\n", "The file is not saved as UTF-8 text"),
    ((HEADER + "Ann,Reception,,,,\n" * 100_000).encode(), "The file has more than 20,000 rows"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "The file is not"),
])
def test_files_that_cannot_be_read_get_a_clear_message(business_client, premises, content, message):
    page = _upload(business_client, premises, content)
    assert any(message in error for error in error_messages(page)), error_messages(page)
    assert _stored_id() is None


def test_no_file_chosen(business_client, premises):
    page = post_page(business_client, f"/business/premises/{premises.id}/training/import", {})
    assert error_messages(page) == ["Select a CSV file"]


def test_another_business_cannot_see_an_import(app, business_client, premises, briefing):
    _upload(business_client, premises, (HEADER + "Ann,Reception,,,,\n").encode())
    stranger = app.test_client(user=factories.make_user())
    get_page(stranger, f"/business/premises/{premises.id}/training/import/{_stored_id()}", status=403)


def test_5000_row_import(business_client, premises, briefing):
    lines = [f"Person {n},Reception,01/01/2025,,Spot the signs briefing,{1 + n % 28:02d}/02/2025" for n in range(5000)]
    page = _upload(business_client, premises, (HEADER + "\n".join(lines)).encode())
    assert "5000 rows: 5000 ready to import, 0 with errors" in text_of(page)
    page = post_page(business_client, f"/business/premises/{premises.id}/training/import/{_stored_id()}", {})
    assert "Imported 5000 new staff and 5000 completions" in text_of(page)
    assert db.session.scalar(db.select(db.func.count(TrainingRecord.id))) == 5000


def test_export_neutralises_formula_cells(business_client, premises, briefing):
    factories.make_staff(premises, name='=HYPERLINK("http://evil.example","x")')
    response = business_client.get(f"/business/premises/{premises.id}/training.csv")
    assert response.mimetype == "text/csv"
    assert '"\'=HYPERLINK(""http://evil.example"",""x"")"' in response.get_data(as_text=True)


def test_parse_counts_rows_as_a_spreadsheet_does(app, premises, briefing):
    preview = imports.parse(premises.id, (HEADER + "Ann,Reception,,,,\n\nBob,Chef,,,,\n").encode(), date.today())
    assert [row.number for row in preview.rows] == [2, 4]
    assert preview.messages[0].startswith("Row 4: job role 'Chef'")


def test_a_new_upload_replaces_an_abandoned_one(business_client, premises, briefing):
    _upload(business_client, premises, (HEADER + "Ann,Reception,,,,\n").encode())
    _upload(business_client, premises, (HEADER + "Bob,Reception,,,,\n").encode())
    assert db.session.scalar(db.select(db.func.count(StoredFile.id))) == 1
