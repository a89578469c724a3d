"""Private: how a source becomes numbered physical lines (the first half of the file policy).

**Sources.** A reader takes a :class:`pathlib.Path` (or any ``os.PathLike``), the file's
content as ``str`` or ``bytes``, or an open file (text or binary). A ``str`` is always
the content, never a file name. Anything else is a programming error: a
:class:`TypeError` naming the parameter.

**Text.** Bytes are UTF-8, with or without a byte-order mark; another encoding can be
named explicitly where the outside system allows it (the civil-registry dump). A
UTF-16 or UTF-32 file, bytes that are not UTF-8 (a file saved as Windows-1256), a NUL
character and a physical line longer than :data:`MAX_LINE_CHARS` each stop the reading
with a coded error at the line where they occur; the lines before it have been read and
checked. Lines end in LF, CRLF or CR alone (mixed in one file is fine); no other
character ends a line.

Readers stream: they read a chunk of :data:`CHUNK_CHARS` characters at a time, so the
memory a reader needs depends on its longest record, not on the size of the file.

**Blocks, not lines.** Every check is made on a whole chunk at once, at the speed of
the C calls that make it: the decoder validates a chunk's bytes in one call, one search
finds a NUL, and a chunk no longer than :data:`MAX_LINE_CHARS` cannot hold an overlong
line. Only a chunk that fails a check is looked at line by line, to stop at the line
that holds the problem. A reader's hot loop may take the complete lines of a chunk as
one text (:meth:`Lines.blocks`) and cut it into lines only when it needs to.

The CSV and JSON policy built on these lines is in :mod:`electoral.formats._policy`.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import pathlib
from collections.abc import Callable, Iterator
from typing import IO, Any, Final, Protocol

from electoral.errors import (
    InvalidFormat,
    MissingValue,
    ValidationError,
    register_labels,
    register_messages,
)

__all__ = [
    "CHUNK_CHARS",
    "MAX_LINE_CHARS",
    "Lines",
    "Readable",
    "Source",
    "check_encoding",
    "check_source",
    "line_count",
    "open_lines",
    "path_error",
    "split_lines",
]


class Readable(Protocol):
    """An open file, text or binary: anything with ``read(size)``."""

    def read(self, size: int = -1, /) -> str | bytes:  # pragma: no cover - a protocol
        """Up to ``size`` characters or bytes; empty at the end."""
        ...


Source = str | bytes | bytearray | os.PathLike[str] | Readable | IO[str] | IO[bytes]
"""What a reader accepts: content (``str``, ``bytes``), a path, or an open file."""

MAX_LINE_CHARS: Final = 1 << 20
"""Longest physical line a reader accepts (1,048,576 characters)."""
CHUNK_CHARS: Final = 1 << 16
"""Characters (or bytes) read at a time."""

register_labels({"encoding": ("Encoding", "الترميز")})

register_messages(
    {
        "formats.file.missing": (
            "The file {value} does not exist.",
            "الملف {value} غير موجود.",
        ),
        "formats.file.directory": (
            "{value} is a folder, not a file.",
            "{value} مجلد وليس ملفًا.",
        ),
        "formats.file.unreadable": (
            "The file {value} cannot be read: {reason}.",
            "تعذرت قراءة الملف {value}: {reason}.",
        ),
        "formats.encoding": (
            "The text is not {encoding} from this line on ({reason}); save the file as UTF-8.",
            "النص ليس بترميز {encoding} ابتداءً من هذا السطر ({reason})؛ احفظ الملف بترميز UTF-8.",
        ),
        "formats.utf16": (
            "The file is {encoding} text; save it as UTF-8.",
            "الملف نص بترميز {encoding}؛ احفظه بترميز UTF-8.",
        ),
        "formats.nul": (
            "This line holds a NUL character, which no text file may contain.",
            "يحتوي هذا السطر على المحرف NUL، ولا يجوز أن يحتويه أي ملف نصي.",
        ),
        "formats.line_too_long": (
            "This line is longer than {limit} characters.",
            "هذا السطر أطول من {limit} حرفًا.",
        ),
        "formats.unknown_encoding": (
            "{value} is not the name of a text encoding.",
            "{value} ليس اسم ترميز نصي.",
        ),
    }
)


# --------------------------------------------------------------------------- sources


def check_source(source: object, parameter: str) -> None:
    """Refuse (with :class:`TypeError`) what is not a source at all."""
    if isinstance(source, str | bytes | bytearray | os.PathLike):
        return
    if callable(getattr(source, "read", None)):
        return
    raise TypeError(
        f"{parameter} must be a path, the file's text or bytes, or an open file, "
        f"not {type(source).__name__}"
    )


def check_encoding(encoding: object) -> None:
    """Refuse an encoding that is not a ``str`` (:class:`TypeError`) or not known."""
    if not isinstance(encoding, str):
        raise TypeError(f"encoding must be str, not {type(encoding).__name__}")
    try:
        codecs.lookup(encoding)
    except (LookupError, ValueError):  # unknown; a NUL or a lone surrogate in the name
        raise InvalidFormat("formats.unknown_encoding", field="encoding", value=encoding) from None


def path_error(path: pathlib.Path, error: OSError) -> ValidationError:
    """The coded error for a path that cannot be opened (``formats.file.*``)."""
    if isinstance(error, FileNotFoundError):
        return MissingValue("formats.file.missing", value=str(path))
    if isinstance(error, IsADirectoryError) or os.path.isdir(path):  # never raises
        return InvalidFormat("formats.file.directory", value=str(path))
    return InvalidFormat(
        "formats.file.unreadable", value=str(path), reason=error.strerror or str(error)
    )


def _bom(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    # ASCII text written as UTF-16 without a mark: every other byte is zero
    even, odd = head[0::2], head[1::2]
    for zeros, others in ((even, odd), (odd, even)):
        if len(head) >= 8 and zeros.count(0) == len(zeros) and others.count(0) == 0:
            return "UTF-16"
    return None


# --------------------------------------------------------------------------- lines


def split_lines(text: str) -> list[str]:
    """``text`` cut after each LF, CRLF or CR (and nothing else), endings kept."""
    return io.StringIO(text, newline="").readlines()


def line_count(text: str) -> int:
    """How many lines :func:`split_lines` cuts ``text`` into, counted in three C calls."""
    count = text.count("\n")
    if "\r" in text:  # (a search for a character that is absent is almost free)
        count += text.count("\r") - text.count("\r\n")
    return count + 1 if text[-1:] not in ("\n", "\r", "") else count


class Lines:
    """The physical lines of a source, each with its line ending, numbered from 1.

    Iterating gives each line as it was (``"a,b\\r\\n"``); :attr:`number` is the
    number of the last line given. A fatal problem (encoding, NUL, an overlong line)
    is raised as the :class:`~electoral.errors.ValidationError` it is, located at its
    line, once every line before it has been given.
    """

    def __init__(self, read: Callable[[int], object], *, encoding: str = "utf-8") -> None:
        self._read = read
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._block = ""  # complete lines read and checked, not given yet
        self._block_lines = 0
        self._carry = ""  # the start of a line whose end is not read yet
        self._started = False
        self._stopped: ValidationError | None = None
        self._done = False
        self.number = 0
        self._current: list[str] = []
        self._current_first = 1
        self._lines = self._generate()

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def __next__(self) -> str:
        return next(self._lines)

    def _generate(self) -> Iterator[str]:
        # A generator: a reader's loop over it runs at the speed of the C loop.
        for first, block, _ in self._blocks():
            batch = split_lines(block)
            self._current, self._current_first = batch, first
            number = first - 1
            for line in batch:
                number += 1
                self.number = number
                yield line

    def _blocks(self) -> Iterator[tuple[int, str, int]]:
        """``(first line's number, text, lines in it)`` of each block of complete lines."""
        while True:
            if not self._block:
                if self._stopped is not None:
                    error, self._stopped = self._stopped, None
                    raise error.at(f"line {self.number + 1}")
                if self._done:
                    return
                self._fill()
                continue
            block, self._block = self._block, ""
            yield self.number + 1, block, self._block_lines

    def blocks(self) -> Iterator[tuple[int, str]]:
        """The lines not given yet, as texts of whole lines, with the number of each first.

        Every line of a text has passed every check; :func:`split_lines` cuts one into
        its lines. Once this is used, the lines are no longer given one at a time.
        """
        rest = self._current[self.number - self._current_first + 1 :]
        if rest:  # the lines of the list being given one at a time not given yet
            first = self.number + 1
            self.number += len(rest)
            yield first, "".join(rest)
        for first, block, count in self._blocks():
            self.number = first - 1 + count
            yield first, block

    def _decode(self, chunk: bytes, final: bool) -> str:
        if not self._started and self._encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
            wide = _bom(chunk[:64])
            if wide is not None:
                self._stopped = InvalidFormat("formats.utf16", value=None, encoding=wide)
                return ""
            if chunk.startswith(codecs.BOM_UTF8):
                chunk = chunk[len(codecs.BOM_UTF8) :]
        try:
            return self._decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            # The lines before the bad byte are given; the error names its line.
            data = bytes(error.object)
            bad = data[error.start : error.start + 1]
            self._stopped = InvalidFormat(
                "formats.encoding",
                value=None,
                encoding=self._encoding.upper(),
                reason=f"byte {bad[0]:#04x}" if bad else "the file ends inside a character",
            )
            return data[: error.start].decode(self._encoding)

    def _chunk(self) -> str:
        chunk = self._read(CHUNK_CHARS)
        if isinstance(chunk, bytearray | memoryview):
            chunk = bytes(chunk)
        if isinstance(chunk, bytes):
            text = self._decode(chunk, not chunk)
        elif isinstance(chunk, str):
            text = chunk
        else:
            raise TypeError(f"read() returned {type(chunk).__name__}, not str or bytes")
        if not self._started and text:
            self._started = True
            if text.startswith("\ufeff"):
                text = text[1:]
        self._done = not chunk
        return text

    def _fill(self) -> None:
        """Read a chunk and check it whole; keep its complete lines as one block."""
        text = self._chunk()
        nul = text.find("\x00")
        if nul >= 0:
            text = text[:nul]
            self._stopped = InvalidFormat("formats.nul", value=None)
        text, self._carry = self._carry + text, ""
        if self._stopped is not None:
            # the lines before the problem: the start of the line that holds it is dropped
            end = max(text.rfind("\n"), text.rfind("\r")) + 1
        elif self._done:
            end = len(text)
        else:
            # A line is complete only when a character follows its ending (a CR at the
            # end of a chunk may be the first half of a CRLF).
            end = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
            self._carry = text[end:]
        block = text[:end]
        if len(block) > MAX_LINE_CHARS or len(self._carry) > MAX_LINE_CHARS:
            # (a block no longer than the limit cannot hold a line longer than it)
            block = self._cut_long(block)
        self._block, self._block_lines = block, line_count(block)

    def _cut_long(self, block: str) -> str:
        """The lines of ``block`` before the first overlong one (which stops the reading)."""
        lines = split_lines(block)
        if max(map(len, lines), default=0) <= MAX_LINE_CHARS >= len(self._carry):
            return block
        long = next((i for i, x in enumerate(lines) if len(x) > MAX_LINE_CHARS), None)
        self._carry = ""
        self._stopped = InvalidFormat("formats.line_too_long", value=None, limit=MAX_LINE_CHARS)
        return "".join(lines[:long])


@contextlib.contextmanager
def open_lines(
    source: Source, *, parameter: str = "source", encoding: str = "utf-8"
) -> Iterator[Lines]:
    """The lines of ``source`` (see :class:`Lines`); a path is opened and closed here.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationError: ``formats.file.*``, the path cannot be read.
    """
    check_source(source, parameter)
    check_encoding(encoding)
    if isinstance(source, str):
        yield Lines(io.StringIO(source, newline="").read)
    elif isinstance(source, bytes | bytearray):
        yield Lines(io.BytesIO(bytes(source)).read, encoding=encoding)
    elif isinstance(source, os.PathLike):
        path = pathlib.Path(source)
        try:
            handle = path.open("rb")
        except OSError as error:
            raise path_error(path, error) from None
        with handle:
            yield Lines(_reading(handle, path), encoding=encoding)
    else:
        stream: Any = source
        yield Lines(stream.read, encoding=encoding)


def _reading(handle: IO[bytes], path: pathlib.Path) -> Callable[[int], bytes]:
    def read(size: int) -> bytes:
        try:
            return handle.read(size)
        except OSError as error:
            raise path_error(path, error) from None

    return read
