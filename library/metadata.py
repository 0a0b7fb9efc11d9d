"""What a photographer wrote into the file: credit, caption and copyright,
read from its IPTC (IIM) record and its XMP packet before the upload is
re-encoded and stripped (``newsroom.uploads``), to prefill the fields the
desk left empty. Nothing else of the metadata is kept.

Where both are present IPTC wins, as in most photo desks' tools; within
each, the Credit field before the By-line (creator).
"""

import io
import logging
import warnings

from defusedxml import ElementTree
from PIL import Image as Picture
from PIL import IptcImagePlugin

from newsroom.uploads import UNREADABLE

logger = logging.getLogger(__name__)

# IPTC IIM datasets (record 2): field -> datasets, first found wins.
IPTC = {
    "credit": [(2, 110), (2, 80)],  # Credit, By-line
    "caption": [(2, 120)],  # Caption/Abstract
    "copyright": [(2, 116)],  # Copyright Notice
}

_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
}
# XMP properties: field -> (namespace, name), first found wins.
XMP = {
    "credit": [("photoshop", "Credit"), ("dc", "creator")],
    "caption": [("dc", "description")],
    "copyright": [("dc", "rights")],
}

LIMITS = {"credit": 150, "caption": 300, "copyright": 200}


def _text(value):
    if isinstance(value, list):
        value = b"; ".join(v for v in value if isinstance(v, bytes))
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return " ".join(str(value or "").split())


def _from_iptc(picture):
    try:
        info = IptcImagePlugin.getiptcinfo(picture) or {}
    except UNREADABLE:
        return {}
    found = {}
    for field, datasets in IPTC.items():
        for dataset in datasets:
            text = _text(info.get(dataset))
            if text:
                found[field] = text
                break
    return found


def _xmp_values(root, prefix, name):
    """The texts of an XMP property, as element or attribute, whether a
    plain value or an rdf:Alt/Seq/Bag of them."""
    tag = f"{{{_NS[prefix]}}}{name}"
    values = []
    for description in root.iter(f"{{{_NS['rdf']}}}Description"):
        if tag in description.attrib:
            values.append(description.attrib[tag])
    for element in root.iter(tag):
        items = list(element.iter(f"{{{_NS['rdf']}}}li"))
        if items:
            values += [item.text or "" for item in items]
        elif element.text:
            values.append(element.text)
    return [" ".join(v.split()) for v in values if v and v.strip()]


def _from_xmp(picture):
    packet = picture.info.get("xmp") or picture.info.get("XML:com.adobe.xmp")
    if not packet:
        return {}
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    start = packet.find(b"<x:xmpmeta")
    end = packet.rfind(b"</x:xmpmeta>")
    if start != -1 and end != -1:
        packet = packet[start : end + len(b"</x:xmpmeta>")]
    try:
        root = ElementTree.fromstring(packet)
    except Exception:  # noqa: BLE001 - defusedxml's refusals, malformed XML
        logger.info("Unreadable XMP packet ignored.")
        return {}
    found = {}
    for field, properties in XMP.items():
        for prefix, name in properties:
            values = _xmp_values(root, prefix, name)
            if values:
                found[field] = "; ".join(dict.fromkeys(values))
                break
    return found


def read_metadata(upload):
    """{"credit", "caption", "copyright": text} found in ``upload`` (an
    uploaded file, read before it is cleaned); fields not found are left
    out. A file that cannot be read gives {} (the upload's own check says
    why)."""
    try:
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Picture.open(io.BytesIO(data)) as picture:
                found = _from_xmp(picture)
                found.update(_from_iptc(picture))
    except UNREADABLE:
        return {}
    return {field: text[: LIMITS[field]] for field, text in found.items()}
