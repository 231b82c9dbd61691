"""The layer rule: blueprints call the domain; only the domain touches the database."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
DATABASE_LAYER = ["scheme.models", "scheme.extensions", "sqlalchemy", "flask_sqlalchemy"]


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def _blueprints() -> list[str]:
    return sorted(f"scheme.{path.parent.parent.name}" for path in (ROOT / "scheme").glob("*/views/__init__.py"))


def test_import_linter_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_blueprint_is_forbidden_the_database_layer():
    forbidding = [contract for contract in _contracts() if contract["type"] == "forbidden"
                  and set(DATABASE_LAYER) <= set(contract["forbidden_modules"])]
    covered = {module for contract in forbidding for module in contract["source_modules"]}
    assert len(_blueprints()) >= 5
    assert set(_blueprints()) <= covered


def test_every_blueprint_sits_above_the_domain():
    layers = next(contract["layers"] for contract in _contracts() if contract["type"] == "layers")
    top = {name.strip() for name in layers[0].split("|")}
    assert top == set(_blueprints())
    assert layers.index("scheme.domain") < layers.index("scheme.models")


@pytest.mark.parametrize("module", [
    "scheme/admin/forms/users.py",
    "scheme/officer/views/certificates.py",
    "scheme/account/session.py",
])
def test_a_blueprint_module_that_imports_the_database_breaks_the_contract(tmp_path, module):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "scheme", tmp_path / "scheme", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "static"))
    with (tmp_path / module).open("a") as source:
        source.write("\nfrom scheme.extensions import db\n")

    result = _lint_imports(tmp_path)

    assert result.returncode != 0
    dotted = module.removesuffix(".py").replace("/", ".")
    assert f"{dotted} -> scheme.extensions" in result.stdout
