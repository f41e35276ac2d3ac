"""The command line: exit codes, messages, atomic outputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flyer.app.cli import main

from .conftest import sample_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    sample_project(tmp_path)
    return tmp_path


def test_build_writes_both_renditions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(project / "content.yaml"), "--out", str(project / "out")]) == 0
    out = capsys.readouterr().out
    assert "flyer.pdf" in out and "flyer-print.pdf" in out and "KB" in out
    assert (project / "out" / "flyer.pdf").read_bytes().startswith(b"%PDF")
    assert (project / "out" / "flyer-print.pdf").read_bytes().startswith(b"%PDF")
    assert not list((project / "out").glob("*.tmp"))


def test_profile_screen_writes_the_screen_pdf_and_its_html_companion(project: Path) -> None:
    assert (
        main(["build", str(project / "content.yaml"), "--out", str(project / "o"), "--profile", "screen"])
        == 0
    )
    assert sorted(p.name for p in (project / "o").iterdir()) == ["flyer.html", "flyer.pdf"]


def test_profile_print_writes_only_the_print_pdf(project: Path) -> None:
    out = project / "o"
    assert main(["build", str(project / "content.yaml"), "--out", str(out), "--profile", "print"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["flyer-print.pdf"]


def test_a_profile_list_with_screen_writes_the_html_too(project: Path) -> None:
    out = project / "o"
    args = ["build", str(project / "content.yaml"), "--out", str(out), "--profile", "screen,print,office"]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "flyer-office.pdf",
        "flyer-print.pdf",
        "flyer.html",
        "flyer.pdf",
    ]


def test_bad_content_exits_1_and_keeps_earlier_outputs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "out"
    assert main(["build", str(project / "content.yaml"), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    content = project / "content.yaml"
    content.write_text(
        content.read_text(encoding="utf-8").replace(
            'title: "Questions fréquentes"', 'titel: "Questions fréquentes"'
        ),
        encoding="utf-8",
    )
    assert main(["build", str(content), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "content.yaml:" in err and "error: sections[2].items[5].titel: unknown key 'titel'" in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_check_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project / "content.yaml")]) == 0
    assert "ok" in capsys.readouterr().out
    assert not (project / "output").exists()


def test_missing_content_and_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(project / "nope.yaml")]) == 1
    assert main(["check", str(project)]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "is a folder" in err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build", "--profile", "paper"])
    assert caught.value.code == 2


def test_python_dash_m_flyer_runs(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flyer", "check", "content.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_outputs_are_readable_by_others_as_the_umask_says(project: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert main(["build", str(project / "content.yaml"), "--out", str(project / "out")]) == 0
    finally:
        os.umask(old)
    for written in (project / "out").iterdir():
        assert stat.S_IMODE(written.stat().st_mode) == 0o644, written


def test_version() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0


def run_flyer(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flyer", *argv], capture_output=True, text=True, cwd=cwd)


def test_the_entry_point_flushes_its_output_and_keeps_the_exit_code(project: Path) -> None:
    done = run_flyer("check", str(project / "content.yaml"))
    assert done.returncode == 0 and done.stdout.startswith(f"{project / 'content.yaml'}: ok (")
    (project / "bad.yaml").write_text("title: Un titre\nsections: 3\n", encoding="utf-8")
    bad = run_flyer("check", str(project / "bad.yaml"))
    assert bad.returncode == 1 and "bad.yaml:2:" in bad.stderr
    assert run_flyer("build", "--no-such-option").returncode == 2


def test_help_and_a_yaml_error_load_neither_the_model_nor_the_writer(project: Path) -> None:
    (project / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from flyer.app.cli import main\n"
        "try:\n"
        "    code = main(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "heavy = sorted(m for m in ('pydantic', 'reportlab', 'svglib', 'pypdfium2') if m in sys.modules)\n"
        "print('result', code, heavy)\n"
    )
    for argv, code in (
        (["build", str(project / "broken.yaml")], 1),
        (["check", str(project / "broken.yaml")], 1),
        (["--help"], 0),
        (["build", "--help"], 0),
    ):
        done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
        assert done.stdout.strip().endswith(f"result {code} []"), done.stdout + done.stderr
        if code:
            assert "broken.yaml:2:1: error: YAML syntax error" in done.stderr


def test_a_valid_build_never_imports_pydantic_an_invalid_one_is_reported_by_it(project: Path) -> None:
    # pydantic and its models were a third of a cold build: valid content is read without them.
    probe = (
        "import sys\n"
        "from flyer.app.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('result', code, 'pydantic' in sys.modules)\n"
    )
    content = (project / "content.yaml").read_text(encoding="utf-8")
    (project / "bad.yaml").write_text(content.replace("title:", "titel:", 1), encoding="utf-8")
    for name, code, loaded in (("content.yaml", 0, False), ("bad.yaml", 1, True)):
        argv = ["build", str(project / name), "--no-verify", "--out", str(project / "out")]
        done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
        assert done.stdout.strip().endswith(f"result {code} {loaded}"), done.stdout + done.stderr
    assert "unknown key 'titel'" in done.stderr and "did you mean 'title'?" in done.stderr


def test_writing_the_pdfs_loads_no_second_pdf_library(project: Path) -> None:
    # reportlab writes the finished files in one pass; pikepdf (qpdf) is verify's reader only.
    probe = (
        "import sys\n"
        "from flyer.app.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('result', code, sorted(m for m in ('pikepdf', 'pypdf') if m in sys.modules))\n"
    )
    out = project / "out"
    argv = [
        "build",
        str(project / "content.yaml"),
        "--no-verify",
        "--profile",
        "screen,print",
        "--out",
        str(out),
    ]
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
    assert done.stdout.strip().endswith("result 0 []"), done.stdout + done.stderr
    assert (out / "flyer.pdf").stat().st_size > 0 and (out / "flyer-print.pdf").stat().st_size > 0


def test_a_reader_that_stops_reading_is_not_a_traceback() -> None:
    # ``true`` leaves before flyer has even started: its output goes to a closed pipe.
    done = subprocess.run(
        f"{sys.executable} -m flyer schema | true", shell=True, capture_output=True, text=True
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
