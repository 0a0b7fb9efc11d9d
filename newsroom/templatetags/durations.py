from django import template

register = template.Library()


@register.filter
def minutes(duration):
    """A timedelta in whole minutes, rounded up (never "0 minutes")."""
    return max(1, -(-int(duration.total_seconds()) // 60))
