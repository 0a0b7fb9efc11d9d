"""The scheduler's heartbeat: when ``manage.py publish_scheduled`` last ran,
for the desk's warning that scheduled articles are not going live."""

from django.db import IntegrityError, models, transaction


class SchedulerHeartbeat(models.Model):
    """When ``manage.py publish_scheduled`` last finished a run: one row, so
    the desk can tell a scheduler that is not running from one that is."""

    SINGLETON_PK = 1

    last_run_at = models.DateTimeField()
    last_run_handled = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "scheduler heartbeat"

    def __str__(self):
        return f"publish_scheduled last ran at {self.last_run_at:%Y-%m-%d %H:%M %Z}"

    @classmethod
    def record(cls, *, at, handled):
        """Note a finished run. Safe when two runs finish at once: the row is
        updated in place, and a lost race to create it becomes an update."""
        values = {"last_run_at": at, "last_run_handled": handled}
        if cls.objects.filter(pk=cls.SINGLETON_PK).update(**values):
            return
        try:
            with transaction.atomic():
                cls.objects.create(pk=cls.SINGLETON_PK, **values)
        except IntegrityError:
            cls.objects.filter(pk=cls.SINGLETON_PK).update(**values)

    @classmethod
    def last_run_at_or_none(cls):
        return (
            cls.objects.filter(pk=cls.SINGLETON_PK)
            .values_list("last_run_at", flat=True)
            .first()
        )
