"""Read indicator spec YAML files into specs, with levelled issues placed by file and line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from territoria.indicators.issues import Issue, error
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.pydantic_messages import code, translate
from territoria.indicators.rules import RULES, RuleContext
from territoria.indicators.yaml_lines import YamlDocument, compose

__all__ = ["Issue", "LoadResult", "load_specs"]


@dataclass
class LoadResult:
    """The specs without any ERROR (in file order), every issue found, and each spec's file."""

    specs: list[IndicatorSpec] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        """The ERROR issues only."""
        return [issue for issue in self.issues if issue.level == "ERROR"]


def load_specs(paths: Iterable[Path | str]) -> LoadResult:
    """Load every spec of ``paths`` (files, or folders whose ``*.yaml`` are read); a spec with
    an ERROR — its own or that of an indicator it references — is not loaded."""
    result = LoadResult()
    parsed: list[tuple[IndicatorSpec, str, YamlDocument]] = []
    for path in _expand(paths):
        item = _parse(path, result.issues)
        if item is not None:
            parsed.append(item)
    by_id: dict[str, IndicatorSpec] = {}
    failed: set[str] = set()
    for spec, file, document in parsed:
        if spec.id in by_id:
            result.issues.append(
                error(
                    file,
                    document.line(("id",)),
                    "duplicate-id",
                    f"identifiant « {spec.id} » déjà défini dans {result.files[spec.id]}",
                    f"id '{spec.id}' already defined in {result.files[spec.id]}",
                )
            )
            failed.add(f"{file}#{spec.id}")
            continue
        by_id[spec.id] = spec
        result.files[spec.id] = file
    for spec, file, document in parsed:
        if result.files.get(spec.id) != file:
            continue
        context = RuleContext(file, document, by_id)
        found = [issue for rule in RULES for issue in rule.check(spec, context)]
        result.issues.extend(found)
        if any(issue.level == "ERROR" for issue in found):
            failed.add(spec.id)
    result.issues.extend(_propagate(parsed, by_id, failed, result.files))
    result.specs = [
        s for s, file, _ in parsed if result.files.get(s.id) == file and s.id not in failed
    ]
    return result


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        else:
            files.append(path)
    return files


def _parse(path: Path, issues: list[Issue]) -> tuple[IndicatorSpec, str, YamlDocument] | None:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        document = compose(text)
    except OSError as exc:
        issues.append(
            error(
                file,
                None,
                "unreadable-file",
                f"fichier illisible : {exc.strerror}",
                f"unreadable file: {exc.strerror}",
            )
        )
        return None
    except UnicodeDecodeError:
        issues.append(
            error(file, None, "not-utf8", "le fichier n'est pas en UTF-8", "the file is not UTF-8")
        )
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        issues.append(
            error(
                file, line, "invalid-yaml", f"YAML invalide : {problem}", f"invalid YAML: {problem}"
            )
        )
        return None
    if document is None or not isinstance(document.root, yaml.MappingNode):
        issues.append(
            error(
                file,
                1,
                "not-a-mapping",
                "la spécification doit être un dictionnaire YAML",
                "the spec must be a YAML mapping",
            )
        )
        return None
    duplicates = document.duplicate_keys()
    for key, line in duplicates:
        issues.append(
            error(file, line, "duplicate-key", f"clé « {key} » répétée", f"key '{key}' given twice")
        )
    try:
        spec = IndicatorSpec.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        for item in sorted(exc.errors(), key=lambda e: document.line(e["loc"])):
            fr, en = translate(item)
            issues.append(error(file, document.line(item["loc"]), code(item), fr, en))
        return None
    return None if duplicates else (spec, file, document)


def _propagate(
    parsed: list[tuple[IndicatorSpec, str, YamlDocument]],
    by_id: dict[str, IndicatorSpec],
    failed: set[str],
    files: dict[str, str],
) -> list[Issue]:
    """Fail the specs that reference a failed one, until nothing changes."""
    issues: list[Issue] = []
    changed = True
    while changed:
        changed = False
        for spec, file, document in parsed:
            if spec.id in failed or files.get(spec.id) != file:
                continue
            for loc, ref in spec.references():
                if ref in failed:
                    failed.add(spec.id)
                    changed = True
                    issues.append(
                        error(
                            file,
                            document.line(loc),
                            "reference-not-loaded",
                            f"l'indicateur référencé « {ref} » n'est pas chargé (erreurs)",
                            f"the referenced indicator '{ref}' is not loaded (errors)",
                        )
                    )
                    break
    return issues
