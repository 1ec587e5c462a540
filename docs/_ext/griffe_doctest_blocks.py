"""A Griffe extension for the API reference: render hanhchinh's docstrings as Markdown.

hanhchinh's docstrings put their ``>>>`` examples in the running text (pytest runs them with
``--doctest-modules``), not under an ``Examples:`` heading. Markdown would render such lines as
nested block quotes and read ``[...] [...]`` output as a link reference, so this extension wraps
every top-level doctest block in a ``pycon`` fence before mkdocstrings renders it. It also turns
Sphinx roles (``:meth:`with_hours```) into inline code, which Markdown would otherwise print
verbatim. It changes nothing in the source and nothing that pytest runs. Configured in
``mkdocs.yml``.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object


def fence_doctests(text: str) -> str:
    """Wrap each run of unindented ``>>>`` lines, with their output, in a ``pycon`` fence.

    A run ends at the first blank line; lines already inside a ``` fence are left alone.
    """
    out: list[str] = []
    in_fence = in_example = False
    for line in text.split("\n"):
        if in_example:
            if line.strip():
                out.append(line)
                continue
            out.extend(["```", line])
            in_example = False
            continue
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith(">>>"):
            if out and out[-1].strip():
                out.append("")
            out.extend(["```pycon", line])
            in_example = True
            continue
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


_ROLE = re.compile(r":(?:func|meth|class|attr|mod|data|exc|obj):`(~?)([^`]+)`")


def plain_roles(text: str) -> str:
    """Replace Sphinx cross-reference roles by inline code (``~`` keeps the last name only)."""
    return _ROLE.sub(lambda m: f"`{m[2].rsplit('.', 1)[-1] if m[1] else m[2]}`", text)


class DoctestBlocks(Extension):
    """Fence the doctest examples of every docstring (see the module docstring)."""

    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        """Rewrite the docstring once the object tree is complete."""
        if obj.docstring is not None:
            obj.docstring.value = plain_roles(fence_doctests(obj.docstring.value))
