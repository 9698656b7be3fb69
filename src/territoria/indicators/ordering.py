"""Order specs so that an indicator comes after those it references (``{indicator: id}``)."""

from __future__ import annotations

from collections.abc import Sequence

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec


def dependency_order(specs: Sequence[IndicatorSpec]) -> tuple[list[IndicatorSpec], list[Issue]]:
    """The specs, each after its references; one ERROR per spec whose references are not among
    ``specs`` (directly or through another) or loop — those are left out."""
    by_id = {spec.id: spec for spec in specs}
    ordered: list[IndicatorSpec] = []
    placed: set[str] = set()
    issues: list[Issue] = []
    state: dict[str, str] = {}

    def visit(spec: IndicatorSpec) -> bool:
        if state.get(spec.id) == "done":
            return spec.id in placed
        if state.get(spec.id) == "visiting":
            return False
        state[spec.id] = "visiting"
        ok = True
        for _, ref in spec.references():
            other = by_id.get(ref)
            if other is None or not visit(other):
                ok = False
        state[spec.id] = "done"
        if ok:
            placed.add(spec.id)
            ordered.append(spec)
        else:
            issues.append(
                Issue("ERROR", None, None, "unresolved-reference",
                      f"{spec.id} : indicateur référencé absent du calcul ou circulaire",
                      f"{spec.id}: referenced indicator missing from the computation or circular",
                      {"indicator": spec.id, "references": [r for _, r in spec.references()]})
            )  # fmt: skip
        return ok

    for spec in specs:
        visit(spec)
    return ordered, issues
