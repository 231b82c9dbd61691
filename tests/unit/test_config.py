import subprocess
import sys

import pytest

from scheme.config import ConfigError, from_environment


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SCHEME_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        from_environment(str(tmp_path))


def test_development_generates_a_secret_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SCHEME_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = from_environment(str(tmp_path))["SECRET_KEY"]
    second = from_environment(str(tmp_path))["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == first


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_is_normalised(monkeypatch, tmp_path, url, expected):
    monkeypatch.setenv("DATABASE_URL", url)
    assert from_environment(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == expected


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db"])
def test_an_invalid_database_url_is_refused(monkeypatch, tmp_path, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        from_environment(str(tmp_path))


def test_the_app_exits_with_one_line_naming_the_setting(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from scheme import create_app; create_app()"],
        env={"DATABASE_URL": "nonsense", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["scheme: DATABASE_URL is not a valid database URL: 'nonsense'"]
