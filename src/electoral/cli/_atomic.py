"""Private: writing files so that a crash at any moment leaves the old ones or the new ones.

**One file** (:func:`write_file`) is written to a temporary file in the same folder
and renamed over its name only when complete (:func:`os.replace` is atomic on one
file system): readers see the old file or the new one, never half of one.

**A set of files** (:class:`OutputFolder`: ``demo``, ``stations``, ``tally`` write a
folder) is one unit: a reader, and a user after a crash or ``kill -9`` at any
moment, finds in the folder either the complete old set or the complete new set,
never a mix of two runs and never a temporary file. The new set is written into a
hidden sibling folder (``.NAME.electoral-new-XXXXXXXX``), every file flushed to disk,
and a manifest (``.electoral.json``: what wrote the set and every file with its
size) written last. Then the sibling takes the folder's place:

* on Linux, one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically, so
  the folder's path always holds a complete set; the sibling, now holding the old
  set, is removed;
* elsewhere, the old folder is renamed aside and the new one renamed in; a crash
  between the two renames leaves no folder at the path for a moment, which the next
  run repairs.

A run that is killed leaves at most a hidden sibling next to the folder (never inside
it). The next command that writes to that folder first **recovers**: if the folder
is missing it puts back the complete set (the new one when it is complete, else the
old one), then removes every stale sibling. A sibling still locked by a live writer
(``flock``) is left alone.

Folders are never overwritten blindly: a folder that holds files this command line
did not write (no manifest, or files the manifest does not list) is refused before
any work starts, so ``--output ~`` cannot replace a home folder.

The environment variable ``ELECTORAL_TEST_KILL_AT=N`` makes the process kill itself
with ``SIGKILL`` at its *N*-th file operation, and ``ELECTORAL_TEST_TRACE=1`` prints
each operation on stderr; the tests use them to crash a real process at every moment.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import json
import os
import pathlib
import re
import secrets
import shutil
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, TextIO

from electoral import __version__
from electoral.cli._command import UsageError
from electoral.errors import InconsistentValue, InvalidFormat, ValidationError

__all__ = [
    "MANIFEST",
    "Content",
    "OutputFolder",
    "check_not_input",
    "recover_file",
    "umask",
    "write_error",
    "write_file",
]

Content = str | Callable[[TextIO], object]
"""A file's content: its text, or a function that writes it to an open text file."""

MANIFEST: Final = ".electoral.json"
"""The manifest of a folder written as a set: written last, listing every file."""

_STAGING: Final = re.compile(r"\.(?P<name>.+)\.electoral-(?P<kind>new|old)-[0-9a-f]{8}")
_TEMPORARY: Final = re.compile(r"\.(?P<name>.+)\.electoral-[0-9a-f]{8}\.tmp")

if sys.platform != "win32":
    import fcntl


# --------------------------------------------------------------------------- fault hook

_steps = 0


def _step(what: str) -> None:
    """Count one file operation; the tests' kill switch and trace (see module docstring)."""
    global _steps
    _steps += 1
    if os.environ.get("ELECTORAL_TEST_TRACE"):
        sys.stderr.write(f"electoral-step {_steps} {what}\n")
        sys.stderr.flush()
    if os.environ.get("ELECTORAL_TEST_KILL_AT") == str(_steps):
        os.kill(os.getpid(), signal.SIGKILL)


# --------------------------------------------------------------------------- helpers


def umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_error(path: pathlib.Path, error: OSError) -> ValidationError:
    """``cli.write_failed`` for ``path``."""
    return InvalidFormat(
        "cli.write_failed", field="output", value=str(path), reason=error.strerror or str(error)
    )


def _fsync_folder(folder: pathlib.Path) -> None:
    """Make a folder's entries durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(handle)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(handle)


def _lock(path: pathlib.Path) -> int | None:
    """Hold an exclusive lock on ``path`` (a folder or file) while writing it."""
    if sys.platform == "win32":  # pragma: no cover - no advisory locks
        return None
    handle = os.open(path, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def _unlock(handle: int | None) -> None:
    if handle is not None:
        os.close(handle)


def _in_use(path: pathlib.Path) -> bool:
    """Whether a live writer holds the lock on ``path``."""
    if sys.platform == "win32":  # pragma: no cover - no live-writer check
        return False
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)
    return False


def _write_content(handle: TextIO, content: Content) -> None:
    if isinstance(content, str):
        handle.write(content)
    else:
        content(handle)


# --------------------------------------------------------------------------- one file


def recover_file(path: pathlib.Path) -> None:
    """Remove the temporary files a killed writer of ``path`` left beside it."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match and match.group("name") == path.name and not _in_use(pathlib.Path(entry.path)):
            _step(f"remove stale {entry.name}")
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def write_file(path: pathlib.Path, content: Content) -> None:
    """Write one file atomically: the old file or the new one, never half of one.

    Raises:
        UsageError: ``cli.write_failed``; nothing is left behind.
    """
    path = pathlib.Path(os.path.abspath(path))
    folder = path.parent
    recover_file(path)
    temporary = folder / f".{path.name}.electoral-{secrets.token_hex(4)}.tmp"
    lock = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        _step(f"create {temporary.name}")
        with open(temporary, "x", encoding="utf-8", newline="") as handle:
            lock = _lock(temporary)
            _write_content(handle, content)
            _step(f"write {temporary.name}")
            handle.flush()
            os.fsync(handle.fileno())
        _step(f"replace {path.name}")
        os.replace(temporary, path)
        _fsync_folder(folder)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise UsageError(write_error(path, error)) from None
        raise
    finally:
        _unlock(lock)


def check_not_input(output: pathlib.Path, *inputs: pathlib.Path) -> None:
    """Refuse an output path that is one of the inputs (the same file, or a hard link).

    Raises:
        UsageError: ``cli.output_is_input``.
    """
    try:
        written = output.stat()
    except OSError:
        return
    for source in inputs:
        try:
            read = source.stat()
        except OSError:
            continue
        if (written.st_dev, written.st_ino) == (read.st_dev, read.st_ino):
            raise UsageError(
                InconsistentValue("cli.output_is_input", field="output", value=str(output))
            )


# --------------------------------------------------------------------------- a set of files


@functools.cache
def _exchange_function() -> Callable[[pathlib.Path, pathlib.Path], bool] | None:
    """``renameat2(RENAME_EXCHANGE)`` where the C library has it (Linux), else ``None``."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - other systems
        return None
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2  # the C library, loaded already
    except (OSError, AttributeError):  # pragma: no cover - an old C library
        return None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes.append(ctypes.c_uint)
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2

    def exchange(first: pathlib.Path, second: pathlib.Path) -> bool:
        done = renameat2(
            at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange
        )
        if done == 0:
            return True
        code = ctypes.get_errno()
        if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            return False  # this file system cannot exchange: rename in two steps
        raise OSError(code, os.strerror(code), str(second))

    return exchange


def _read_manifest(folder: pathlib.Path) -> dict[str, int] | None:
    """The files a folder's manifest lists, with their sizes; ``None`` without one."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and type(v) is int for k, v in files.items()
    ):
        return None
    return files


def _manifest_command(folder: pathlib.Path) -> str | None:
    """The command a folder's manifest says wrote it, if it has a manifest."""
    try:
        command = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("command")
    except (OSError, ValueError, AttributeError):
        return None
    return command if isinstance(command, str) else None


def _files_in(folder: pathlib.Path) -> Iterator[str]:
    for root, _, names in os.walk(folder):
        for name in names:
            yield pathlib.Path(root, name).relative_to(folder).as_posix()


def _complete(folder: pathlib.Path) -> bool:
    """Whether ``folder`` holds a whole set: a manifest, and every file it lists at its size."""
    files = _read_manifest(folder)
    if files is None:
        return False
    for name, size in files.items():
        try:
            if (folder / name).stat().st_size != size:
                return False
        except OSError:
            return False
    return True


def _foreign(folder: pathlib.Path) -> list[str]:
    """Files in ``folder`` that this command line did not write (its manifest lists them)."""
    listed = _read_manifest(folder) or {}
    return sorted(name for name in _files_in(folder) if name != MANIFEST and name not in listed)


def _remove(path: pathlib.Path) -> None:
    _step(f"remove {path.name}")
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


class OutputFolder:
    """A folder written as one set of files (see the module docstring).

    Call :meth:`prepare` before the work (it recovers from a killed run and refuses
    a folder that holds other files), then :meth:`commit` with the files.
    """

    def __init__(self, folder: pathlib.Path, *, command: str) -> None:
        self.folder = pathlib.Path(os.path.realpath(folder))
        self.shown = folder
        self.command = command

    def check_inputs(self, *inputs: pathlib.Path) -> None:
        """Refuse to replace a folder that holds one of the command's own inputs.

        Raises:
            UsageError: ``cli.output_holds_input``.
        """
        for source in inputs:
            real = pathlib.Path(os.path.realpath(source))
            if real == self.folder or self.folder in real.parents:
                raise UsageError(
                    InconsistentValue(
                        "cli.output_holds_input",
                        field="output",
                        value=str(self.shown),
                        input=str(source),
                    )
                )

    def _siblings(self) -> list[pathlib.Path]:
        try:
            entries = list(os.scandir(self.folder.parent))
        except OSError:
            return []
        found = []
        for entry in entries:
            match = _STAGING.fullmatch(entry.name)
            if match and match.group("name") == self.folder.name:
                found.append(pathlib.Path(entry.path))
        return sorted(found)

    def recover(self) -> None:
        """Finish or undo what a killed run left: the folder holds a whole set after."""
        stale = [path for path in self._siblings() if not _in_use(path)]
        if not self.folder.exists():
            complete = [path for path in stale if _complete(path)]
            # a complete new set wins over the old one it was replacing
            complete.sort(key=lambda path: "-new-" not in path.name)
            if complete:
                _step(f"restore {complete[0].name}")
                os.rename(complete[0], self.folder)
                _fsync_folder(self.folder.parent)
                stale.remove(complete[0])
        for path in stale:
            _remove(path)

    def prepare(self) -> None:
        """Recover, then check that the folder can be replaced; before any work.

        Raises:
            UsageError: ``cli.output_cwd`` (the current folder or one that holds it),
                ``cli.write_failed`` (a file is in the way, no permission),
                ``cli.output_other_command`` (another command's output),
                ``cli.output_foreign`` (the folder holds files not written here).
        """
        folder = self.folder
        here = pathlib.Path.cwd().resolve()
        if folder == here or folder in here.parents:
            raise UsageError(
                InconsistentValue("cli.output_cwd", field="output", value=str(self.shown))
            )
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            self.recover()
        except OSError as error:
            raise UsageError(write_error(self.shown, error)) from None
        if folder.exists() and not folder.is_dir():
            raise UsageError(
                write_error(
                    self.shown, NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
                )
            )
        if folder.is_dir():
            written_by = _manifest_command(folder)
            if written_by is not None and written_by != self.command:
                raise UsageError(
                    InconsistentValue(
                        "cli.output_other_command",
                        field="output",
                        value=str(self.shown),
                        command=written_by,
                    )
                )
            foreign = _foreign(folder)
            if foreign:
                shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
                raise UsageError(
                    InconsistentValue(
                        "cli.output_foreign", field="output", value=str(self.shown), files=shown
                    )
                )
        if not os.access(folder.parent, os.W_OK | os.X_OK):
            raise UsageError(
                write_error(self.shown, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
            )

    def commit(
        self, files: Mapping[str, Content], *, on_file: Callable[[str], None] | None = None
    ) -> None:
        """Write ``files`` (relative path -> content) as the folder's new set.

        Raises:
            UsageError: ``cli.write_failed``; the folder keeps its old set.
        """
        self.prepare()
        staging = self.folder.parent / f".{self.folder.name}.electoral-new-{secrets.token_hex(4)}"
        lock = None
        try:
            _step(f"create {staging.name}")
            staging.mkdir()
            lock = _lock(staging)
            sizes = self._write_all(staging, files, on_file)
            manifest: dict[str, Any] = {
                "written_by": f"electoral {__version__}",
                "command": self.command,
                "files": sizes,
            }
            _step(f"write {MANIFEST}")
            with open(staging / MANIFEST, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            _fsync_folder(staging)
            self._swap(staging)
        except BaseException as error:
            if staging.exists():
                _remove(staging)
            if isinstance(error, OSError):
                raise UsageError(write_error(self.shown, error)) from None
            raise
        finally:
            _unlock(lock)

    def _write_all(
        self,
        staging: pathlib.Path,
        files: Mapping[str, Content],
        on_file: Callable[[str], None] | None,
    ) -> dict[str, int]:
        sizes: dict[str, int] = {}
        folders = {staging}
        for name, content in files.items():
            path = staging / name
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            _step(f"write {name}")
            with open(path, "x", encoding="utf-8", newline="") as handle:
                _write_content(handle, content)
                handle.flush()
                os.fsync(handle.fileno())
            sizes[name] = path.stat().st_size
            if on_file is not None:
                on_file(name)
        for folder in sorted(folders, key=lambda p: -len(p.parts)):
            _fsync_folder(folder)
        return sizes

    def _swap(self, staging: pathlib.Path) -> None:
        folder, parent = self.folder, self.folder.parent
        if not folder.exists():
            _step(f"rename {staging.name} -> {folder.name}")
            os.rename(staging, folder)
            _fsync_folder(parent)
            return
        _step(f"exchange {staging.name} <-> {folder.name}")
        exchange = _exchange_function()
        if exchange is not None and os.environ.get("ELECTORAL_TEST_NO_EXCHANGE") is None:
            swapped = exchange(staging, folder)
        else:
            swapped = False
        if swapped:
            _fsync_folder(parent)
            _remove(staging)  # it holds the old set now
            return
        old = parent / staging.name.replace("-new-", "-old-")
        _step(f"rename {folder.name} -> {old.name}")
        os.rename(folder, old)
        _step(f"rename {staging.name} -> {folder.name}")
        os.rename(staging, folder)
        _fsync_folder(parent)
        _remove(old)
