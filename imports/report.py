"""What an import did, item by item, for the person who ran it: printed at
the end of the command and written to a file beside it.

Counts first (imported, updated, unchanged, skipped), then every skip with
its reason, every post kept off the site and why, every warning (unknown
shortcodes, unsupported blocks, images not found, posts without a title),
every old address that could not be redirected.
"""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    source: str = ""
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    skipped: list = field(default_factory=list)  # (item, reason)
    not_public: list = field(default_factory=list)  # (item, reason)
    kept: list = field(default_factory=list)  # (item, reason): edited at the desk
    warnings: list = field(default_factory=list)  # (item, message)
    collisions: list = field(default_factory=list)  # (old path, what holds it)
    notes: list = field(default_factory=list)  # one line each, said once

    def count(self, what, number=1):
        self.counts[what] += number

    def skip(self, item, reason):
        self.skipped.append((item, reason))
        self.count("skipped")

    def warn(self, item, message):
        self.warnings.append((item, message))

    def note(self, line):
        if line not in self.notes:
            self.notes.append(line)

    # --- Reading it ---------------------------------------------------------------

    def summary(self):
        """The one line a progress display or a task's status shows."""
        c = self.counts
        return (
            f"{c['imported']} imported, {c['updated']} updated, "
            f"{c['unchanged']} unchanged, {c['skipped']} skipped, "
            f"{len(self.warnings)} warnings"
        )

    def lines(self):
        title = f"Import of {self.source}" + (
            " (dry run: nothing saved)" if self.dry_run else ""
        )
        out = [title, "=" * len(title), "", self.summary(), ""]
        counted = sorted((k, v) for k, v in self.counts.items() if k not in SUMMED)
        if counted:
            out += (
                ["Counts:"] + [f"  {what}: {number}" for what, number in counted] + [""]
            )
        sections = [
            ("Skipped", self.skipped),
            ("Imported but not public", self.not_public),
            ("Edited at the desk since the last import, left as they are", self.kept),
            ("Old addresses not redirected", self.collisions),
            ("Warnings", self.warnings),
        ]
        for heading, rows in sections:
            if rows:
                out.append(f"{heading} ({len(rows)}):")
                out += [f"  - {item}: {why}" for item, why in rows]
                out.append("")
        if self.notes:
            out += ["Notes:"] + [f"  - {line}" for line in self.notes] + [""]
        return out

    def text(self):
        return "\n".join(self.lines())


SUMMED = {"imported", "updated", "unchanged", "skipped"}
