"""The Makefile's small targets, run for real: make's install step is skipped (`-o install`) and the
binaries of the environment running the tests are used."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

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


def test_make_browser_installs_nothing_when_chromium_is_there(tmp_path: Path) -> None:
    env, calls = fake_apt_get(tmp_path, exit_code=0)
    done = make("browser", "CHROMIUM=/bin/sh", env=env)
    assert done.returncode == 0, done.stderr
    assert not calls.exists()


def test_make_browser_installs_chromium_when_it_is_missing(tmp_path: Path) -> None:
    env, calls = fake_apt_get(tmp_path, exit_code=0)
    done = make("browser", f"CHROMIUM={tmp_path / 'chromium'}", env=env)
    assert done.returncode == 0, done.stderr
    assert calls.read_text().splitlines() == ["update", "install -y chromium"]


def test_make_browser_only_warns_when_chromium_cannot_be_installed(tmp_path: Path) -> None:
    env, calls = fake_apt_get(tmp_path, exit_code=100)
    done = make("browser", f"CHROMIUM={tmp_path / 'chromium'}", env=env)
    assert done.returncode == 0
    assert "warning: could not install chromium" in done.stdout
    assert calls.read_text().splitlines() == ["update"]


def test_make_java_installs_nothing_when_java_is_there(tmp_path: Path) -> None:
    env, calls = fake_apt_get(tmp_path, exit_code=0)
    done = make("java", "JAVA=/bin/sh", env=env)
    assert done.returncode == 0, done.stderr
    assert not calls.exists()


def test_make_java_installs_debians_jre_when_it_is_missing(tmp_path: Path) -> None:
    env, calls = fake_apt_get(tmp_path, exit_code=0)
    done = make("java", f"JAVA={tmp_path / 'java'}", env=env)
    assert done.returncode == 0, done.stderr
    assert calls.read_text().splitlines() == ["update", "install -y openjdk-17-jre-headless"]


def test_make_java_only_warns_when_java_cannot_be_installed(tmp_path: Path) -> None:
    env, calls = fake_apt_get(tmp_path, exit_code=100)
    done = make("java", f"JAVA={tmp_path / 'java'}", env=env)
    assert done.returncode == 0
    assert "warning: could not install Java" in done.stdout
    assert calls.read_text().splitlines() == ["update"]
