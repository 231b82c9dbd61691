"""One place commits: each service function is one transaction."""

import functools
from contextvars import ContextVar

from scheme.extensions import db

_pending_hooks: ContextVar[list | None] = ContextVar("pending_after_commit_hooks", default=None)


def service(fn):
    """Run fn as one transaction: commit when it returns, roll back when it raises.

    A service called from inside another service joins the outer transaction.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if _pending_hooks.get() is not None:
            return fn(*args, **kwargs)
        token = _pending_hooks.set([])
        try:
            result = fn(*args, **kwargs)
            db.session.commit()
            hooks = _pending_hooks.get()
        except BaseException:
            db.session.rollback()
            raise
        finally:
            _pending_hooks.reset(token)
        for hook in hooks:
            hook()
        return result

    return wrapper


def after_commit(hook) -> None:
    """Run hook once the current service's transaction has committed (e.g. send mail)."""
    hooks = _pending_hooks.get()
    if hooks is None:
        hook()
    else:
        hooks.append(hook)


def in_service() -> bool:
    """Whether a service's transaction is under way (so after_commit will wait for it)."""
    return _pending_hooks.get() is not None
