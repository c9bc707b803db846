"""Brief units through a broker with Celery (Redis or RabbitMQ): the producer side
(:class:`Broker`) and the task that ``briefbot worker`` runs (:data:`app`, :func:`brief_task`).

Delivery is at least once: tasks are acknowledged after they ran (``task_acks_late``), a task
whose worker process died is given back to the broker (``task_reject_on_worker_lost``), and
each worker takes one task at a time (``worker_prefetch_multiplier = 1``). When a whole
``briefbot worker`` is killed, RabbitMQ re-queues its unacknowledged task as soon as the
connection drops; Redis gives it back after ``queue.visibility_timeout`` seconds. Writes are
idempotent (:func:`bot.work.units.brief_article`), so a unit run twice stores one brief.

Celery is imported only when a broker is configured: ``briefbot run`` without ``queue.url``
never loads it.
"""

from __future__ import annotations

import logging

from celery import Celery

from bot.obs import metrics
from bot.work.units import UnitSpec, brief_article

log = logging.getLogger("briefbot.work")

BRIEF_TASK = "briefbot.brief_article"

app = Celery("briefbot")
"""The Celery application; :func:`configure` points it at the configured broker."""

_spec: dict[str, UnitSpec] = {}


def configure(settings) -> Celery:
    """Point :data:`app` at ``settings.queue`` and remember the unit spec of ``settings``; returns it."""
    q = settings.queue
    _reset_pools()  # connections to a broker configured before belong to it
    app.conf.update(
        broker_url=q.url,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": q.visibility_timeout},
        task_default_queue=q.name,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=True,
        task_send_sent_event=True,
    )
    _spec["spec"] = UnitSpec.from_settings(settings)
    return app


@app.task(name=BRIEF_TASK, bind=True, max_retries=5)
def brief_task(self, article_id: int) -> list[str]:
    """Task: :func:`bot.work.units.brief_article` for ``article_id`` with this worker's settings.
    Database errors are retried (with a growing delay); returns ``topic:status`` strings."""
    spec = _spec.get("spec")
    if spec is None:  # pragma: no cover - a worker always configures first
        raise RuntimeError("the briefbot worker is not configured")
    with metrics.unit_running("brief"):
        try:
            results = brief_article(spec, int(article_id))
        except Exception as exc:
            from sqlalchemy.exc import SQLAlchemyError

            if isinstance(exc, SQLAlchemyError):
                metrics.UNITS_RETRIED.labels("brief").inc()
                raise self.retry(exc=exc, countdown=min(60, 2 ** self.request.retries))
            metrics.UNITS_FAILED.labels("brief").inc()
            raise
    metrics.count_briefs(results)
    return [f"{r.topic}:{r.status}" for r in results]


class Broker:
    """The producer side: sends brief units to ``settings.queue``. Thread-safe (Celery's producer pool)."""

    def __init__(self, settings):
        self.settings = settings
        configure(settings)

    def send_brief(self, article_id: int) -> None:
        """Queue the brief unit of ``article_id`` (blocking network call: run it off the event loop).
        Raises kombu's ``OperationalError`` when the broker cannot be reached."""
        app.send_task(BRIEF_TASK, args=[int(article_id)], queue=self.settings.queue.name,
                      retry=True, retry_policy={"max_retries": 3, "interval_start": 0.5, "interval_step": 1})

    def depth(self) -> int:
        """Units waiting in the queue (not counting ones a worker holds). Raises when the broker does not answer."""
        with app.connection_for_write() as conn:
            with conn.channel() as channel:
                return channel.queue_declare(self.settings.queue.name, passive=True).message_count

    def close(self) -> None:
        """Release the broker connections (a later :func:`configure` opens new ones)."""
        _reset_pools()


def _reset_pools() -> None:
    """Close the app's connection and producer pools (kombu's registries of them too), so the
    next use opens fresh ones."""
    from kombu import pools

    pools.reset()
    app._pool = None
    amqp = app.__dict__.get("amqp")  # a cached_property: only when already made
    if amqp is not None and getattr(amqp, "_producer_pool", None) is not None:
        amqp._producer_pool = None
