"""Spot It Stop It: a local business accreditation scheme against child exploitation."""

import sys
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from scheme.config import ConfigError, from_environment

_PACKAGE_DIR = Path(__file__).parent


def _top_level_folder(name: str) -> str:
    # A built wheel carries templates/ and migrations/ inside the package; a source checkout
    # keeps them at the top level beside pyproject.toml.
    packaged = _PACKAGE_DIR / name
    return str(packaged if packaged.is_dir() else _PACKAGE_DIR.parent / name)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=_top_level_folder("templates"),
        static_folder="static",
        static_url_path="/assets",
        instance_relative_config=True,
    )
    try:
        app.config.from_mapping(from_environment(app.instance_path))
    except ConfigError as error:
        sys.exit(f"scheme: {error}")
    app.config.from_mapping(config or {})
    from scheme.ids import IdConverter

    app.url_map.converters["int"] = IdConverter  # every id in a path: in range, or a 404
    _init_templates(app)
    _init_extensions(app)
    _register_blueprints(app)
    _init_wsgi_layers(app)

    from scheme import cli, errors, input_filter, security

    errors.init_app(app)
    input_filter.init_app(app)
    security.init_app(app)
    cli.init_app(app)
    return app


def _init_wsgi_layers(app: Flask) -> None:
    # From the inside out: sticker scans answered ahead of Flask's own work, then the proxies'
    # headers read (so that both see the client's scheme), then the static assets.
    from scheme.public import sticker_scans

    sticker_scans.init_app(app)
    _trust_proxies(app)
    _init_static_files(app)


def _trust_proxies(app: Flask) -> None:
    # Behind N load balancers, the client's address and scheme are those the outermost one
    # saw: the address the rate limits count by, and https for the secure cookie. Headers
    # beyond the N that our own proxies add are the client's to forge, and are ignored.
    count = app.config["TRUSTED_PROXIES"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def _init_templates(app: Flask) -> None:
    from scheme import templating

    app.jinja_loader = ChoiceLoader([
        app.jinja_loader,
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    templating.init_app(app)


def _init_extensions(app: Flask) -> None:
    from scheme import database
    from scheme.extensions import (
        csrf,
        db,
        limiter,
        login_manager,
        migrate,
        wtforms_helpers,
    )

    database.configure_engine_options(app)
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=_top_level_folder("migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    wtforms_helpers.init_app(app)

    from scheme.domain.premises import readiness

    readiness.init_app(app)

    from scheme.account import session as account_session

    account_session.init_login(app, login_manager)
    _init_compression(app)


# A year: the frame's assets are named by a fingerprint of their content (templating.py).
ASSET_MAX_AGE = 365 * 24 * 60 * 60


def _init_compression(app: Flask) -> None:
    from flask_compress import Compress

    # Pages are compressed as they are sent (Brotli at its cheapest level, or gzip). On the
    # public page behind a sticker level 1 costs a quarter of level 2's CPU (about 50 against
    # 200 µs on this project's 2-core machines) for 5% more bytes (3.0 KB against 2.9).
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 1)
    app.config.setdefault("COMPRESS_LEVEL", 6)
    app.config.setdefault("COMPRESS_MIMETYPES", ["text/html", "application/json"])
    app.config.setdefault("COMPRESS_STREAMS", False)
    Compress(app)


def _init_static_files(app: Flask) -> None:
    from whitenoise import WhiteNoise

    from scheme.templating import fingerprinted_names

    # Assets come from WhiteNoise, ahead of Flask: the copies compressed at build time (Brotli
    # and gzip, `python -m whitenoise.compress scheme/static`) when the browser takes them,
    # those named by their content's fingerprint cached for a year, everything else for an hour.
    fingerprinted = {f"/assets/{name}" for name in fingerprinted_names(app.static_folder).values()}
    app.wsgi_app = WhiteNoise(app.wsgi_app, root=app.static_folder, prefix="assets/", max_age=3600,
                              immutable_file_test=lambda path, url: url in fingerprinted)


def _register_blueprints(app: Flask) -> None:
    from scheme import api
    from scheme.account.views import bp as account
    from scheme.admin.views import bp as admin
    from scheme.api.views import bp as api_bp
    from scheme.business.views import bp as business
    from scheme.officer.views import bp as officer
    from scheme.public.views import bp as public

    for blueprint in (public, account, business, officer, admin, api_bp):
        app.register_blueprint(blueprint)
    api.views.init_app(app)

    from scheme.account.session import SessionInterface
    from scheme.public.views import directory, verify

    app.session_interface = SessionInterface(sessionless_prefixes=(verify.PREFIX, api.views.PREFIX, directory.PREFIX))
