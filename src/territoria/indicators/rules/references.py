"""Rule: ``{indicator: id}`` names a loaded indicator, and references never loop."""

from __future__ import annotations

from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.rules.base import RuleContext


class UnknownReferenceRule:
    """A reference to an indicator no file defines."""

    code: ClassVar[str] = "unknown-reference"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """One issue per reference to an unknown id."""
        return [
            context.issue(
                "ERROR", loc, self.code,
                f"indicateur référencé inconnu : « {ref} » (connus : "
                f"{', '.join(sorted(context.specs)) or 'aucun'})",
                f"unknown referenced indicator: '{ref}' (known: "
                f"{', '.join(sorted(context.specs)) or 'none'})",
            )
            for loc, ref in spec.references()
            if ref not in context.specs
        ]  # fmt: skip


class CycleRule:
    """A spec whose references lead back to itself could never be computed."""

    code: ClassVar[str] = "reference-cycle"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """One issue naming the cycle, placed on the first reference of ``spec`` in it."""
        for loc, ref in spec.references():
            path = _path_back(ref, spec.id, context, [spec.id])
            if path is not None:
                chain = " → ".join(path)
                return [
                    context.issue(
                        "ERROR", loc, self.code,
                        f"références circulaires : {chain}",
                        f"reference cycle: {chain}",
                    )
                ]  # fmt: skip
        return []


def _path_back(
    current: str, target: str, context: RuleContext, path: list[str]
) -> list[str] | None:
    """The reference chain from ``current`` back to ``target``, if any (depth first)."""
    if current == target:
        return [*path, current]
    spec = context.specs.get(current)
    if spec is None or current in path:
        return None
    for _, ref in spec.references():
        found = _path_back(ref, target, context, [*path, current])
        if found is not None:
            return found
    return None
