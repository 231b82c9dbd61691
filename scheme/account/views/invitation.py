from scheme.account.views import bp
from scheme.account.views.passwords import choose_password_page
from scheme.domain.accounts import staff_users
from scheme.security import public, rate_limited


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@rate_limited("5 per minute; 20 per hour")
@public
def accept_invitation(token: str):
    return choose_password_page(
        token, read_link=staff_users.user_for_invitation, set_password=staff_users.accept_invitation,
        template="account/accept_invitation.html", what="set your password",
        done="Your password is set. Sign in to start.")
