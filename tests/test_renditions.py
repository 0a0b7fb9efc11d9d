"""Responsive images: library images (heroes, avatars) get smaller copies
(renditions) that pages offer in ``srcset``, so a phone is not sent a
1600-pixel picture for a 380-pixel slot. See newsroom/renditions.py and
library/models.py (the widths: an avatar's and a hero's alike)."""

import io
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus, default_task_backend
from imagekit import register, unregister
from imagekit.cachefiles import ImageCacheFile
from PIL import ExifTags, Image, ImageCms, ImageFile, ImageOps

from articles.models import Article
from authors.models import Author
from demo.management.commands.seed_demo import read_image
from library.models import Image as LibraryImage
from newsroom.renditions import RENDITION, Rendition, draw_renditions, rendition_name
from tests import task_worker
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    admin_article_data,
)
from tests.task_worker import queued_of, run_the_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
database_tasks = task_worker.database_tasks  # a fixture here too

ADD_IMAGE = reverse("admin:library_image_add")


def demo_hero():
    """A 1600 × 900 JPEG of the demo's: shapes and gradients, ~55 KB."""
    return read_image("world.jpg")


def jpeg_bytes(size, **save_options):
    buffer = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").resize(size).save(
        buffer, "JPEG", **save_options
    )
    return buffer.getvalue()


def article_with_hero(content=None, name="harbour.jpg", **fields):
    """A live article whose hero went into the library through the field, as
    the desk does."""
    image = LibraryImage(alt="The harbour at dawn")
    image.file.save(name, ContentFile(content or demo_hero()))
    return ArticleFactory(hero_image=image, **fields)


def article_with_old_hero(name="articles/2019/05/old-photo.jpg", content=None):
    """An article whose hero was stored before renditions existed (and moved
    into the library as it was)."""
    stored = default_storage.save(name, ContentFile(content or demo_hero()))
    image = LibraryImage.objects.create(
        file=stored, width=1600, height=900, renditions=[], alt="An old photo"
    )
    return ArticleFactory(hero_image=image)


def library_rows():
    return LibraryImage.objects.all()


class Images(HTMLParser):
    """The attributes of every <img> on a page."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))

    def with_class(self, name):
        return [img for img in self.found if name in img.get("class", "").split()]


def images_on(client, url, css_class):
    response = client.get(url)
    assert response.status_code == 200
    return Images(response.content.decode()).with_class(css_class)


def candidates(srcset):
    """[(url, width)] of a srcset."""
    pairs = [entry.strip().rsplit(" ", 1) for entry in srcset.split(",")]
    return [(url, int(descriptor.rstrip("w"))) for url, descriptor in pairs]


# --- Made on upload ---------------------------------------------------------------


def library_upload_data(upload, **fields):
    """What the library's "add image" form posts."""
    return {
        "file": upload,
        "alt": "The harbour at dawn",
        "caption": "",
        "credit": "",
        "copyright": "",
        "source": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }


def test_image_uploaded_to_the_library_gets_smaller_webp_renditions(
    editor_client, media_root
):
    original = demo_hero()

    response = editor_client.post(
        ADD_IMAGE, library_upload_data(ContentFile(original, name="harbour.jpg"))
    )

    assert response.status_code == 302, response.context["errors"]
    image = LibraryImage.objects.get()
    assert image.renditions == [128, 256, 480, 800, 1200]
    stored_original = (media_root / image.name).stat().st_size
    sizes = {}
    for width in image.renditions:
        path = media_root / rendition_name(image.name, width)
        with Image.open(path) as rendition:
            assert rendition.format == "WEBP"
            # Same shape as the original: 16:9 at every width.
            assert rendition.size == (width, round(900 * width / 1600))
        sizes[width] = path.stat().st_size
    assert sizes[128] < sizes[480] < sizes[800] < sizes[1200] < stored_original
    # The slot a phone's card fills is sent a fraction of the bytes.
    assert sizes[800] < stored_original / 2


def test_camera_sized_hero_is_offered_up_to_twice_the_article_column(media_root):
    article = article_with_hero(jpeg_bytes((3000, 2000)))

    assert article.hero_image.renditions == [128, 256, 480, 800, 1200, 1600, 2000]
    # A retina desktop's 960-pixel hero needs 1920: the 2000, not the original.
    widths = [width for _url, width in candidates(article.hero_image.srcset)]
    assert widths == [128, 256, 480, 800, 1200, 1600, 2000, 3000]


def test_a_camera_photo_is_decoded_once_for_all_its_renditions(monkeypatch):
    # Each rendition is scaled from the wider one drawn before it, not from
    # the original decoded again: seven widths, one decode.
    decodes = []
    load = ImageFile.ImageFile.load

    def counting_load(image):
        if image.tile:  # pixels still to decode
            decodes.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    article = article_with_hero(jpeg_bytes((3000, 2000)))

    assert article.hero_image.renditions == [128, 256, 480, 800, 1200, 1600, 2000]
    assert decodes == [(3000, 2000)]
    for width in article.hero_image.renditions:
        path = default_storage.path(rendition_name(article.hero_image.name, width))
        with Image.open(path) as rendition:
            assert rendition.size == (width, round(2000 * width / 3000))


def test_image_narrower_than_a_rendition_width_is_never_scaled_up(media_root):
    article = article_with_hero(jpeg_bytes((700, 400)))

    assert article.hero_image.renditions == [128, 256, 480]
    name = article.hero_image.name
    assert (media_root / rendition_name(name, 480)).exists()
    for width in (800, 1200):
        assert not (media_root / rendition_name(name, width)).exists()
    srcset = article.hero_image.srcset
    assert [width for _url, width in candidates(srcset)] == [128, 256, 480, 700]


def test_image_smaller_than_every_width_is_shown_as_it_is(client, media_root):
    article = article_with_hero(jpeg_bytes((120, 90)))

    assert article.hero_image.renditions == []
    assert [p.name for p in media_root.rglob("*") if p.is_file()] == [
        article.hero_image.name.rsplit("/", 1)[-1]
    ]
    (hero,) = images_on(client, article.get_absolute_url(), "article__hero-image")
    assert "srcset" not in hero
    assert (hero["width"], hero["height"]) == ("120", "90")


def jpeg_with_location_and_comment():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    return jpeg_bytes((1000, 600), exif=exif.tobytes(), comment=b"source: Jane at home")


def test_renditions_carry_no_metadata_even_from_an_old_upload_that_has_it(
    media_root,
):
    # Uploads are cleaned before they are stored; one from before that was
    # not, and its renditions must still leave the location behind.
    article = article_with_old_hero(content=jpeg_with_location_and_comment())
    LibraryImage.objects.filter(pk=article.hero_image.pk).update(width=1000, height=600)

    call_command("make_renditions", stdout=io.StringIO())

    article.refresh_from_db()
    assert article.hero_image.renditions == [128, 256, 480, 800]
    for width in article.hero_image.renditions:
        path = media_root / rendition_name(article.hero_image.name, width)
        content = path.read_bytes()
        with Image.open(path) as rendition:
            assert not rendition.getexif()
            assert "xmp" not in rendition.info
        assert b"Exif" not in content
        assert b"SecretCam" not in content
        assert b"Jane at home" not in content


def test_renditions_of_an_old_upload_with_a_colour_profile_keep_none_of_it(
    media_root,
):
    # Stored before uploads dropped profiles: its renditions are converted to
    # sRGB through it and carry not a byte of it.
    marker = b"MARKER-profile-payload"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    old = jpeg_bytes((1000, 600), icc_profile=profile + marker)
    assert marker in old
    article = article_with_old_hero(content=old)
    LibraryImage.objects.filter(pk=article.hero_image.pk).update(width=1000, height=600)

    call_command("make_renditions", stdout=io.StringIO())

    article.refresh_from_db()
    assert article.hero_image.renditions == [128, 256, 480, 800]
    for width in article.hero_image.renditions:
        path = media_root / rendition_name(article.hero_image.name, width)
        assert marker not in path.read_bytes()
        with Image.open(path) as rendition:
            assert "icc_profile" not in rendition.info


def brighter_side(picture):
    grey = picture.convert("L")
    width, height = grey.size
    left, right = (
        grey.getpixel((2, height // 2)),
        grey.getpixel((width - 3, height // 2)),
    )
    return "left" if left > right else "right"


def test_an_old_camera_photo_turned_by_its_exif_gets_upright_renditions(media_root):
    # Stored before uploads turned photos upright: 4000 × 3000 as the camera
    # wrote it, and a tag saying it stands 3000 wide. Renditions are drawn
    # from a smaller decoding of it, which must be turned the same way.
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    old = jpeg_bytes((4000, 3000), exif=exif.tobytes())
    article = article_with_old_hero(content=old)
    LibraryImage.objects.filter(pk=article.hero_image.pk).update(
        width=4000, height=3000
    )
    with Image.open(io.BytesIO(old)) as camera:
        upright = ImageOps.exif_transpose(camera)

    call_command("make_renditions", stdout=io.StringIO())

    article.refresh_from_db()
    assert (article.hero_image.width, article.hero_image.height) == (3000, 4000)
    assert article.hero_image.renditions == [128, 256, 480, 800, 1200, 1600, 2000]
    for width in article.hero_image.renditions:
        path = media_root / rendition_name(article.hero_image.name, width)
        with Image.open(path) as rendition:
            assert rendition.size == (width, round(4000 * width / 3000))
            assert brighter_side(rendition) == brighter_side(upright)


def test_replacing_an_images_file_gives_the_new_one_renditions_and_keeps_them(
    editor_client, media_root
):
    article = article_with_hero(status=Article.Status.DRAFT, published_at=None)
    image = article.hero_image
    change = reverse("admin:library_image_change", args=[image.pk])
    old_name = image.name

    response = editor_client.post(
        change,
        library_upload_data(ContentFile(jpeg_bytes((900, 600)), name="new.jpg")),
    )
    assert response.status_code == 302, response.context["errors"]
    image.refresh_from_db()
    assert image.name != old_name
    assert image.renditions == [128, 256, 480, 800]
    assert (image.width, image.height) == (900, 600)

    # A save that leaves the file alone keeps what is recorded.
    response = editor_client.post(
        change, library_upload_data("", caption="Harbour reopens at last")
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "Harbour reopens at last"
    assert image.renditions == [128, 256, 480, 800]


def test_an_article_that_drops_its_hero_leaves_the_library_image_whole(
    editor_client,
):
    article = article_with_hero(status=Article.Status.DRAFT, published_at=None)
    image = article.hero_image
    change = reverse("admin:articles_article_change", args=[article.pk])

    response = editor_client.post(change, admin_article_data(article, hero_image=""))

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert not article.hero_image
    image.refresh_from_db()
    assert image.renditions == [128, 256, 480, 800, 1200]


def test_deleting_the_image_file_deletes_its_renditions_too(media_root):
    article = article_with_hero()

    article.hero_image.file.delete()

    assert list(media_root.rglob("*.*")) == []
    assert LibraryImage.objects.get().renditions == []


# --- Drawn by a task worker -------------------------------------------------------


def test_with_a_worker_an_upload_returns_at_once_and_the_page_shows_the_original_until_the_renditions_are_drawn(  # noqa: E501
    editor_client,
    client,
    media_root,
    page_cache,
    database_tasks,
    django_capture_on_commit_callbacks,
):
    article = ArticleFactory(hero_alt="The harbour at dawn", hero_credit="Ada Lens")
    change = reverse("admin:articles_article_change", args=[article.pk])
    client.get(article.get_absolute_url())  # the page, cached without a hero

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            ADD_IMAGE,
            library_upload_data(ContentFile(demo_hero(), name="harbour.jpg")),
        )
    assert response.status_code == 302, response.context["errors"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change,
            admin_article_data(article, hero_image=LibraryImage.objects.get().pk),
        )

    assert response.status_code == 302, response.context["errors"]
    (queued,) = queued_of(draw_renditions, database_tasks)
    assert default_task_backend.get_result(queued.id).status == TaskResultStatus.READY
    article.refresh_from_db()
    assert article.hero_image.renditions == []
    assert (article.hero_image.width, article.hero_image.height) == (1600, 900)
    assert list(media_root.rglob("*.webp")) == []
    (hero,) = images_on(client, article.get_absolute_url(), "article__hero-image")
    assert "srcset" not in hero
    assert hero["src"] == article.hero_image.url
    assert client.get(urlsplit(hero["src"]).path).status_code == 200
    assert (hero["width"], hero["height"]) == ("1600", "900")

    run_the_worker()

    assert default_task_backend.get_result(queued.id).status == (
        TaskResultStatus.SUCCESSFUL
    )
    article.refresh_from_db()
    assert article.hero_image.renditions == [128, 256, 480, 800, 1200]
    # The cached page moves on by itself: it offers them at once.
    (hero,) = images_on(client, article.get_absolute_url(), "article__hero-image")
    assert [width for _url, width in candidates(hero["srcset"])] == [
        128,
        256,
        480,
        800,
        1200,
        1600,
    ]
    assert_resolves_to_webp_or_original(client, hero["srcset"])


def test_renditions_queued_for_a_hero_replaced_before_the_worker_ran_are_never_drawn(
    media_root, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_with_hero()
        article.hero_image.file.save("other.jpg", ContentFile(jpeg_bytes((900, 600))))
    assert len(queued_of(draw_renditions, database_tasks)) == 2

    run_the_worker()

    article.refresh_from_db()
    assert article.hero_image.renditions == [128, 256, 480, 800]
    drawn = sorted(path.name for path in media_root.rglob("*.webp"))
    assert drawn == [
        rendition_name(article.hero_image.name, width).rsplit("/", 1)[-1]
        for width in (128, 256, 480, 800)
    ]


# --- Offered on pages -------------------------------------------------------------


def assert_resolves_to_webp_or_original(client, srcset):
    for url, width in candidates(srcset):
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content)
        with Image.open(io.BytesIO(content)) as image:
            assert image.width == width


def test_article_page_offers_the_hero_at_each_width_with_sizes(client):
    article = article_with_hero()

    (hero,) = images_on(client, article.get_absolute_url(), "article__hero-image")

    assert [width for _url, width in candidates(hero["srcset"])] == [
        128,
        256,
        480,
        800,
        1200,
        1600,
    ]
    assert_resolves_to_webp_or_original(client, hero["srcset"])
    assert hero["sizes"].endswith("calc(100vw - 2rem)")
    assert "60rem" in hero["sizes"]
    assert hero["src"] == article.hero_image.url
    assert (hero["width"], hero["height"]) == ("1600", "900")
    assert hero["alt"] == "The harbour at dawn"
    assert hero["fetchpriority"] == "high"


def test_cards_offer_renditions_sized_for_their_layout(client):
    category_article = article_with_hero()
    lead_url = reverse("articles:home")

    lead = images_on(client, lead_url, "card__image")[0]
    (listed,) = images_on(
        client, category_article.category.get_absolute_url(), "card__image"
    )

    for card in (lead, listed):
        assert_resolves_to_webp_or_original(client, card["srcset"])
        assert card["sizes"].endswith("calc(100vw - 2rem)")
        assert card["alt"] == "The harbour at dawn"
    # The lead spans most of the home page; a listed card's image a column.
    assert "47.75rem" in lead["sizes"]
    assert "19.8rem" in listed["sizes"]
    # Each is the first picture on its page: fetched at once.
    assert lead["fetchpriority"] == "high"
    assert listed["fetchpriority"] == "high"


def test_grid_cards_are_sized_for_four_across_on_wide_screens(client):
    category = article_with_hero().category
    # The newest is the home page's lead; the rest fill its category block.
    for number in range(3):
        article_with_hero(category=category, name=f"more-{number}.jpg")

    grid_cards = images_on(client, reverse("articles:home"), "card__image")[1:]

    assert grid_cards
    for card in grid_cards:
        assert "17.125rem" in card["sizes"]


def test_old_hero_without_renditions_is_shown_by_its_plain_src(client):
    article = article_with_old_hero()

    (hero,) = images_on(client, article.get_absolute_url(), "article__hero-image")

    assert "srcset" not in hero
    assert "sizes" not in hero
    assert client.get(hero["src"]).status_code == 200
    assert (hero["width"], hero["height"]) == ("1600", "900")


def test_pages_are_rendered_without_asking_the_storage_anything(client, monkeypatch):
    article = article_with_hero()

    def refuse(*args, **kwargs):
        raise AssertionError("A page asked the storage about a file.")

    for method in ("exists", "open", "size", "listdir"):
        monkeypatch.setattr(FileSystemStorage, method, refuse)
    for url in (
        article.get_absolute_url(),
        reverse("articles:home"),
        article.category.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert b"srcset=" in response.content


def test_pages_never_draw_a_rendition_while_a_reader_waits(
    client, media_root, monkeypatch
):
    article = article_with_hero()
    # Even with its renditions gone from storage, a page only names them
    # (django-imagekit's default strategy would draw them there and then).
    for path in media_root.rglob("*.webp"):
        path.unlink()

    def refuse(*args, **kwargs):
        raise AssertionError("A page drew a rendition.")

    monkeypatch.setattr(ImageCacheFile, "generate", refuse)
    monkeypatch.setattr(Rendition, "generate", refuse)
    for url in (
        article.get_absolute_url(),
        reverse("articles:home"),
        article.category.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert b"srcset=" in response.content
    assert list(media_root.rglob("*.webp")) == []


def test_author_avatar_gets_small_renditions_offered_in_the_author_box(client):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 400), (30, 90, 160)).save(buffer, "PNG")
    portrait = LibraryImage(alt="Ada")
    portrait.file.save("ada.png", ContentFile(buffer.getvalue()))
    author = AuthorFactory(avatar=portrait)
    article = ArticleFactory(bylines=[author])

    assert author.avatar.renditions == [128, 256]
    (portrait,) = images_on(client, article.get_absolute_url(), "avatar")
    assert [width for _url, width in candidates(portrait["srcset"])] == [
        128,
        256,
        400,
    ]
    assert portrait["sizes"] == "88px"
    assert_resolves_to_webp_or_original(client, portrait["srcset"])
    (profile,) = images_on(client, author.get_absolute_url(), "avatar")
    assert profile["sizes"] == "(min-width: 48em) 128px, 96px"


# --- Catching up: manage.py make_renditions ---------------------------------------


def test_backfill_gives_old_images_renditions_once_for_all_rows_sharing_one(
    media_root,
):
    first = article_with_old_hero()
    # The demo archive shares one file among many articles.
    LibraryImage.objects.create(
        file=first.hero_image.name, width=1600, height=900, alt="The same photo"
    )
    output = io.StringIO()

    call_command("make_renditions", stdout=output)

    assert "1 given renditions" in output.getvalue()
    for image in library_rows():
        assert image.renditions == [128, 256, 480, 800, 1200]
    written = {path: path.stat().st_mtime_ns for path in media_root.rglob("*.webp")}
    assert len(written) == 5

    again = io.StringIO()
    call_command("make_renditions", stdout=again)

    assert "0 given renditions" in again.getvalue()
    assert {
        path: path.stat().st_mtime_ns for path in media_root.rglob("*.webp")
    } == written


def test_backfill_reports_an_image_missing_from_storage_and_goes_on(media_root):
    article = article_with_old_hero()
    (media_root / article.hero_image.name).unlink()
    other = article_with_old_hero(name="articles/2019/05/other.jpg")
    output = io.StringIO()

    call_command("make_renditions", stdout=output)

    assert f"Missing from storage: {article.hero_image.name}" in output.getvalue()
    recorded = dict(LibraryImage.objects.values_list("pk", "renditions"))
    assert recorded == {
        article.hero_image.pk: [],
        other.hero_image.pk: [128, 256, 480, 800, 1200],
    }


def test_backfill_records_renditions_already_stored_without_redrawing_them(
    media_root,
):
    article = article_with_hero()
    LibraryImage.objects.filter(pk=article.hero_image.pk).update(renditions=[])
    before = {path: path.stat().st_mtime_ns for path in media_root.rglob("*.webp")}

    call_command("make_renditions", stdout=io.StringIO())

    article.refresh_from_db()
    assert article.hero_image.renditions == [128, 256, 480, 800, 1200]
    after = {path: path.stat().st_mtime_ns for path in media_root.rglob("*.webp")}
    assert after == before


def test_demo_authors_avatars_come_with_renditions(media_root):
    portrait = LibraryImage(alt="Portrait of Ada Lovelace")
    portrait.file.save("ada.png", ContentFile(read_image("helena-marsh.png")))
    author = Author.objects.create(name="Ada Lovelace", slug="ada", avatar=portrait)

    author.refresh_from_db()

    assert author.avatar.renditions == [128, 256]
    assert author.avatar.srcset.count("w,") == 2


def test_an_installation_swaps_in_its_own_rendition_spec_and_remakes_every_one(
    media_root,
):
    # imagekit's registry: a spec registered under the same id is used for
    # every rendition, and make_renditions --replace redraws the stored ones
    # with it, under the same names.
    article = article_with_hero()
    name = article.hero_image.name
    before = {
        width: (media_root / rendition_name(name, width)).stat().st_size
        for width in article.hero_image.renditions
    }

    class Thrifty(Rendition):
        options = {"quality": 20, "method": 4}

    unregister.generator(RENDITION)
    register.generator(RENDITION, Thrifty)
    try:
        call_command("make_renditions", "--replace", stdout=io.StringIO())
    finally:
        unregister.generator(RENDITION)
        register.generator(RENDITION, Rendition)

    article.refresh_from_db()
    assert article.hero_image.renditions == [128, 256, 480, 800, 1200]
    assert sorted(p.name for p in media_root.rglob("*.webp")) == sorted(
        rendition_name(name, width).rsplit("/", 1)[-1] for width in before
    )
    for width, size in before.items():
        path = media_root / rendition_name(name, width)
        assert path.stat().st_size < size
        with Image.open(path) as rendition:
            assert rendition.size == (width, round(900 * width / 1600))
