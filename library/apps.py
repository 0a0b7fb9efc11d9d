from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Image library")

    def ready(self):
        # Newsroom's body filter shows library images through this seam (it
        # may not import the library); deleting an image a body still shows
        # is refused.
        from django.db.models.signals import pre_delete

        from library import inline, usage
        from library.models import Image
        from newsroom.templatetags.bodies import use_inline_images

        use_inline_images(resolve=inline.resolve, render=inline.render)
        pre_delete.connect(
            usage.refuse_deleting_inline, sender=Image, dispatch_uid="library-inline"
        )
