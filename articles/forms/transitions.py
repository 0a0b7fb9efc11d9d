"""The small forms behind the workflow buttons on the change page (a step's
note, a time to go live) and the form that makes a shareable preview link."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.times import newsroom_zone


class TransitionForm(forms.Form):
    """The note that goes with a step of the workflow.

    Whether a note is required is the workflow's rule (it raises
    ``InvalidTransition`` without one); ``note_required`` only marks the field
    for the browser, so most people are told before they send.
    """

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
    )

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.note_required = note_required
        if note_required:
            self.fields["note"].widget.attrs["required"] = True

    def transition_kwargs(self):
        """Keyword arguments for the workflow function."""
        return {"note": self.cleaned_data["note"]}


class ApproveForm(TransitionForm):
    """Approve now, or at a date and time in the newsroom's zone."""

    schedule_legend = _("Schedule (optional)")

    publish_date = forms.DateField(
        label=_("Go live on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    publish_time = forms.TimeField(
        label=_("at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean(self):
        cleaned_data = super().clean()
        day = cleaned_data.get("publish_date")
        at = cleaned_data.get("publish_time")
        cleaned_data["publish_at"] = None
        if self.errors:
            return cleaned_data
        if (day is None) != (at is None):
            raise forms.ValidationError(
                _("Give both a date and a time to schedule, or neither to publish now.")
            )
        if day is not None:
            # The newsroom's zone, whatever zone a request may have activated:
            # 09:00 means 09:00 on the newsroom's clock. A time that does not
            # exist there (the hour skipped when clocks go forward) is refused.
            with timezone.override(newsroom_zone()):
                cleaned_data["publish_at"] = from_current_timezone(
                    datetime.combine(day, at)
                )
        return cleaned_data

    def transition_kwargs(self):
        kwargs = super().transition_kwargs()
        kwargs["publish_at"] = self.cleaned_data["publish_at"]
        return kwargs


class RescheduleForm(ApproveForm):
    """A scheduled article's new time, in the newsroom's zone, or none to
    publish it now."""

    schedule_legend = _("New time (optional)")


class PreviewLinkForm(forms.Form):
    """A new shareable preview link and how long it works."""

    days = forms.IntegerField(
        label=_("Expires in (days)"),
        min_value=1,
        max_value=90,
        widget=forms.NumberInput(attrs={"size": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.NEWSROOM_PREVIEW_DAYS
