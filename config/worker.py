"""`make worker` (and the worker `make run` starts): the background task worker that TASKS_BACKEND asks for.

TASKS_BACKEND=database (the default): django-tasks-db's `manage.py db_worker`, which polls PostgreSQL. TASKS_BACKEND=rq:
RQ's `manage.py rqworker` on REDIS_URL, with django-tasks-rq's job class (it runs our @task functions). Start one per
core on as many machines as needed; each takes the next job from Redis. Extra arguments are passed on.

RQ's SimpleWorker runs each job in the worker process, as db_worker does. RQ's default forks a process per job, which
then imports the import pipeline and connects to PostgreSQL again: a 20,000-row import took 14 s that way against
8.5 s in the worker itself (bench/task_queue.py). A worker that dies mid-job is handled like a dead db_worker
(rosters.recovery); run it under a service manager that restarts it.
"""

import os
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def worker_command() -> list[str]:
    from django.conf import settings

    if settings.TASKS["default"]["BACKEND"] == settings.TASK_BACKENDS["rq"]:
        return [
            "rqworker",
            "--worker-class",
            "rq.worker.SimpleWorker",
            "--job-class",
            "django_tasks_rq.backend.Job",
            *settings.RQ_QUEUES,
        ]
    return ["db_worker", "--queue-name", "*"]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    command = [sys.executable, str(MANAGE), *worker_command(), *sys.argv[1:]]
    print("Task worker:", " ".join(command[1:]), flush=True)
    # exec, not a child: `make stop` and Ctrl+C reach the worker itself through the pid that was recorded.
    os.execv(sys.executable, command)


if __name__ == "__main__":
    main()
