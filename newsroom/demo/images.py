"""Pictures for the demo, drawn with Pillow: nothing downloaded, nothing licensed.

Hero images are abstract compositions: a two-colour gradient in the desk's palette,
a soft glow, and a motif that hints at the desk (a globe for World, a candlestick
chart for Finance…). Avatars are initials on a coloured tile. Every picture is
drawn from a seed, so the same seed gives the same picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont, ImageOps

from newsroom.demo.phrasebook import RGB

HERO_SIZE = (1600, 900)
AVATAR_SIZE = (400, 400)
# Motifs are drawn at twice the size and scaled down: ImageDraw does not
# anti-alias, and the downscale gives clean edges for little time.
SUPERSAMPLE = 2
JPEG_QUALITY = 80
BACKDROP_SIZE = (800, 450)

BICUBIC = Image.Resampling.BICUBIC


def hero_image(*, motif, palette, seed):
    """Returns (JPEG bytes, alt text) for a hero image."""
    rng = random.Random(seed)
    size = (HERO_SIZE[0] * SUPERSAMPLE, HERO_SIZE[1] * SUPERSAMPLE)
    # The backdrop is all smooth gradients: built at half size and scaled up by
    # plain pixel repetition, which is fast and, once the whole picture is scaled
    # back down, indistinguishable from smooth interpolation.
    backdrop = _gradient(BACKDROP_SIZE, palette.dark, palette.mid, rng.uniform(-35, 35))
    _glow(backdrop, palette.accent, rng)
    image = backdrop.resize(size, Image.Resampling.NEAREST)
    # An "RGBA" draw blends translucent shapes straight onto the RGB canvas,
    # which is much faster than compositing a separate transparent layer.
    description = MOTIFS[motif](ImageDraw.Draw(image, "RGBA"), size, palette, rng)
    image = image.reduce(SUPERSAMPLE)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    alt = f"Abstract illustration: {description}, in {palette.name}."
    return buffer.getvalue(), alt


def avatar(*, initials, background, seed):
    """Returns PNG bytes: initials on a tile of ``background`` with a soft shape."""
    rng = random.Random(seed)
    size = AVATAR_SIZE[0] * SUPERSAMPLE
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image, "RGBA")
    lighter = (*_mix(background, (255, 255, 255), 0.18), 255)
    darker = (*_mix(background, (0, 0, 0), 0.15), 255)
    # A large disc off to one side and a band across a corner: enough shape to
    # tell avatars apart at a glance, quiet enough not to fight the letters.
    radius = rng.randint(size * 5 // 10, size * 7 // 10)
    cx, cy = rng.choice([(0, 0), (size, 0), (0, size), (size, size)])
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=lighter)
    band = rng.randint(size // 8, size // 5)
    draw.polygon(
        [(size - band * 3, size), (size, size - band * 3), (size, size - band * 2)]
        + [(size - band * 2, size)],
        fill=darker,
    )
    font = ImageFont.load_default(size=size * 0.38)
    draw.text(
        (size / 2, size / 2), initials, font=font, fill=(255, 255, 255), anchor="mm"
    )
    image = image.reduce(SUPERSAMPLE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- Building blocks --------------------------------------------------------


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _rgba(color: RGB, alpha):
    return (*color, alpha)


def _gradient(size, start, end, angle):
    """A linear gradient at ``angle`` degrees, built small and scaled up."""
    mask = Image.linear_gradient("L").resize((200, 200)).rotate(angle, BICUBIC)
    # The centre crop stays inside the rotated square whatever the angle, so no
    # empty corners; autocontrast then stretches it back to the full range.
    mask = ImageOps.autocontrast(mask.crop((20, 55, 180, 145)))
    mask = mask.resize(size, BICUBIC)
    return Image.composite(
        Image.new("RGB", size, end), Image.new("RGB", size, start), mask
    )


def _glow(image, color, rng):
    """A soft patch of light somewhere in the frame."""
    width, height = image.size
    diameter = rng.randint(height, height * 2)
    strength = rng.uniform(0.35, 0.55)
    # radial_gradient() is 0 at the centre and 181 at the middle of each edge:
    # fade to nothing by that circle so the square's edges never show.
    mask = Image.radial_gradient("L").point(
        lambda value: int(255 * strength * max(0.0, 1 - value / 181) ** 2)
    )
    mask = mask.resize((diameter, diameter), BICUBIC)
    x = rng.randint(-diameter // 3, width - diameter * 2 // 3)
    y = rng.randint(-diameter // 3, height - diameter * 2 // 3)
    layer = Image.new("RGB", image.size, color)
    full_mask = Image.new("L", image.size, 0)
    full_mask.paste(mask, (x, y))
    image.paste(layer, (0, 0), full_mask)


def _line_width(size, fraction=0.0022):
    return max(2, round(size[0] * fraction))


# --- Motifs: each draws on a transparent layer and says what it drew ---------


def _globe(draw, size, palette, rng):
    width, height = size
    radius = rng.randint(height * 36 // 100, height * 44 // 100)
    cx = rng.choice([width * 30 // 100, width * 68 // 100])
    cy = height // 2 + rng.randint(-height // 12, height // 12)
    line = _line_width(size)
    stroke = _rgba(palette.light, 150)
    draw.ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius),
        outline=stroke,
        width=line * 2,
    )
    for step in range(1, 6):  # meridians: ellipses narrowing towards the edge
        half = radius * math.cos(step * math.pi / 12)
        draw.ellipse(
            (cx - half, cy - radius, cx + half, cy + radius), outline=stroke, width=line
        )
    for step in range(-2, 3):  # parallels
        y = cy + radius * math.sin(step * math.pi / 7)
        half = math.sqrt(max(radius**2 - (y - cy) ** 2, 0))
        draw.line((cx - half, y, cx + half, y), fill=stroke, width=line)
    points = []
    for _ in range(rng.randint(6, 9)):
        angle = rng.uniform(0, 2 * math.pi)
        distance = radius * math.sqrt(rng.uniform(0.05, 0.8))
        points.append(
            (cx + distance * math.cos(angle), cy + distance * math.sin(angle))
        )
    for a, b in zip(points, points[1:], strict=False):
        _arc_between(
            draw,
            a,
            b,
            lift=radius * 0.25,
            fill=_rgba(palette.accent, 220),
            width=line * 2,
        )
    for x, y in points:
        dot = line * 4
        draw.ellipse(
            (x - dot, y - dot, x + dot, y + dot), fill=_rgba(palette.accent, 255)
        )
    return "a wireframe globe crossed by arcing routes between points of light"


def _arc_between(draw, a, b, *, lift, fill, width):
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2 - lift
    curve = []
    for i in range(25):  # a quadratic Bézier, as a polyline
        t = i / 24
        x = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * mx + t**2 * x2
        y = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * my + t**2 * y2
        curve.append((x, y))
    draw.line(curve, fill=fill, width=width, joint="curve")


def _stripes(draw, size, palette, rng):
    width, height = size
    y = rng.randint(0, height // 6)
    colours = [palette.light, palette.accent]
    while y < height:
        band = rng.randint(height // 14, height // 6)
        colour = colours[rng.randrange(2)]
        draw.rectangle((0, y, width, y + band), fill=_rgba(colour, rng.randint(28, 70)))
        y += band + rng.randint(height // 20, height // 8)
    left = rng.choice([width // 14, width * 60 // 100])
    top = height // 8
    gap = width // 34
    dot = gap // 5
    for row in range(rng.randint(5, 7)):
        for col in range(rng.randint(9, 12)):
            x, y = left + col * gap, top + row * gap
            draw.ellipse(
                (x - dot, y - dot, x + dot, y + dot), fill=_rgba(palette.light, 200)
            )
    return "broad horizontal bands beside a grid of small dots"


def _blocks(draw, size, palette, rng):
    width, height = size
    count = rng.randint(9, 13)
    gap = width // (count * 6)
    block = (width - gap * (count + 1)) // count
    base = height * 92 // 100
    tops = []
    for i in range(count):
        x = gap + i * (block + gap)
        rise = (i + 1) / count
        top = base - int(height * (0.15 + 0.6 * rise) * rng.uniform(0.8, 1.05))
        tops.append((x + block / 2, top))
        draw.rectangle(
            (x, top, x + block, base),
            fill=_rgba(palette.light, 60),
            outline=_rgba(palette.light, 140),
            width=_line_width(size),
        )
        window = block // 6
        for wy in range(top + window, base - window, window * 3):
            for wx in range(x + window, x + block - window, window * 2):
                if rng.random() < 0.55:
                    draw.rectangle(
                        (wx, wy, wx + window, wy + window),
                        fill=_rgba(palette.accent, 170),
                    )
    trend = [(x, y - height // 10) for x, y in tops]
    draw.line(
        trend,
        fill=_rgba(palette.accent, 255),
        width=_line_width(size) * 3,
        joint="curve",
    )
    return "a rising skyline of blocks under an upward trend line"


def _hemicycle(draw, size, palette, rng):
    width, height = size
    cx, cy = width // 2, height * 88 // 100
    rows = 7
    inner = height * 25 // 100
    step = height * 8 // 100
    colours = [palette.accent, palette.light, _mix(palette.light, palette.dark, 0.45)]
    shares = sorted(rng.sample(range(15, 85), 2))
    for row in range(rows):
        radius = inner + row * step
        seats = int(math.pi * radius / (step * 0.9))
        dot = step * 0.3
        for seat in range(seats):
            angle = math.pi * (seat + 0.5) / seats
            x = cx - radius * math.cos(angle)
            y = cy - radius * math.sin(angle)
            position = 100 * seat / seats
            group = 0 if position < shares[0] else 1 if position < shares[1] else 2
            draw.ellipse(
                (x - dot, y - dot, x + dot, y + dot), fill=_rgba(colours[group], 235)
            )
    return "a semicircle of seats in three colors, like a chamber seen from above"


def _circles(draw, size, palette, rng):
    width, height = size
    line = _line_width(size)
    for i in range(rng.randint(4, 6)):
        radius = rng.randint(height // 5, height * 2 // 5)
        x = rng.randint(width // 5, width * 4 // 5)
        y = rng.randint(height // 4, height * 3 // 4)
        colour = palette.accent if i % 2 else palette.light
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=_rgba(colour, 45),
            outline=_rgba(colour, 170),
            width=line * 2,
        )
    # Parallel sweeping lines, like tracks leaving a station.
    start_y = rng.randint(height // 2, height)
    for k in range(6):
        offset = k * line * 9
        curve = [
            (
                x,
                start_y
                + offset
                - (height * 0.55) * math.sin(math.pi * x / (2 * width)),
            )
            for x in range(0, width + 1, width // 40)
        ]
        draw.line(curve, fill=_rgba(palette.light, 170), width=line * 2, joint="curve")
    return "overlapping translucent circles crossed by parallel sweeping lines"


def _candles(draw, size, palette, rng):
    width, height = size
    line = _line_width(size)
    for k in range(1, 6):  # faint gridlines
        y = height * k // 6
        draw.line((0, y, width, y), fill=_rgba(palette.light, 40), width=line)
    count = rng.randint(22, 30)
    slot = width / (count + 2)
    price = height * rng.uniform(0.45, 0.65)
    closes = []
    for i in range(count):
        x = slot * (i + 1.5)
        move = rng.gauss(-height * 0.012, height * 0.06)
        opening, closing = price, min(max(price + move, height * 0.15), height * 0.85)
        high = min(opening, closing) - abs(rng.gauss(0, height * 0.03))
        low = max(opening, closing) + abs(rng.gauss(0, height * 0.03))
        colour = palette.accent if closing < opening else palette.light
        draw.line((x, high, x, low), fill=_rgba(colour, 220), width=line)
        body_top, body_bottom = sorted((opening, closing))
        draw.rectangle(
            (
                x - slot * 0.3,
                body_top,
                x + slot * 0.3,
                max(body_bottom, body_top + line * 2),
            ),
            fill=_rgba(colour, 200),
        )
        closes.append((x, closing))
        price = closing
    average = [
        (
            x,
            sum(y for _, y in closes[max(0, i - 4) : i + 1])
            / len(closes[max(0, i - 4) : i + 1]),
        )
        for i, (x, _) in enumerate(closes)
    ]
    draw.line(average, fill=_rgba(palette.light, 230), width=line * 3, joint="curve")
    return "a candlestick chart with a moving average over faint gridlines"


def _arches(draw, size, palette, rng):
    width, height = size
    line = _line_width(size)
    horizon = height * 70 // 100
    dome = rng.randint(height // 5, height // 3)
    dx = rng.randint(width // 4, width * 3 // 4)
    draw.pieslice(
        (dx - dome, horizon - dome, dx + dome, horizon + dome),
        180,
        360,
        fill=_rgba(palette.light, 70),
        outline=_rgba(palette.light, 170),
        width=line * 2,
    )
    count = rng.randint(7, 10)
    span = width // count
    arch_top = horizon - height // 6
    for i in range(count):
        left = i * span + span // 6
        right = (i + 1) * span - span // 6
        radius = (right - left) // 2
        draw.arc(
            (left, arch_top, right, arch_top + radius * 2),
            180,
            360,
            fill=_rgba(palette.accent, 230),
            width=line * 3,
        )
        draw.line(
            (left, arch_top + radius, left, horizon),
            fill=_rgba(palette.accent, 230),
            width=line * 3,
        )
        draw.line(
            (right, arch_top + radius, right, horizon),
            fill=_rgba(palette.accent, 230),
            width=line * 3,
        )
    for k in range(5):  # the water
        y = horizon + line * 10 + k * height // 18
        phase = rng.uniform(0, math.pi)
        wave = [
            (x, y + height * 0.012 * math.sin(phase + x / (width / 18)))
            for x in range(0, width + 1, width // 80)
        ]
        draw.line(wave, fill=_rgba(palette.light, 150 - k * 20), width=line * 2)
    return "a row of arches and a dome above stylized waves"


def _coins(draw, size, palette, rng):
    width, height = size
    line = _line_width(size)
    coin = width // 22
    thickness = coin // 3
    base = height * 85 // 100
    left = rng.choice([width // 10, width // 2])
    for column in range(rng.randint(4, 6)):
        x = left + column * coin * 2.6
        for level in range(rng.randint(3, 14)):
            y = base - level * thickness
            draw.ellipse(
                (x - coin, y - thickness, x + coin, y + thickness),
                fill=_rgba(palette.accent, 235),
                outline=_rgba(palette.dark, 200),
                width=line,
            )
    for _ in range(3):
        radius = rng.randint(height // 8, height // 5)
        x = rng.randint(radius, width - radius)
        y = rng.randint(radius, height // 2)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=_rgba(palette.light, 50),
            outline=_rgba(palette.light, 180),
            width=line * 2,
        )
        inner = radius * 0.75
        draw.ellipse(
            (x - inner, y - inner, x + inner, y + inner),
            outline=_rgba(palette.light, 140),
            width=line,
        )
    return "stacks of coins of varying height beneath large round tokens"


def _pulse(draw, size, palette, rng):
    width, height = size
    line = _line_width(size)
    arm = width // 90
    gap = width // 14
    for gx in range(gap // 2, width, gap):  # a field of plus signs
        for gy in range(gap // 2, height, gap):
            if rng.random() < 0.6:
                draw.line(
                    (gx - arm, gy, gx + arm, gy),
                    fill=_rgba(palette.light, 70),
                    width=line,
                )
                draw.line(
                    (gx, gy - arm, gx, gy + arm),
                    fill=_rgba(palette.light, 70),
                    width=line,
                )
    for _ in range(rng.randint(4, 7)):  # soft cells
        radius = rng.randint(height // 12, height // 5)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=_rgba(palette.accent, 40),
            outline=_rgba(palette.accent, 120),
            width=line,
        )
    mid = height // 2 + rng.randint(-height // 10, height // 10)
    trace, x = [(0, mid)], 0
    beat = width // rng.randint(3, 5)
    while x < width:
        x0 = x + beat * 0.55
        trace += [
            (x0, mid),
            (x0 + beat * 0.05, mid - height * 0.05),
            (x0 + beat * 0.1, mid + height * 0.04),
            (x0 + beat * 0.16, mid - height * 0.3),
            (x0 + beat * 0.22, mid + height * 0.16),
            (x0 + beat * 0.28, mid),
            (x + beat, mid),
        ]
        x += beat
    draw.line(trace, fill=_rgba(palette.accent, 255), width=line * 4, joint="curve")
    return "a heartbeat line across a field of plus signs and soft circles"


MOTIFS = {
    "globe": _globe,
    "stripes": _stripes,
    "blocks": _blocks,
    "hemicycle": _hemicycle,
    "circles": _circles,
    "candles": _candles,
    "arches": _arches,
    "coins": _coins,
    "pulse": _pulse,
}
