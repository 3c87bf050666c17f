"""
Outgoing mail (not a plugin: core infrastructure beside `security`).

Every e-mail the portal sends is first stored as an `OutgoingMessage`, in the transaction of
whatever caused it, and delivered afterwards by a background task that retries with backoff
and never sends the same message twice. Staff see every message and its state in the admin.
See docs/outbox.md.

    from outbox import send_message

    send_message(key=f"idea:{idea.pk}:confirmation", to=[idea.email], subject=..., body=...)
"""


def __getattr__(name):
    # `from outbox import send_message` without importing models while apps load.
    if name in {"send_message", "unsubscribe_headers"}:
        from . import sending

        return getattr(sending, name)
    raise AttributeError(name)
