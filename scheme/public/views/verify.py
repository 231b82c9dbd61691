from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, request
from markupsafe import Markup

from scheme.domain import clock, reporting_routes
from scheme.domain.certificates import public_page, sticker_reports
from scheme.domain.dates import in_words
from scheme.domain.errors import NotFound
from scheme.enums import StickerReportReason
from scheme.public.forms.report import StickerReportForm
from scheme.public.views import bp
from scheme.security import public, rate_limited, without_session

UK = ZoneInfo("Europe/London")
# Every sticker's QR code points under here (docs/design.md); these pages open no session.
PREFIX = "/v/"
# Long enough to spare a busy page, short enough that a suspension reaches a re-scan soon.
CACHE_CONTROL = "public, max-age=60"


def _render(template: str, **context) -> str:
    # The template straight from Jinja, without Flask's context processors: they would load
    # the signed-in user and open the session, which this page has no use for (it sets no
    # cookie and shows the same thing to everyone).
    return _template(current_app.jinja_env, template).render(**context)


@lru_cache(maxsize=8)
def _template(environment, name: str):
    return environment.get_template(name)


_TITLE, _CONTENT = "\x00", "\x01"  # stand for a page's own parts while its frame is rendered once


_frames: dict[tuple, tuple[str, str, str]] = {}


def _lean_frame(environment, script_root: str) -> tuple[str, str, str]:
    key = (environment, script_root)
    frame = _frames.get(key)
    if frame is None:
        # Rendered in a request (its links come from url_for): the first scan a process serves
        # goes through Flask (sticker_scans.py), and every later one finds it here.
        whole = environment.from_string('{% extends "base.html" %}{% set lean = true %}'
                                        f'{{% block title %}}{_TITLE}{{% endblock %}}'
                                        f'{{% block main_content %}}{_CONTENT}{{% endblock %}}').render()
        before_title, rest = whole.split(_TITLE)
        before_content, after_content = rest.split(_CONTENT)
        if len(_frames) >= 4:
            _frames.clear()
        frame = _frames[key] = (before_title, before_content, after_content)
    return frame


def has_lean_frame(environment, script_root: str) -> bool:
    """Whether the layout of the page behind a sticker is rendered for this script root."""
    return (environment, script_root) in _frames


def _render_lean(template: str, script_root: str, **context) -> str:
    # The page behind a sticker sets only its title and its content in the layout
    # (base.html, lean): the layout around them is the same on every such page, so it is
    # rendered once per process and the page renders just its own two blocks. The layout is
    # a quarter of the page's rendering otherwise. (tests: the same page as rendered whole.)
    environment = current_app.jinja_env
    page = _template(environment, template)
    # Shared: the blocks see what the view passes and nothing else (no template globals, which
    # would be copied into every page's context for nothing).
    page_context = page.new_context(context, shared=True)
    before_title, before_content, after_content = _lean_frame(environment, script_root)
    return "".join((before_title, *page.blocks["title"](page_context), before_content,
                    *page.blocks["main_content"](page_context), after_content))


_reporting_html: dict[int, tuple[tuple, Markup, Markup]] = {}


def _how_to_report(routes: tuple) -> tuple[Markup, Markup]:
    """The emergency line for the top of the page, and the section on how to report."""
    # The same few routes in the same order on every page for a type of premises: rendered
    # once per set of routes, which would otherwise be most of this busy page's template work.
    # The reporting routes' cache hands out the same tuple for a type each time, so the tuple
    # itself is the key: hashing what is in it would cost more than the page's query.
    cached = _reporting_html.get(id(routes))
    if cached is not None and cached[0] is routes:
        return cached[1], cached[2]
    if len(_reporting_html) >= 32:
        _reporting_html.clear()
    call_999 = Markup(_render("public/_call_999.html", routes=routes))
    section = Markup(_render("public/_how_to_report.html", routes=routes))
    _reporting_html[id(routes)] = (routes, call_999, section)
    return call_999, section


_SCANNED = "\x00"  # stands for the code in the form's address while it is rendered once


@lru_cache(maxsize=2)
def _report_form_around_code(environment) -> tuple[Markup, Markup]:
    html = _template(environment, "public/_report_sticker_form.html").render(scanned=_SCANNED, reasons=REASONS)
    before, after = html.split(_SCANNED)
    return Markup(before), Markup(after)


def _report_form(scanned: str) -> Markup:
    # "This sticker looks wrong" is the same on every page but for the code in its address:
    # rendered once per process, not on every scan, where it would be a quarter of the page's
    # template work. The code is escaped as the template would.
    before, after = _report_form_around_code(current_app.jinja_env)
    return before + scanned + after


# strftime costs this page more than its query; the day is the same for every scan that day.
_day_in_words = lru_cache(maxsize=4)(in_words)


def _checked_at(now: datetime) -> str:
    return f"at {now.hour:02d}:{now.minute:02d} on {_day_in_words(now.date())}"


REASONS = tuple(StickerReportReason)


def verification_page(scanned: str, script_root: str) -> tuple[str, int]:
    """The page behind a sticker for what followed /v/ (a code, and a printed sticker's serial),
    and its status; counts the scan. Served by the view below and, for plain GETs, ahead of
    Flask by scheme.public.sticker_scans."""
    now = datetime.now(UK)
    # Tests move the days on (clock.SCHEME_TODAY); production reads the UK date.
    today = clock.today() if current_app.config.get("SCHEME_TODAY") else now.date()
    result, routes = public_page.verify(scanned, today=today)
    call_999, how_to_report = _how_to_report(routes)
    context = {"call_999": call_999, "how_to_report": how_to_report, "checked_at": _checked_at(now),
               "reasons": REASONS}
    if result is None:
        return _render_lean("public/verify_not_found.html", script_root, **context), 404
    code = result.code + (f"/{result.serial}" if result.serial else "")
    return _render_lean("public/verify_certificate.html", script_root, result=result,
                        report_form_html=_report_form(code), **context), 200


@bp.route(f"{PREFIX}<path:code>")
@public
def verify_certificate(code: str):
    page, status = verification_page(code, request.script_root)
    return page, status, {"Cache-Control": CACHE_CONTROL}


def _reported_certificate() -> str:
    # Reports count per certificate, whoever sends them: a thousand posts about one sticker
    # stay a handful of reports, while other stickers' reports go through.
    return "sticker-report:" + (sticker_reports.certificate_code(request.view_args.get("scanned", "")) or "none")


# Several honest readers may report one sticker in a day; more is one person pressing again.
REPORTS_PER_CERTIFICATE = "10 per hour;30 per day"
REPORTS_PER_ADDRESS = "20 per hour"


@bp.route(f"{PREFIX}<path:scanned>/report", methods=["POST"])
@public
@without_session
@rate_limited(REPORTS_PER_ADDRESS)
@rate_limited(REPORTS_PER_CERTIFICATE, per=_reported_certificate)
def report_sticker(scanned: str):
    now = datetime.now(UK)
    form = StickerReportForm(request.form)
    context = {"how_to_report": _how_to_report(reporting_routes.routes_for(None))[1], "scanned": scanned,
               "report_form": form, "reasons": REASONS, "checked_at": _checked_at(now)}
    if not form.validate():
        return _render("public/report_sticker.html", **context), 400
    try:
        sticker_reports.report_sticker(scanned, StickerReportReason(form.reason.data), now.date())
    except NotFound:
        return _render("public/verify_not_found.html", **context), 404
    return _render("public/sticker_reported.html", **context)
