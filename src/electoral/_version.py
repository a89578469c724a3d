"""The version of ``electoral``: the one place it is written (hatch reads it from here)."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
"""The version, ``major.minor.patch`` (SemVer, as ``docs/compatibility.md`` defines it)."""
