"""Starting and stopping the dashboard as `make dashboard` would, for tests that need a real server.

    with serve_dashboard(publish_dir, run_results) as url:
        ...  # http://127.0.0.1:<free port>, healthy

The server runs in its own process group under coreutils `timeout`, so even a test process killed hard
cannot leave it serving forever; leaving the block always stops the whole group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from one_click.dashboard.snapshot import PUBLISH_DIR_ENV, RUN_RESULTS_ENV

from dbt_cli import PROJECT_ROOT

APP = PROJECT_ROOT / "dashboard" / "app.py"
STREAMLIT = PROJECT_ROOT / ".venv" / "bin" / "streamlit"
# The flags of `make dashboard` after `streamlit run dashboard/app.py`, the port last
# (test_dashboard_server.py checks the two stay the same).
SERVER_FLAGS: tuple[str, ...] = (
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.address",
    "127.0.0.1",
    "--server.port",
)
EXTRA_FLAGS: tuple[str, ...] = ("--client.toolbarMode", "viewer")


def dashboard_command(port: int, app: Path = APP) -> list[str]:
    """What `make dashboard PORT=<port>` runs, without make's install step."""
    return [str(STREAMLIT), "run", str(app), *SERVER_FLAGS, str(port), *EXTRA_FLAGS]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serve_dashboard(
    publish_dir: Path,
    run_results: Path | None = None,
    *,
    app: Path = APP,
    lifetime_seconds: int = 600,
    startup_seconds: float = 60,
    log_path: Path | None = None,
) -> Iterator[str]:
    """Serve the dashboard over `publish_dir` on a free localhost port; yields its base URL once healthy."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, PUBLISH_DIR_ENV: str(publish_dir)}
    if run_results is not None:
        env[RUN_RESULTS_ENV] = str(run_results)
    command = ["timeout", "--kill-after=5", str(lifetime_seconds), *dashboard_command(port, app)]
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + startup_seconds
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(
                    f"the dashboard exited with {process.returncode} before serving (log: {log_path})"
                )
            if time.monotonic() > deadline:
                raise TimeoutError(f"the dashboard did not answer on {url} within {startup_seconds} s")
            time.sleep(0.2)
        yield url
    finally:
        _stop(process)
        if log is not subprocess.DEVNULL:
            log.close()


def _stop(process: subprocess.Popen[bytes], grace_seconds: float = 10) -> None:
    """TERM the whole group (timeout, streamlit and anything streamlit started), then KILL what is left."""
    _signal_group(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline:
        process.poll()  # reaps the leader, so a group that still answers has a live member
        if process.returncode is not None and not _signal_group(process.pid, 0):
            return
        time.sleep(0.1)
    _signal_group(process.pid, signal.SIGKILL)
    process.wait(timeout=5)


def _signal_group(group: int, sig: int) -> bool:
    """Send `sig` to the group; False when no process of it is left."""
    try:
        os.killpg(group, sig)
    except ProcessLookupError:
        return False
    return True
