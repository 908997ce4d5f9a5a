"""The `ffu site` and `ffu serve` commands.

The CLI imports this module for every command, so everything heavy is imported inside the
functions, when one of these commands actually runs.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from ..errors import FfuError


def _downloads_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--nedladdningar",
        type=Path,
        metavar="MAPP",
        help="mappen med Word-filerna som ska gå att ladda ner (standard: dist/)",
    )


def site_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", type=Path, metavar="MAPP", help="mappen för webbplatsen (standard: site/)"
    )
    _downloads_argument(p)


def serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--port", type=int, default=8000, help="porten att visa webbplatsen på (standard: 8000; 0: en ledig)"
    )
    _downloads_argument(p)


def _given(root: Path, args: argparse.Namespace, value: Path | None, default: str) -> Path:
    """A folder from the command line. Like git -C, a relative one counts from the folder ffu
    runs in (the -C folder, or else the current one); without it, the default in the project."""
    if value is None:
        return root / default
    return ((args.directory or Path.cwd()) / value).absolute()


def _downloads_dir(root: Path, args: argparse.Namespace) -> Path:
    folder = _given(root, args, args.nedladdningar, "dist")
    # dist/ is missing until the first `ffu build`, and the site is fine without files then;
    # a folder the user names must exist, or a typo would silently give an empty page.
    if args.nedladdningar is not None and not folder.is_dir():
        raise FfuError(
            f"mappen {folder} för --nedladdningar finns inte; ange mappen med Word-filerna, "
            "till exempel dist/ efter ffu build"
        )
    return folder


def _build(root: Path, out: Path, downloads_dir: Path, work_dir: Path | None = None) -> str:
    from ..build import OUTPUT_MARKER, check_output
    from ..pipeline import load_database
    from .build import build_site, describe
    from .downloads import find_downloads

    check_output(out)
    db = load_database(root)
    result = build_site(db, root, out, find_downloads(downloads_dir), work_dir=work_dir)
    (out / OUTPUT_MARKER).write_text("Skapad av ffu site.\n", encoding="utf-8")
    return describe(result)


def cmd_site(root: Path, args: argparse.Namespace) -> int:
    from ..outputs import check_output_folders

    out = _given(root, args, args.output, "site")
    downloads = _downloads_dir(root, args)
    check_output_folders({"-o": out, "--nedladdningar": downloads}, root)
    print(_build(root, out, downloads))
    return 0


def cmd_serve(root: Path, args: argparse.Namespace) -> int:
    """Build the site, show it, and rebuild and reload on every change until Ctrl+C."""
    import threading

    from .. import templates
    from .serve import Preview, make_preview_server

    downloads = _downloads_dir(root, args)
    with tempfile.TemporaryDirectory(prefix="ffu-serve-") as tmp:
        work = Path(tmp)

        def build(out: Path) -> str:
            with templates.project(root):  # the watcher thread builds too
                return _build(root, out, downloads, work_dir=work / "arbete")

        preview = Preview(root, work, build)
        preview.rebuild()  # with errors the server still starts, and shows them
        try:
            server = make_preview_server(preview, args.port)
        except OSError as exc:
            from ..oserrors import reason as swedish

            reason = swedish(exc)
            raise FfuError(
                f"kan inte visa webbplatsen på port {args.port} ({reason}); välj en annan med --port"
            ) from exc
        stop = threading.Event()
        watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
        with server:
            port = server.server_address[1]
            print(f"Webbplatsen visas på http://127.0.0.1:{port}/ – avsluta med Ctrl+C.")
            print(
                "Sidorna byggs om och laddas om i webbläsaren när något ändras i requirements_db/, "
                "content/ eller templates/.",
                flush=True,
            )
            watcher.start()
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                print("\nAvslutat.")
            finally:
                stop.set()
                watcher.join()
    return 0
