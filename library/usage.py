"""Where a library image is used: every row pointing at it, whatever app it
belongs to (articles' heroes, authors' avatars, any later user), found from
the model's relations rather than named here, so the library stays below
the apps that use it."""

from django.urls import NoReverseMatch, reverse

from library.models import Image


def relations():
    """The relations of other models pointing at ``Image``."""
    return [
        relation
        for relation in Image._meta.related_objects
        if relation.many_to_one or relation.one_to_one
    ]


def uses(image, limit=50):
    """[(kind, object, desk URL or "")] of up to ``limit`` rows using ``image``."""
    found = []
    for relation in relations():
        model = relation.related_model
        rows = model._default_manager.filter(**{relation.field.name: image})
        for row in rows[: max(limit - len(found), 0)]:
            try:
                url = reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[row.pk],
                )
            except NoReverseMatch:
                url = ""
            found.append((model._meta.verbose_name, row, url))
    return found
