"""Private: writing files so that a failure never leaves a half-written one."""

from __future__ import annotations

import contextlib
import os
import pathlib
import tempfile

from electoral.cli._command import UsageError
from electoral.errors import InvalidFormat, ValidationError

__all__ = ["umask", "write_atomic", "write_error"]


def write_atomic(path: pathlib.Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    The temporary file is renamed over ``path`` only once it is complete
    (:func:`os.replace` is atomic on one file system), so readers see the old file
    or the new one, never half of it; on failure the temporary file is removed.

    Raises:
        UsageError: ``cli.write_failed``.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            "w",
            encoding="utf-8",
            newline="",
            dir=folder,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as error:
        raise UsageError(write_error(path, error)) from None
    temporary = pathlib.Path(handle.name)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # a temporary file is private (0600); the output gets the usual mode
        os.chmod(temporary, 0o666 & ~umask())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise UsageError(write_error(path, error)) from None
        raise


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
