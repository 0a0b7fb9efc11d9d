"""Library images inside rich-text bodies, as the reader's pages show them.

A body keeps only a reference to a library image (newsroom/richtext.py): its
id, and this use's alt text and caption when the journalist gave them. On a
page the reference becomes a responsive figure (templates/library/
inline_image.html): the picture with its renditions as ``srcset``, its
width and height (no layout shift), lazy loading, and a caption with the
credit. Newsroom's body filter reaches these two functions through the seam
it offers (``use_inline_images``), set in library/apps.py, since newsroom
sits below the library.
"""

from django.template.loader import render_to_string

from library.models import Image

# The article's text column (site.css: .container--text, 42rem; less the
# gutters on a phone).
SIZES = "(min-width: 48em) 42rem, calc(100vw - 2rem)"


def resolve(ids):
    """{id: Image} for the ``ids`` that still exist, in one query."""
    return {image.pk: image for image in Image.objects.filter(pk__in=ids)}


def render(image, alt="", caption=""):
    """``image`` as a figure of a body: this use's ``alt`` and ``caption``
    when given, else the library's."""
    return render_to_string(
        "library/inline_image.html",
        {
            "image": image,
            "alt": alt or image.alt,
            "caption": caption or image.caption,
            "sizes": SIZES,
        },
    )
