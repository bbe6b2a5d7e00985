"""The test helper serves the dashboard exactly as `make dashboard` does, and always stops it."""

from __future__ import annotations

import shlex
import subprocess
import urllib.request
from pathlib import Path

from dashboard_server import dashboard_command, serve_dashboard
from dbt_cli import PROJECT_ROOT


def make_dry_run(*args: str) -> str:
    """The commands `make -n` would run, with line continuations joined."""
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.replace("\\\n", " ")


def test_the_helper_runs_what_make_dashboard_runs() -> None:
    recipe = next(
        line for line in make_dry_run("dashboard", "PORT=18765").splitlines() if "streamlit run" in line
    )
    made = shlex.split(recipe)
    helper = dashboard_command(18765)
    assert Path(made[0]).resolve() == Path(helper[0]).resolve()
    assert made[1:3] == ["run", "dashboard/app.py"] and helper[1:3] == [
        "run",
        str(PROJECT_ROOT / "dashboard" / "app.py"),
    ]
    assert made[3:] == helper[3:]
    for flag in ("--server.headless", "--browser.gatherUsageStats", "--server.address", "--server.port"):
        assert flag in made
    assert made[made.index("--server.address") + 1] == "127.0.0.1"
    assert made[made.index("--server.port") + 1] == "18765"
    assert made[made.index("--browser.gatherUsageStats") + 1] == "false"


def test_make_browser_installs_chromium_only_when_it_is_missing() -> None:
    recipe = make_dry_run("browser")
    assert "test -x /usr/bin/chromium ||" in recipe
    assert "apt-get update" in recipe and "apt-get install -y chromium" in recipe


def test_the_server_answers_and_is_gone_afterwards(tmp_path: Path) -> None:
    # No snapshot yet: the server answers all the same (the page then says there is no data).
    with serve_dashboard(tmp_path / "published", lifetime_seconds=120) as url:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            assert response.read() == b"ok"
        pids = subprocess.run(
            ["pgrep", "-f", f"server.port {url.rsplit(':', 1)[1]}"], capture_output=True, text=True
        )
        group = [int(pid) for pid in pids.stdout.split()]
        assert group  # timeout and streamlit
    assert not [pid for pid in group if running(pid)]


def running(pid: int) -> bool:
    """Alive and not a zombie (a container's PID 1 may never reap an orphan that has exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"
