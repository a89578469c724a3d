"""Integrations of ``electoral`` with frameworks its users build on.

Each integration is a subpackage that needs its own extra and is never imported by
``import electoral``: :mod:`electoral.contrib.django` needs ``electoral[django]``.
"""

from __future__ import annotations

__all__: list[str] = []
