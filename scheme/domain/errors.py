class DomainError(Exception):
    """A rule of the scheme said no. The message is written for the person who asked."""


class NotFound(DomainError):
    pass


class NotAllowed(DomainError):
    """The user may not touch this thing (someone else's premises, wrong role)."""


class InvalidState(DomainError):
    """The thing is not in a state where this can happen (already submitted, decided, ...)."""


class StaleEdit(DomainError):
    """Someone saved a newer version while this user was editing."""

    def __init__(self, message: str, current=None):
        super().__init__(message)
        self.current = current
