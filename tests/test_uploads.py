"""Hostile and careless uploads through the desk's real forms: the image
library (where every hero and avatar comes from) and the site's logo all go
through newsroom.uploads."""

import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from library.models import Image as LibraryImage
from newsroom import held_uploads
from newsroom.media import cache_control
from newsroom.renditions import rendition_name
from newsroom.s3 import MediaStorage
from tests.factories import (
    EditorFactory,
    png_upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ADD_IMAGE = reverse("admin:library_image_add")


def image_data(file, **fields):
    """What the library's "add image" form posts."""
    return {
        "file": file,
        "alt": "A picture",
        "caption": "",
        "credit": "",
        "copyright": "",
        "source": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }


def stored_image():
    return LibraryImage.objects.get()


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(image_format, size=(64, 48), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(
        buffer, format=image_format, **save_options
    )
    return buffer.getvalue()


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_claiming_size(width, height):
    """A small, well-formed PNG whose header states ``width`` × ``height``."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def gif_javascript_polyglot():
    # Valid GIF, and valid JavaScript when served as a script.
    return image_bytes("GIF") + b"*/=1;alert(document.domain);/*"


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"

# name, content, the message the desk shows
REFUSED = {
    "zero_byte": ("empty.png", b"", "The file is empty"),
    "renamed_svg": ("chart.png", SVG, "not an image we accept"),
    "renamed_html": ("photo.jpg", HTML, "not an image we accept"),
    "gif_javascript_polyglot": (
        "anim.png",
        gif_javascript_polyglot(),
        "not an image we accept",
    ),
    "bmp": ("old.png", image_bytes("BMP"), "not an image we accept"),
    "truncated_png": (
        "cut.png",
        image_bytes("PNG", size=(300, 200))[:400],
        "could not be read completely",
    ),
    "truncated_jpeg": (
        "cut.jpg",
        image_bytes("JPEG", size=(300, 200))[:600],
        "could not be read completely",
    ),
    "huge_dimension_png": (
        "wide.png",
        png_claiming_size(10_000, 5_000),
        "10000 × 5000 pixels",
    ),
    "decompression_bomb": (
        "bomb.png",
        png_claiming_size(100_000, 100_000),
        "far beyond the limit",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_bad_image_is_refused_by_the_library_with_a_message_and_nothing_stored(
    editor_client, media_root, case
):
    name, content, message = REFUSED[case]

    response = editor_client.post(ADD_IMAGE, image_data(upload(name, content)))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LibraryImage.objects.exists()
    assert stored_files(media_root) == []


def test_site_logo_goes_through_the_same_checks(client, media_root):
    from newsroom.models import SiteSettings

    site = SiteSettings.objects.first() or SiteSettings.objects.create(name="News")
    client.force_login(EditorFactory(is_superuser=True))

    response = client.post(
        reverse("admin:newsroom_sitesettings_change", args=[site.pk]),
        {"name": "News", "logo": upload("logo.png", SVG)},
    )

    assert response.status_code == 200
    assert "not an image we accept" in response.content.decode()
    assert stored_files(media_root) == []


def jpeg_with_location_and_orientation():
    """A 60 × 20 JPEG, tagged to be shown turned a quarter (orientation 6),
    carrying a camera model, GPS coordinates and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Model] = "SecretCam 3000"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    return image_bytes(
        "JPEG", size=(60, 20), exif=exif.tobytes(), comment=b"source: Jane at home"
    )


def test_hero_image_is_stored_upright_without_exif_gps_or_comment(
    editor_client, media_root
):
    data = image_data(
        upload("IMG_0042.JPG", jpeg_with_location_and_orientation()),
        alt="A witness's photo",
    )

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302, response.context["errors"]
    image = stored_image()
    stored = media_root / image.name
    content = stored.read_bytes()
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        # Turned as the camera said, and the turn no longer needs a tag.
        assert image.size == (20, 60)
        assert (image.width, image.height) == (20, 60)
        assert not image.getexif()
        assert "comment" not in image.info
    assert b"Exif" not in content
    assert b"SecretCam" not in content
    assert b"Jane at home" not in content
    # A name of ours, with the extension of what was written.
    assert stored.name.startswith("img_0042-")
    assert stored.suffix == ".jpg"


def test_renditions_of_a_turned_photo_are_upright_and_carry_no_location(
    editor_client, media_root
):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Model] = "SecretCam 3000"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    photo = image_bytes("JPEG", size=(1000, 500), exif=exif.tobytes())
    data = image_data(upload("IMG_0043.JPG", photo), alt="A witness's photo")

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302, response.context["errors"]
    image = stored_image()
    # Upright it is 500 wide: none scaled up.
    assert image.renditions == [128, 256, 480]
    rendition = media_root / rendition_name(image.name, 480)
    with Image.open(rendition) as image:
        assert image.size == (480, 960)
        assert not image.getexif()
    assert b"SecretCam" not in rendition.read_bytes()
    assert b"Exif" not in rendition.read_bytes()


def test_jpeg_with_html_appended_is_stored_without_the_html(editor_client, media_root):
    polyglot = image_bytes("JPEG") + HTML
    data = image_data(upload("photo.jpg", polyglot), alt="Photo")

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302, response.context["errors"]
    stored = media_root / stored_image().name
    assert b"<script" not in stored.read_bytes()


def test_png_text_chunks_are_not_stored(editor_client, media_root):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    data = image_data(upload("me.webp", image_bytes("PNG", pnginfo=info)))

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302
    image = stored_image()
    # Judged by content: a PNG named .webp is stored as the PNG it is.
    assert image.name.endswith(".png")
    assert b"<script" not in (media_root / image.name).read_bytes()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_each_accepted_format_is_stored_in_its_own_format(
    editor_client, media_root, image_format
):
    data = image_data(upload("portrait", image_bytes(image_format)))

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302
    with Image.open(media_root / stored_image().name) as image:
        assert image.format == image_format


def test_large_upload_kept_on_disk_by_django_is_stored(editor_client, media_root):
    # Over FILE_UPLOAD_MAX_MEMORY_SIZE: Django hands over a temporary file.
    noise = Image.frombytes("RGB", (1100, 1100), os.urandom(1100 * 1100 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 2_621_440
    data = image_data(upload("noise.png", buffer.getvalue()))

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302
    assert (stored_image().width, stored_image().height) == (1100, 1100)


def test_upload_over_the_size_limit_is_refused(editor_client, media_root, settings):
    settings.NEWSROOM_UPLOAD_MAX_BYTES = 1000
    content = image_bytes("PNG", size=(400, 400))
    content += b"\x00" * (1001 - len(content)) if len(content) < 1001 else b""
    data = image_data(upload("big.png", content))

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 200
    assert "images may be at most 1000" in response.content.decode()
    assert stored_files(media_root) == []


def test_upload_over_the_pixel_limit_is_refused(editor_client, media_root, settings):
    settings.NEWSROOM_UPLOAD_MAX_PIXELS = 1000
    data = image_data(png_upload(size=(64, 48)))

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 200
    assert "64 × 48 pixels" in response.content.decode()
    assert "0.001 megapixels" in response.content.decode()
    assert stored_files(media_root) == []


# --- Colour profiles and other metadata --------------------------------------------

MARKER = b"MARKER-7f3a9c-hidden-payload"


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def profile_with_red_and_blue_swapped():
    """An RGB profile whose "red" channel is the sRGB blue primary: a
    picture it describes looks blue where its red channel is full."""
    data = bytearray(srgb_profile())
    (count,) = struct.unpack(">I", data[128:132])
    tags = {
        bytes(data[132 + 12 * i : 136 + 12 * i]): 136 + 12 * i for i in range(count)
    }
    red, blue = tags[b"rXYZ"], tags[b"bXYZ"]
    data[red : red + 8], data[blue : blue + 8] = (
        data[blue : blue + 8],
        data[red : red + 8],
    )
    return bytes(data)


def exif_with_marker():
    exif = Image.Exif()
    exif[ExifTags.Base.ImageDescription] = MARKER.decode()
    return exif.tobytes()


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + MARKER + b"</x:xmpmeta>"


def tagged_picture(image_format):
    """A 1000 × 600 picture (renditions are made of it) carrying the marker
    in its ICC profile and in every other kind of metadata its format has."""
    picture = Image.new("RGB", (1000, 600), (20, 120, 200))
    options = {"icc_profile": srgb_profile() + MARKER, "exif": exif_with_marker()}
    if image_format == "JPEG":
        options.update(comment=MARKER, xmp=XMP)
    elif image_format == "PNG":
        info = PngInfo()
        info.add_text("Comment", MARKER.decode())
        info.add_text("Software", MARKER.decode(), zip=True)
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        options["pnginfo"] = info
    elif image_format == "WEBP":
        options["xmp"] = XMP
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **options)
    content = buffer.getvalue()
    if image_format != "PNG":  # PNG compresses its profile and zTXt chunks
        assert content.count(MARKER) >= 2
    return content


def assert_carries_nothing_but_pixels(path):
    content = path.read_bytes()
    assert MARKER not in content
    with Image.open(path) as image:
        assert "icc_profile" not in image.info
        assert not image.getexif()
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment"):
            assert key not in image.info
        assert not getattr(image, "text", {})
        image.load()
        assert MARKER.decode() not in repr(image.info)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_uploaded_image_and_its_renditions_keep_nothing_of_its_profile_or_metadata(
    editor_client, media_root, image_format
):
    data = image_data(upload("tagged", tagged_picture(image_format)), alt="Tagged")

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302, response.context["errors"]
    image = stored_image()
    assert image.renditions == [128, 256, 480, 800]
    stored = media_root / image.name
    assert_carries_nothing_but_pixels(stored)
    for width in image.renditions:
        assert_carries_nothing_but_pixels(
            media_root / rendition_name(image.name, width)
        )
    # An sRGB picture keeps its colours (within the JPEG and WebP loss).
    with Image.open(stored) as picture:
        red, green, blue = picture.convert("RGB").getpixel((500, 300))
    assert abs(red - 20) <= 3 and abs(green - 120) <= 3 and abs(blue - 200) <= 3


def test_a_picture_in_another_colour_space_is_stored_in_srgb(editor_client, media_root):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (255, 0, 0)).save(
        buffer, format="PNG", icc_profile=profile_with_red_and_blue_swapped()
    )
    data = image_data(upload("swapped.png", buffer.getvalue()))

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302
    with Image.open(media_root / stored_image().name) as image:
        assert "icc_profile" not in image.info
        # What the profile said the picture looks like: blue.
        assert image.convert("RGB").getpixel((0, 0)) == (0, 0, 255)


def test_an_unreadable_colour_profile_is_dropped_and_the_picture_kept(
    editor_client, media_root
):
    data = image_data(
        upload(
            "odd.jpg",
            image_bytes("JPEG", icc_profile=b"not a profile " + MARKER),
            "image/jpeg",
        )
    )

    response = editor_client.post(ADD_IMAGE, data)

    assert response.status_code == 302
    assert_carries_nothing_but_pixels(media_root / stored_image().name)


# --- Serving media -------------------------------------------------------------


def test_stored_image_is_served_with_nosniff(editor_client, client, media_root):
    editor_client.post(ADD_IMAGE, image_data(png_upload()))
    url = stored_image().url

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "name", ["page.html", "page.HTM", "drawing.svg", "script.js", "noextension"]
)
def test_media_that_is_not_an_image_is_never_served(client, media_root, name):
    (media_root / name).write_bytes(HTML)

    response = client.get(f"/media/{name}")

    assert response.status_code == 404
    assert b"alert(1)" not in response.content


def hero_with_renditions(editor_client):
    data = image_data(
        upload("harbour.png", image_bytes("PNG", size=(1000, 600))), alt="The harbour"
    )
    assert editor_client.post(ADD_IMAGE, data).status_code == 302
    image = stored_image()
    assert image.renditions == [128, 256, 480, 800]
    return image


def test_renditions_are_served_to_be_kept_for_a_year(editor_client):
    image = hero_with_renditions(editor_client)

    for width in image.renditions:
        response = Client().get(f"/media/{rendition_name(image.name, width)}")

        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_an_original_upload_is_served_to_be_kept_for_a_day(editor_client):
    image = hero_with_renditions(editor_client)

    response = Client().get(image.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_browser_revalidating_a_rendition_is_told_to_keep_it_again(editor_client):
    image = hero_with_renditions(editor_client)
    url = f"/media/{rendition_name(image.name, 480)}"
    reader = Client()
    last_modified = reader.get(url)["Last-Modified"]

    response = reader.get(url, headers={"if-modified-since": last_modified})

    assert response.status_code == 304
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_s3_bucket_stores_each_object_with_the_header_django_serves():
    storage = MediaStorage(bucket_name="newsroom-media", file_overwrite=False)
    names = [
        "articles/2026/07/harbour-3f9a1c.jpg",
        "articles/2026/07/harbour-3f9a1c.jpg.800w.webp",
        "authors/ada-77aa00.png.128w.webp",
        "held-uploads/abc.held",
    ]

    for name in names:
        assert storage.get_object_parameters(name)["CacheControl"] == (
            cache_control(name)
        )
    assert cache_control(names[1]) == "public, max-age=31536000, immutable"
    assert cache_control(names[0]) == "public, max-age=86400"
    assert "no-store" in cache_control(names[3])


DEPLOY_DOC = Path(__file__).resolve().parents[1] / "docs" / "deploy.md"


def documented_nginx_cache_control(name):
    """The ``Cache-Control`` docs/deploy.md's nginx ``map`` gives
    ``/media/<name>``: its ``~regex "header";`` lines in order, else
    ``default``."""
    deploy = DEPLOY_DOC.read_text()
    block = re.search(r"map \$uri \$media_cache_control \{(.*?)\n\}", deploy, re.S)
    assert block, "docs/deploy.md has no map for the media Cache-Control"
    rules = re.findall(r'^\s*(\S+)\s+"([^"]*)";', block.group(1), re.M)
    for key, header in rules:
        if key.startswith("~") and re.search(key[1:], f"/media/{name}"):
            return header
    return dict(rules)["default"]


def test_the_documented_nginx_rule_sends_the_cache_control_django_serves():
    names = [
        "articles/2026/07/harbour-3f9a1c.jpg",
        "articles/2026/07/harbour-3f9a1c.jpg.800w.webp",
        "authors/ada-77aa00.png.128w.webp",
        "site/logo.webp",
    ]

    for name in names:
        assert documented_nginx_cache_control(name) == cache_control(name), name
    # Held uploads have no Cache-Control to match: nginx never serves them.
    deploy = DEPLOY_DOC.read_text()
    assert f"location ^~ /media/{held_uploads.PREFIX} {{ return 404; }}" in deploy
