"""gunicorn on loopback for the benchmarks, and what its processes cost:
CPU time and memory from /proc. Standard library only, as ``bench.common``.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import PYTHON, REPO, VAR


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the repository's gunicorn.conf.py, on a free loopback port.

    The newsroom by default; the bench's peer (``bench.peer``) passes its own
    interpreter, project directory, application and a page to wait for, and
    is served by the same gunicorn settings.
    """

    def __init__(
        self,
        env,
        log_name,
        *,
        python=PYTHON,
        cwd=REPO,
        app=None,
        health="/healthz",
        **gunicorn_env,
    ):
        self.command = [python, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py")]
        if app:
            self.command.append(app)
        self.cwd = cwd
        self.health = health
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(env, GUNICORN_BIND=f"127.0.0.1:{self.port}")
        # An access log line per request would cost the server more than some
        # pages do; a benchmark reads wrk's numbers instead.
        self.env.setdefault("GUNICORN_ACCESSLOG", "off")
        self.env.update(gunicorn_env)
        self.log = VAR / "logs" / f"{log_name}.log"
        self.process = None

    def __enter__(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}{self.health}", timeout=10):  # noqa: S310
                    pass
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
                continue
            # Up; give the other workers a moment to finish booting.
            time.sleep(1.5)
            return self
        self.stop()
        raise SystemExit(f"gunicorn did not answer in 60 s:\n{self.log_tail()}")

    def __exit__(self, *exc):
        self.stop()

    def settle(self, limit=90):
        """Wait until every worker is free again (a run that timed out leaves
        them busy with its last requests); False if they never were."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            count = max(1, len(self.workers()))
            with ThreadPoolExecutor(count) as pool:
                times = list(pool.map(self._health_seconds, range(count)))
            if max(times) < 0.5:
                return True
            time.sleep(1)
        return False

    def _health_seconds(self, _):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{self.url}{self.health}", timeout=10):  # noqa: S310
                pass
        except (urllib.error.URLError, OSError):
            return 99.0
        return time.monotonic() - started

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def workers(self):
        """The worker processes' ids: the master's children."""
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            return [int(child) for child in children]
        except OSError:
            return []

    def cpu_seconds(self):
        """CPU time (user and system) gunicorn has used so far: the master,
        the workers alive now, and those recycled (the master's reaped
        children)."""
        pids = [self.process.pid, *self.workers()]
        return sum(process_cpu_seconds(pid, reaped=pid == pids[0]) for pid in pids)

    def memory(self):
        """RSS and PSS (KiB) of the master and each worker, from /proc."""
        found = {}
        for pid in [self.process.pid, *self.workers()]:
            found[pid] = process_memory(pid)
        return found


def process_cpu_seconds(pid, *, reaped=False):
    """User and system CPU seconds of ``pid`` (with its reaped children's
    when ``reaped``), from /proc; 0 once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime, stime, cutime, cstime: the 14th to 17th fields, counted from 1.
    ticks = fields[11:15] if reaped else fields[11:13]
    return sum(int(value) for value in ticks) / os.sysconf("SC_CLK_TCK")


def process_memory(pid):
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return {"rss_kib": rss, "pss_kib": pss}


# The machine's TCP counters that explain a latency tail of whole seconds: a
# connection the listen queue had no room for waits for its SYN to be sent
# again, 1 s later, then 3.
TCP_COUNTERS = ("ListenOverflows", "ListenDrops", "TCPSynRetrans")


def tcp_counters():
    """``TCP_COUNTERS`` since boot, machine-wide (/proc/net/netstat)."""
    try:
        rows = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return {}
    found = {}
    for names, values in zip(rows[::2], rows[1::2], strict=False):
        if names.startswith("TcpExt:"):
            found = dict(zip(names.split()[1:], values.split()[1:], strict=False))
    return {name: int(found[name]) for name in TCP_COUNTERS if name in found}
