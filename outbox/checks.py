"""
`check --deploy`: production must run background tasks on a queue with a worker, never inside
requests (a mail server that hangs would then hang residents' answers).
"""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

IN_REQUEST_BACKENDS = (
    "django_tasks.backends.immediate.ImmediateBackend",
    "django_tasks.backends.dummy.DummyBackend",
)


@checks.register(checks.Tags.compatibility, deploy=True)
def tasks_run_outside_requests(app_configs, **kwargs):
    in_request = tuple(import_string(path) for path in IN_REQUEST_BACKENDS)
    errors = []
    for alias, config in getattr(settings, "TASKS", {}).items():
        path = config.get("BACKEND", "")
        try:
            backend = import_string(path)
        except ImportError:
            continue  # django-tasks reports a backend that cannot be imported
        if isinstance(backend, type) and issubclass(backend, in_request):
            errors.append(
                checks.Error(
                    f"The task backend {alias!r} ({path}) runs tasks inside the request or not "
                    "at all: a slow mail server would hold up residents' answers, and e-mails "
                    "would not be retried.",
                    hint="Set TASKS_BACKEND=django_tasks_db.DatabaseBackend (the default) and "
                    "run `python manage.py db_worker` beside the web server (README, "
                    "'Deploying to production').",
                    id="outbox.E001",
                )
            )
    return errors
