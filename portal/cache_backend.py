"""
The Redis cache backend of production: django-redis, which serves every request from the
database while Redis is down (IGNORE_EXCEPTIONS), logging the outage once and its end once.

django-redis would log every failed cache call (thousands a minute under load); this backend
tells the operator what they need: when the outage began (WARNING, with the error) and when it
ended (INFO). Each process logs its own.
"""

import logging
import threading

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("portal.cache")


class _Outage:
    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.failures = 0

    def failed(self, error):
        with self.lock:
            self.failures += 1
            first = not self.down
            self.down = True
        if first:
            logger.warning("Redis is unreachable; serving from the database: %s", error.__cause__)

    def succeeded(self):
        if not self.down:
            return
        with self.lock:
            was_down, failures = self.down, self.failures
            self.down, self.failures = False, 0
        if was_down:
            logger.info("Redis is reachable again after %d failed cache calls.", failures)


class _ObservedClient:
    """The django-redis client, each call observed for the outage's start and end."""

    def __init__(self, client, outage):
        self._client = client
        self._outage = outage

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def observed(*args, **kwargs):
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                self._outage.failed(error)
                raise
            self._outage.succeeded()
            return result

        return observed


class OutageLoggingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._log_ignored_exceptions = False  # the outage is logged here, once
        self.outage = _Outage()

    @property
    def client(self):
        return _ObservedClient(super().client, self.outage)
