from datetime import timedelta

from scheme.domain.mail import LONGEST_RETRY_DELAY, retry_delay


def test_the_retry_delay_grows_with_each_failure_up_to_a_cap():
    delays = [retry_delay(attempts) for attempts in range(1, 12)]
    assert delays[:4] == [timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=8), timedelta(minutes=16)]
    assert delays == sorted(delays)
    assert max(delays) == LONGEST_RETRY_DELAY == timedelta(hours=1)
    assert retry_delay(10_000) == LONGEST_RETRY_DELAY
