"""The Makefile's small targets, run for real: make's install step is skipped (`-o install`) and the
binaries of the environment running the tests are used."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from dbt_cli import PROJECT_ROOT

EXPORT_FILES = ("market_file.csv", "market_money.csv", "market_time.csv", "money.csv")


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-o", "install", *args, f"BIN={Path(sys.executable).parent}"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def digests(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


def test_make_sample_writes_the_four_exports_into_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    done = make("sample", f"OUT={out}", "CUSTOMERS=60")
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(EXPORT_FILES)


def test_make_sample_refuses_to_overwrite_an_export(tmp_path: Path) -> None:
    (tmp_path / "money.csv").write_text("kept\n")
    done = make("sample", f"OUT={tmp_path}", "CUSTOMERS=60")
    assert done.returncode != 0
    assert "money.csv exists" in done.stderr and "OVERWRITE=1" in done.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["money.csv"]
    assert (tmp_path / "money.csv").read_text() == "kept\n"


def test_make_sample_leaves_the_bundled_sample_alone() -> None:
    before = digests(PROJECT_ROOT / "seeds")
    done = make("sample", "OUT=seeds", "CUSTOMERS=60")
    assert done.returncode != 0 and "OVERWRITE=1" in done.stderr
    assert digests(PROJECT_ROOT / "seeds") == before


def test_make_sample_overwrites_when_asked(tmp_path: Path) -> None:
    (tmp_path / "money.csv").write_text("replaced\n")
    done = make("sample", f"OUT={tmp_path}", "CUSTOMERS=60", "OVERWRITE=1")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "money.csv").read_text() != "replaced\n"


def fake_apt_get(tmp_path: Path, exit_code: int) -> tuple[dict[str, str], Path]:
    """An `apt-get` first on PATH that records its arguments and exits with `exit_code`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "apt-get.calls"
    script = bin_dir / "apt-get"
    script.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit {exit_code}\n')
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}, calls


@dataclass(frozen=True)
class SystemTool:
    """A target that installs a Debian package when the tool it names is missing."""

    target: str
    variable: str  # the make variable naming the tool's binary
    package: str
    warning: str  # what the target prints when the package cannot be installed


BROWSER = SystemTool("browser", "CHROMIUM", "chromium", "warning: could not install chromium")
JAVA = SystemTool("java", "JAVA", "openjdk-17-jre-headless", "warning: could not install Java")


@pytest.mark.parametrize("tool", [BROWSER, JAVA], ids=lambda tool: tool.target)
@pytest.mark.parametrize(
    ("tool_present", "apt_exit_code", "expected_calls"),
    [
        pytest.param(True, 0, None, id="installs_nothing_when_the_tool_is_there"),
        pytest.param(False, 0, ["update", "install -y {package}"], id="installs_the_package_when_missing"),
        pytest.param(False, 100, ["update"], id="only_warns_when_the_package_cannot_be_installed"),
    ],
)
def test_make_installs_a_missing_system_tool(
    tool: SystemTool,
    tool_present: bool,
    apt_exit_code: int,
    expected_calls: list[str] | None,
    tmp_path: Path,
) -> None:
    env, calls = fake_apt_get(tmp_path, exit_code=apt_exit_code)
    binary = "/bin/sh" if tool_present else str(tmp_path / "missing-binary")

    done = make(tool.target, f"{tool.variable}={binary}", env=env)

    assert done.returncode == 0, done.stderr
    assert (tool.warning in done.stdout) == (apt_exit_code != 0), done.stdout
    if expected_calls is None:
        assert not calls.exists()
    else:
        expected = [call.format(package=tool.package) for call in expected_calls]
        assert calls.read_text().splitlines() == expected
