"""A built wheel carries the templates and migrations, so a non-editable install works."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_wheel_contains_templates_and_migrations(tmp_path):
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("scheme-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {f"scheme/templates/{p.relative_to(ROOT / 'templates')}" for p in (ROOT / "templates").rglob("*.html")}
    assert templates and templates <= names
    assert "scheme/migrations/env.py" in names
    assert any(name.startswith("scheme/migrations/versions/") for name in names)
