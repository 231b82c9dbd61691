"""Times the partnership board's figures on a database already filled: keeping the closed
months not kept yet (what `flask keep-figures` does each night, slow only the first time), then
the officers' figures page (today live, the closed months as kept), its CSV (every area and
premises type) and the API's statistics, each worked out in this process, twice (the first
warms the caches).

Not a test. Fill a database with generate-load-data first, then run from the project folder:

    export DATABASE_URL=sqlite:////tmp/figures.db SECRET_KEY=bench
    .venv/bin/flask --app scheme db upgrade
    .venv/bin/flask --app scheme generate-load-data --premises 50000
    .venv/bin/python bench/figures.py
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scheme import create_app  # noqa: E402
from scheme.domain import clock  # noqa: E402
from scheme.domain.register import statistics  # noqa: E402
from scheme.domain.register.entries import areas_known  # noqa: E402
from scheme.enums import PremisesType  # noqa: E402


def main() -> None:
    app = create_app()
    with app.app_context():
        today = clock.today()
        areas = areas_known()
        every_scope = ([statistics.Scope()] + [statistics.Scope(area=area) for area in areas]
                       + [statistics.Scope(premises_type=t) for t in PremisesType])
        measured = [
            ("figures page, all premises", lambda: statistics.figures_page(today, 12, statistics.Scope())),
            ("figures page, one area", lambda: statistics.figures_page(today, 12, statistics.Scope(area=areas[0]))),
            (f"figures CSV ({len(every_scope)} scopes x 12 months)",
             lambda: statistics.month_by_month_for(every_scope, today, 12)),
            ("API statistics", lambda: statistics.snapshot(today)),
        ]
        # CPU seconds beside the wall clock: on SQLite the database works in this process, so
        # they are the server's own time, whatever else the machine is doing.
        print("| figures | seconds | CPU seconds |\n|---|---|---|")
        started, cpu = time.perf_counter(), time.process_time()
        missing = statistics.keep_closed_months(today)
        print(f"| keeping the closed months ({missing} not kept yet) | {time.perf_counter() - started:.2f} | "
              f"{time.process_time() - cpu:.2f} |", flush=True)
        for label, work in measured:
            work()
            started, cpu = time.perf_counter(), time.process_time()
            work()
            print(f"| {label} | {time.perf_counter() - started:.2f} | {time.process_time() - cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
