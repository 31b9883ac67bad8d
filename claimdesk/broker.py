"""kombu's Redis transport, with one fix: a worker survives a broker that goes away.

With kombu 5.7 and Celery 5.7, once a worker has lost the broker, some calls still
go through a channel whose transport was already collected: closing it (which
tries to put the messages the worker held back on their queue), acknowledging a
task that finished meanwhile, or a publish that kombu retries on a fresh
connection. Each fails with ``AttributeError: 'NoneType' object has no attribute
'client'``, which neither kombu nor Celery expect: the worker exits ("Unrecoverable
error") or the task fails with that as its reason. Here such a channel raises the
connection error it stands for, which both handle: the publish is retried, the
acknowledgement is given up (the message stays with the broker, comes back after
the visibility timeout, and finds its step done), and the worker reconnects.

``CELERY_BROKER_TRANSPORT`` selects this transport for redis:// and rediss:// URLs
(claimdesk/settings.py). kombu imports it in every process: no Django here.
"""

from __future__ import annotations

from typing import Any

from kombu.transport import redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(redis.Channel):
    def _connparams(self, asynchronous: bool = False) -> Any:
        transport = self.connection
        if transport is None or transport.client is None:
            raise RedisConnectionError("this channel's broker connection was closed")
        # celery-types' kombu stubs leave out the private _connparams this overrides.
        return super()._connparams(asynchronous=asynchronous)  # type: ignore[misc]


class Transport(redis.Transport):
    Channel = Channel
