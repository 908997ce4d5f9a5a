"""The build manifest: a build is up to date only with the same inputs, settings and outputs."""

from __future__ import annotations

from pathlib import Path

from generator.manifest import Stamp, record, up_to_date
from generator.publish import OUTPUT_MARKER


def _outputs(tmp_path: Path) -> tuple[Path, Path]:
    site, dist = tmp_path / "site", tmp_path / "dist"
    for folder in (site, dist):
        folder.mkdir()
        (folder / OUTPUT_MARKER).write_text("", encoding="utf-8")
    return site, dist


def test_a_recorded_build_with_its_outputs_in_place_is_up_to_date(tmp_path: Path) -> None:
    site, dist = _outputs(tmp_path)
    stamp = Stamp.of("nyckel", site, dist, layout=True)
    record(tmp_path, stamp)
    assert up_to_date(tmp_path, stamp, (site, dist))


def test_nothing_is_up_to_date_before_the_first_build(tmp_path: Path) -> None:
    site, dist = _outputs(tmp_path)
    assert not up_to_date(tmp_path, Stamp.of("nyckel", site, dist, layout=True), (site, dist))


def test_other_inputs_or_settings_are_not_up_to_date(tmp_path: Path) -> None:
    site, dist = _outputs(tmp_path)
    record(tmp_path, Stamp.of("nyckel", site, dist, layout=True))
    assert not up_to_date(tmp_path, Stamp.of("annan", site, dist, layout=True), (site, dist))
    assert not up_to_date(tmp_path, Stamp.of("nyckel", site, dist, layout=False), (site, dist))


def test_a_removed_output_folder_is_not_up_to_date(tmp_path: Path) -> None:
    site, dist = _outputs(tmp_path)
    stamp = Stamp.of("nyckel", site, dist, layout=True)
    record(tmp_path, stamp)
    (dist / OUTPUT_MARKER).unlink()
    assert not up_to_date(tmp_path, stamp, (site, dist))


def test_a_damaged_manifest_counts_as_no_build(tmp_path: Path) -> None:
    site, dist = _outputs(tmp_path)
    stamp = Stamp.of("nyckel", site, dist, layout=True)
    record(tmp_path, stamp)
    (tmp_path / ".cache" / "ffu" / "manifest.json").write_text("{inte json", encoding="utf-8")
    assert not up_to_date(tmp_path, stamp, (site, dist))
