"""
Webhooks (not a plugin: core infrastructure beside `outbox`).

Administrators register endpoints in the admin; each change of the ledger of visible changes
(portal/ledger.py) that an endpoint wants becomes a stored delivery once the change is
committed, and a background task POSTs it, signed as Standard Webhooks says, retrying with
backoff. Staff see every delivery in the admin and can send one again. See docs/api.md.
"""
