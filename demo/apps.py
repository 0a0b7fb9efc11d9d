from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom: data (``newsroom.json`` and ``images/``) and the
    command that loads it. It sits above every content app and nothing
    imports it."""

    name = "demo"
    verbose_name = "Demo newsroom"
