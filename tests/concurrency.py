"""Running a piece of work in two threads at once, each in an app context of its own, as two
app processes or two cron runs would."""

import threading


def run_at_once(app, work, times: int = 2) -> tuple[list, list[BaseException]]:
    """What each run of work() returned, and the errors any raised."""
    results, errors = [], []

    def run() -> None:
        from scheme.extensions import db

        with app.app_context():
            try:
                results.append(work())
            except BaseException as error:  # noqa: BLE001  (returned to the test)
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors
