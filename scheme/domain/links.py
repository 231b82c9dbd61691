"""Full links for emails, built from SCHEME_BASE_URL so they work outside a request too."""

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    adapter = current_app.url_map.bind("scheme.invalid", url_scheme="https")
    path = adapter.build(endpoint, values)
    return current_app.config["SCHEME_BASE_URL"].rstrip("/") + path
