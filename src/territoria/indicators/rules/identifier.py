"""Rule: the id is ``<pack>.<name>``, the file is ``<name>.yaml`` in ``<pack>/indicators/``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.rules.base import RuleContext

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$")


class IdentifierRule:
    """An id users type in URLs: lower-case words, the pack's name then the file's."""

    code: ClassVar[str] = "invalid-id"

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """The id's form, then its agreement with the file's name and pack folder."""
        if not ID_PATTERN.match(spec.id):
            return [
                context.issue(
                    "ERROR", ("id",), self.code,
                    f"identifiant « {spec.id} » invalide : attendu <pack>.<nom> en minuscules "
                    "et tirets (securite.taux-pour-mille)",
                    f"invalid id '{spec.id}': expected <pack>.<name>, lower case and hyphens "
                    "(securite.taux-pour-mille)",
                )
            ]  # fmt: skip
        path = Path(context.file)
        issues: list[Issue] = []
        if path.stem != spec.name:
            issues.append(
                context.issue(
                    "ERROR", ("id",), "id-file-mismatch",
                    f"l'identifiant « {spec.id} » demande le fichier {spec.name}.yaml, "
                    f"pas {path.name}",
                    f"the id '{spec.id}' needs the file {spec.name}.yaml, not {path.name}",
                )
            )  # fmt: skip
        if path.parent.name == "indicators" and path.parent.parent.name not in ("", spec.pack):
            pack = path.parent.parent.name
            issues.append(
                context.issue(
                    "ERROR", ("id",), "id-pack-mismatch",
                    f"l'identifiant « {spec.id} » commence par « {spec.pack} » mais le fichier "
                    f"est dans le pack « {pack} »",
                    f"the id '{spec.id}' starts with '{spec.pack}' but the file is in the "
                    f"pack '{pack}'",
                )
            )  # fmt: skip
        return issues
