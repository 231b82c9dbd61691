import subprocess
import sys


def test_the_app_exits_with_one_line_naming_the_setting(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from scheme import create_app; create_app()"],
        env={"DATABASE_URL": "nonsense", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["scheme: DATABASE_URL is not a valid database URL: 'nonsense'"]
