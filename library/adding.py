"""Adding a picture to the library from somewhere other than the desk (the
demo newsroom, an archive import), once.

Such a picture is named by where it came from (``Image.source``): run the
seed or the import again and the same picture is found, not added twice.
"""

from library.crops import queue_social_crop
from library.models import Image


def add_once(source, upload, **texts):
    """The library image that came from ``source``. The first call stores
    ``upload`` (a file, or a callable returning one, so a second run reads
    nothing) with ``texts`` (alt, caption, credit…): the field's own save
    queues its renditions, and a task cuts the social crop after them
    (``library.crops``)."""
    image = Image.objects.filter(source=source).first()
    if image is None:
        image = Image(source=source, **texts)
        upload = upload() if callable(upload) else upload
        image.file.save(upload.name, upload, save=False)
        image.save()
        queue_social_crop(image)
    return image
