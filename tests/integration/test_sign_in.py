import pytest

from scheme.enums import Role
from tests import factories
from tests.pages import error_messages, get_page, post_page, text_of
from tests.signing_in import code_for, sign_in


@pytest.mark.parametrize(
    ("role", "home"),
    [(Role.ADMIN, "Work queues"), (Role.OFFICER, "Work queues"), (Role.BUSINESS, "Your premises")],
)
def test_sign_in_takes_each_role_to_its_home(app, client, role, home):
    user = factories.make_user(role, email="person@example.com")
    page = post_page(client, "/sign-in", {"email": "Person@Example.com ", "password": factories.PASSWORD})
    if role.is_staff:  # the password alone is not enough for staff
        assert page.h1.get_text(strip=True) == "Enter the code from your authenticator app"
        assert client.get("/officer/").status_code == 302
        page = post_page(client, "/sign-in/two-factor", {"code": code_for(user)})
    assert page.h1.get_text(strip=True) == home
    assert user.name in text_of(page)


@pytest.mark.parametrize(
    ("email", "password"),
    [("person@example.com", "wrong password here"), ("nobody@example.com", factories.PASSWORD)],
)
def test_wrong_email_or_password_give_the_same_error(app, client, email, password):
    factories.make_user(Role.OFFICER, email="person@example.com")
    page = post_page(client, "/sign-in", {"email": email, "password": password})
    assert error_messages(page) == ["Enter a correct email address and password"]
    assert page.select_one("#email")["value"] == email  # the input is kept


def test_a_deactivated_user_cannot_sign_in(app, client):
    factories.make_user(Role.OFFICER, email="gone@example.com", active=False)
    page = post_page(client, "/sign-in", {"email": "gone@example.com", "password": factories.PASSWORD})
    assert error_messages(page) == ["Enter a correct email address and password"]


def test_empty_sign_in_form_explains_each_field(client):
    page = post_page(client, "/sign-in", {"email": "", "password": ""})
    assert error_messages(page) == ["Enter your email address", "Enter your password"]


def test_next_only_redirects_within_the_site(app, client):
    officer = factories.make_user(Role.OFFICER, email="o@example.com")
    response = sign_in(client, officer, query_string={"next": "https://evil.example/"})
    assert response.headers["Location"] == "/officer/"


def test_sign_in_returns_to_the_page_asked_for(app, client):
    admin = factories.make_user(Role.ADMIN, email="a@example.com")
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.post(response.headers["Location"], data={"email": "a@example.com", "password": factories.PASSWORD})
    assert response.headers["Location"] == "/sign-in/two-factor?next=/admin/"  # the page asked for goes along
    response = client.post(response.headers["Location"], data={"code": code_for(admin)})
    assert response.headers["Location"] == "/admin/"


def test_sign_out(app, client):
    sign_in(client, factories.make_user(Role.OFFICER, email="o@example.com"))
    assert client.get("/officer/").status_code == 200
    page = post_page(client, "/sign-out")
    assert "You have signed out" in text_of(page)
    assert client.get("/officer/").status_code == 302


def test_change_password(app, client, officer):
    sign_in(client, officer)
    get_page(client, "/account/password")
    page = post_page(client, "/account/password", {
        "current_password": "wrong one entirely", "new_password": "a new long password", "confirm_password": "a new long password",
    })
    assert error_messages(page) == ["Your current password is incorrect"]
    page = post_page(client, "/account/password", {
        "current_password": factories.PASSWORD, "new_password": "password123", "confirm_password": "password123",
    })
    assert error_messages(page) == ["Password is too easy to guess: choose one that is not a common password"]
    page = post_page(client, "/account/password", {
        "current_password": factories.PASSWORD, "new_password": "a new long password", "confirm_password": "a new long password",
    })
    assert "Your password has been changed" in text_of(page)
    assert client.get("/officer/").status_code == 200  # this session survives the change

    other = app.test_client()
    response = other.post("/sign-in", data={"email": officer.email, "password": "a new long password"})
    assert response.headers["Location"] == "/sign-in/two-factor"


def test_a_password_made_of_the_persons_own_details_is_refused(app, client, officer):
    sign_in(client, officer)
    page = post_page(client, "/account/password", {
        "current_password": factories.PASSWORD, "new_password": officer.email, "confirm_password": officer.email})
    assert error_messages(page) == ["Password must not contain your name or email address"]
