"""A PDF is always readable: where fontconfig sees no Chinese font, `fazhi report --format pdf`
refuses (non-zero exit, the fonts and the packages named, no file) and the web download says why,
instead of writing a document of boxes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.reports import render

ROOT = Path(__file__).resolve().parents[2]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FAZHI = Path(sys.executable).with_name("fazhi")


@pytest.fixture
def latin_only(tmp_path: Path) -> dict[str, str]:
    """An environment whose fontconfig knows only DejaVu (no CJK glyphs)."""
    if not DEJAVU.is_dir():
        pytest.skip(f"{DEJAVU} not found")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{DEJAVU}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>
""", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the subprocess's own SQLite
    env.update(FONTCONFIG_FILE=str(conf), FAZHI_HOME=str(tmp_path / "home"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])))
    return env


def test_without_a_chinese_font_the_cli_refuses_and_writes_no_file(latin_only, tmp_path):
    if not FAZHI.exists():
        pytest.skip(f"{FAZHI} not installed")
    setup = subprocess.run([str(FAZHI), "setup", "--division", "430771"], env=latin_only, cwd=tmp_path,
                           capture_output=True, text=True, timeout=600, check=False)
    assert setup.returncode == 0, setup.stderr
    out = tmp_path / "x.pdf"
    run = subprocess.run([str(FAZHI), "report", "--year", "2023", "--format", "pdf", "-o", str(out)],
                         env=latin_only, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode != 0
    assert "本机没有中文字体" in run.stderr and "Noto Serif CJK SC" in run.stderr
    assert "apt-get install fonts-noto-cjk" in run.stderr
    assert not out.exists() and not list(tmp_path.glob("*.pdf"))


def test_fontconfig_is_asked_with_the_callers_configuration(latin_only, monkeypatch):
    monkeypatch.setenv("FONTCONFIG_FILE", latin_only["FONTCONFIG_FILE"])
    assert render.chinese_fonts() == []
    with pytest.raises(render.MissingCJKFont, match="缺少的字体：Noto Serif CJK SC、Noto Sans CJK SC"):
        render.require_chinese_fonts()


@pytest.mark.django_db
def test_the_web_download_shows_the_message_instead_of_a_broken_pdf(coordinator, county, login, monkeypatch):
    from fazhi.reports import services

    report = services.report_create(by=coordinator, unit=county, year=2023)
    monkeypatch.setattr(render, "chinese_fonts", lambda: [])
    response = login(coordinator).get(f"/reports/{report.pk}/download.pdf", follow=True)
    assert response.headers["Content-Type"].startswith("text/html")
    assert "无法生成PDF：本机没有中文字体" in response.content.decode()


@pytest.mark.django_db
def test_with_a_chinese_font_the_pdf_embeds_it(county, tmp_path):
    if not render.chinese_fonts():
        pytest.skip("no CJK font on this machine (scripts/install-system-deps.sh)")
    from pypdf import PdfReader

    from fazhi.reports.export import export

    reader = PdfReader(io.BytesIO(export(county, 2023, "pdf")))
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any(family in f for f in fonts for family in ("CJK", "UKai", "UMing", "ZenHei")), fonts
    assert "主要指标" in "".join(page.extract_text() for page in reader.pages)
