"""What a picture costs in CPU: ``python -m bench.pictures [--runs N]``.

The import's speed (``bench.imports``) is set by its pictures: each hero is
re-encoded and cut to its social crop, then drawn as WebP renditions. This
times those steps alone, in this process, on the same photo-like pictures
every run (``bench.imports.picture``: noise, gradients, shapes — they cost
what a photograph costs to decode and encode, as one colour would not), at
the bench's hero size and at two cameras' sizes. It reports CPU time
(``time.process_time``, which a busy shared machine barely moves), the
median over several runs, and the renditions' bytes; no database is used.

``--methods`` also draws each picture's renditions with each WebP ``method``
given, to weigh the encoder's effort against the bytes it saves.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.files.storage import FileSystemStorage  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from bench.imports import picture  # noqa: E402
from library import crops  # noqa: E402
from library.models import LIBRARY_WIDTHS  # noqa: E402
from newsroom import imagegenerators  # noqa: E402
from newsroom.imagegenerators import make_renditions, rendition_name  # noqa: E402
from newsroom.uploads import clean_image  # noqa: E402

SIZES = ((1600, 1000), (3000, 2000), (6000, 4000))
SEEDS = (1, 2, 3)


def cpu(step):
    start = time.process_time()
    result = step()
    return time.process_time() - start, result


def measure(path, storage, runs):
    """Median CPU seconds of re-encoding the picture at ``path`` (the
    import's part), of its social crop and of its renditions (the worker's),
    and the renditions' bytes."""
    data = path.read_bytes()
    times = {"re-encode": [], "social crop": [], "renditions": []}
    sizes = []
    for run in range(runs):

        def reencode(run=run):
            upload = clean_image(SimpleUploadedFile(path.name, data))
            return storage.save(f"{run}-{upload.name}", upload)

        seconds, name = cpu(reencode)
        times["re-encode"].append(seconds)

        def crop(name=name):
            with storage.open(name, "rb") as stored:
                return crops.draw(stored, 0.5, 0.5)

        times["social crop"].append(cpu(crop)[0])
        seconds, (made, _) = cpu(
            lambda name=name: make_renditions(name, LIBRARY_WIDTHS, storage=storage)
        )
        times["renditions"].append(seconds)
        sizes.append(sum(storage.size(rendition_name(name, w)) for w in made))
    return {step: statistics.median(values) for step, values in times.items()}, sizes[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--methods", type=int, nargs="*", default=[])
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-pictures-"))
    storage = FileSystemStorage(location=folder / "media")
    options = dict(imagegenerators.WEBP_OPTIONS)
    print(f"WebP options {options}; CPU seconds per picture, median of {args.runs}")
    for size in SIZES:
        for seed in SEEDS:
            path = folder / f"picture-{size[0]}-{seed}.jpg"
            picture(path, seed, size)
            rows = [(options["method"], *measure(path, storage, args.runs))]
            for method in args.methods:
                imagegenerators.WEBP_OPTIONS["method"] = method
                rows.append((method, *measure(path, storage, args.runs)))
                imagegenerators.WEBP_OPTIONS.update(options)
            for method, times, size_bytes in rows:
                steps = ", ".join(f"{step} {t:.3f} s" for step, t in times.items())
                print(
                    f"{size[0]} × {size[1]} #{seed} method {method}: {steps}; "
                    f"{size_bytes / 1024:.0f} KiB of renditions"
                )


if __name__ == "__main__":
    sys.exit(main())
