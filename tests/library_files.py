"""Real JPEGs carrying what photographers' tools write: an IPTC (IIM) record
in a Photoshop APP13 segment, and an XMP packet (for tests/test_library.py
and the browser test)."""

import io
import struct

from PIL import Image

XMP_TEMPLATE = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"{attributes}>{elements}'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def xmp_packet(*, credit=None, creator=None, description=None, rights=None):
    attributes = f' photoshop:Credit="{credit}"' if credit else ""
    elements = ""
    if creator:
        elements += (
            f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
        )
    if description:
        elements += (
            "<dc:description><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{description}</rdf:li>'
            "</rdf:Alt></dc:description>"
        )
    if rights:
        elements += (
            f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}</rdf:li>'
            "</rdf:Alt></dc:rights>"
        )
    return XMP_TEMPLATE.format(attributes=attributes, elements=elements).encode()


def photo_with_metadata(iptc=None, xmp=None, size=(900, 600)):
    """A JPEG of ``size`` carrying ``iptc`` ({(record, dataset): text}) and
    the XMP packet ``xmp`` (bytes)."""
    buffer = io.BytesIO()
    options = {"xmp": xmp} if xmp else {}
    Image.new("RGB", size, (90, 120, 200)).save(buffer, "JPEG", **options)
    data = buffer.getvalue()
    if not iptc:
        return data
    record = b""
    for (number, dataset), text in iptc.items():
        value = text.encode("utf-8")
        record += bytes([0x1C, number, dataset]) + struct.pack(">H", len(value)) + value
    if len(record) % 2:
        record += b"\0"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0"
    resource += struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\0" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return data[:2] + segment + data[2:]
