"""The layer rule: views and forms call the domain layer; they never query or commit."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_view_or_form_touches_the_session():
    offenders = []
    paths = [*(ROOT / "scheme").glob("*/views/*.py"), *(ROOT / "scheme").glob("*/forms.py"),
             *(ROOT / "scheme").glob("*/forms/*.py")]
    assert len(paths) >= 5
    for path in sorted(paths):
        source = path.read_text()
        if "db.session" in source or ".query(" in source or "select(" in source:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
