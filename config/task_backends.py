"""The RQ task backend (TASKS_BACKEND=rq) for when Redis is down: the page that queues a job still answers.

django-tasks-rq raises redis' ConnectionError from `enqueue()` when Redis cannot be reached, after the job has been
saved as queued in PostgreSQL: the officer would see an error page for an import that is in fact waiting. Here the
failure is logged and the job stays queued in the database; `holds()` then tells whether Redis has it (a marker
set with each enqueue, lost with the queue itself when Redis restarts empty), and rosters.requeue queues it again
when Redis answers. A job queued twice is harmless: the worker starts only a job that is still queued.
"""

import json
import logging
import time
from contextlib import contextmanager

import django_rq
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id
from django_tasks_rq.backend import RQBackend
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A job still waiting after this long is queued once more (a duplicate does nothing); this bounds how long a job
# the queue lost some other way (a worker killed between taking it and starting it) can stay unnoticed.
MARKER_SECONDS = 10 * 60
# After a failure Redis is left alone this long, as the report cache does (config.cache): a Redis that hangs rather
# than refusing costs one timeout per interval, not one per progress poll of every open job page.
RETRY_AFTER = 5.0
_down_until = 0.0


class RedisLeftAlone(RedisError):
    """Raised without asking Redis, while it is left alone after a failure (already logged at the failure)."""


def _redis_left_alone() -> bool:
    return time.monotonic() < _down_until


def _redis_failed() -> None:
    global _down_until
    _down_until = time.monotonic() + RETRY_AFTER


def marker_key(task, args) -> str:
    return f"portal:queued:{task.module_path}:{json.dumps(list(args), default=str)}"


class ForgivingRQBackend(RQBackend):
    """django-tasks-rq's backend, whose enqueue leaves the job waiting instead of raising when Redis is down."""

    def enqueue(self, task, args, kwargs):
        try:
            return self.enqueue_now(task, args, kwargs)
        except RedisError as exc:
            if not isinstance(exc, RedisLeftAlone):  # said once, at the failure, not at each job while left alone
                logger.warning("Redis unreachable, %s%s stays queued in the database: %s", task.module_path, args, exc)
            return TaskResult(
                task=task,
                id=get_random_id(),
                status=TaskResultStatus.READY,
                enqueued_at=None,
                started_at=None,
                last_attempted_at=None,
                finished_at=None,
                args=list(args),
                kwargs=kwargs,
                backend=self.alias,
                errors=[],
                worker_ids=[],
            )

    def enqueue_now(self, task, args, kwargs):
        """Enqueue on Redis or raise RedisError."""
        with _watching_redis():
            result = super().enqueue(task, args, kwargs)
            django_rq.get_connection(task.queue_name).set(marker_key(task, args), result.id, ex=MARKER_SECONDS)
        return result

    def holds(self, task, args) -> bool:
        """Whether Redis has this job queued (or had it recently); raises RedisError when Redis is down."""
        with _watching_redis():
            return bool(django_rq.get_connection(task.queue_name).exists(marker_key(task, args)))


@contextmanager
def _watching_redis():
    """RedisError at once while Redis is left alone after a failure; a failure starts the interval."""
    if _redis_left_alone():
        raise RedisLeftAlone("Redis left alone for a few seconds after a failure")
    try:
        yield
    except RedisError:
        _redis_failed()
        raise
