from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = "Actors, topics and statements"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
