"""Rules of the house that a change could silently break."""

from __future__ import annotations

import ast
import re
from importlib import import_module
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "fazhi"
STREAM_IMPORT = re.compile(r"^\s*(from|import)\s+fazhi\.streams\.", re.M)


def python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in (SRC / folder).rglob("*.py")]


def test_core_accounts_indicators_and_api_know_no_stream():
    offenders = [str(p.relative_to(SRC)) for p in python_files("core", "accounts", "indicators", "api")
                 if STREAM_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_streams_never_import_each_other():
    offenders = []
    for stream in (SRC / "streams").iterdir():
        if not (stream / "apps.py").exists():
            continue
        for p in stream.rglob("*.py"):
            for match in re.finditer(r"fazhi\.streams\.(\w+)", p.read_text(encoding="utf-8")):
                if match.group(1) != stream.name:
                    offenders.append(f"{p.relative_to(SRC)} -> {match.group(1)}")
    assert offenders == []


def test_every_stream_has_the_same_shape():
    required = {"apps.py", "models.py", "workflow.py", "indicators.py", "views.py", "urls.py", "importers.py",
                "demo.py"}
    for stream in (SRC / "streams").iterdir():
        if (stream / "apps.py").exists():
            assert required <= {p.name for p in stream.iterdir()}, stream.name


@pytest.mark.django_db
def test_every_ledger_declares_its_workflow_states_as_text_choices():
    """States are a ``TextChoices`` class in the stream's workflow.py (value and Chinese label in one
    place, members in code), never a bare dict of strings."""
    from django.apps import apps

    from fazhi.core.registry import streams

    bare = [label for manifest in streams() for label in manifest.ledgers
            if (wf := getattr(apps.get_model(label), "workflow", None)) is not None
            and not hasattr(wf, "state_class")]
    assert bare == [], f"workflow states as a bare dict: {bare}"


def test_a_workflow_of_bare_strings_is_told_apart():
    from fazhi.core.workflow import Workflow

    assert not hasattr(Workflow(states={"a": "甲"}, initial="a"), "state_class")


# The layers (docs/ARCHITECTURE.md, "Layers"): a package imports nothing from the packages
# named against it — at module level, inside functions, or as a string given to
# importlib.import_module / import_string. ``fazhi.streams.`` (with the dot) forbids every
# stream by name; the registry reaches streams through their AppConfigs, not by import.
LAYERS: dict[str, tuple[str, ...]] = {
    "fazhi.core": ("fazhi.accounts", "fazhi.indicators", "fazhi.reports", "fazhi.api", "fazhi.portal",
                   "fazhi.benchdata", "fazhi.demo", "fazhi.streams."),
    "fazhi.accounts": ("fazhi.streams.", "fazhi.indicators", "fazhi.reports", "fazhi.api", "fazhi.portal"),
    "fazhi.indicators": ("fazhi.streams.",),
    "fazhi.reports": ("fazhi.streams.",),
    "fazhi.api": ("fazhi.streams.",),
    "fazhi.portal": ("fazhi.streams.",),
    "fazhi.benchdata": ("fazhi.streams.",),
}

# Imports that break a layer today, as "importing module -> imported name". issue 22: to be
# removed. Empty when this test was written: keep it so (the test fails on a stale entry too).
KNOWN_VIOLATIONS: frozenset[str] = frozenset()

DYNAMIC_IMPORTS = {"import_module", "import_string", "__import__"}


def _module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(root: Path, path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in a file: ``import a.b``, ``from a import b`` (as
    ``a`` and ``a.b``, so that ``from fazhi import accounts`` counts), relative imports resolved,
    and string literals given to import_module / import_string / __import__."""
    module = _module_name(root, path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])])
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in DYNAMIC_IMPORTS:
                found.append((node.lineno, node.args[0].value))
    return found


def _forbidden(name: str, prefix: str) -> bool:
    return name.startswith(prefix) if prefix.endswith(".") else name == prefix or name.startswith(prefix + ".")


def layer_violations(root: Path, layers: dict[str, tuple[str, ...]] = LAYERS) -> list[str]:
    """Every import under ``root`` (the folder holding the ``fazhi`` package) that a layer
    forbids, as "module -> imported name (file:line)"; one entry per import statement."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = _module_name(root, path)
        banned = [p for layer, prefixes in layers.items() if module == layer or module.startswith(layer + ".")
                  for p in prefixes]
        if not banned:
            continue
        seen: set[int] = set()
        for line, name in imported_names(root, path):
            if line not in seen and any(_forbidden(name, prefix) for prefix in banned):
                seen.add(line)
                found.append(f"{module} -> {name} ({path.relative_to(root)}:{line})")
    return found


def _without_place(violation: str) -> str:
    return violation.rsplit(" (", 1)[0]


def test_layers_hold():
    """core under everything (accounts included), accounts under the apps, no app above them
    names a stream."""
    found = {_without_place(v): v for v in layer_violations(SRC.parent)}
    assert sorted(v for k, v in found.items() if k not in KNOWN_VIOLATIONS) == []
    assert sorted(KNOWN_VIOLATIONS - found.keys()) == [], "allow-listed import gone: remove it from KNOWN_VIOLATIONS"


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"fazhi/__init__.py": "", **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.parents:
            if parent == tmp_path:
                break
            (parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("where", "source", "imported"), [
    # (a) core knows neither accounts nor anything above it
    ("fazhi/core/x.py", "from fazhi.accounts.models import User\n", "fazhi.accounts.models"),
    ("fazhi/core/x.py", "def f():\n    from fazhi.accounts import otp\n", "fazhi.accounts"),
    ("fazhi/core/x.py", "from fazhi import accounts\n", "fazhi.accounts"),
    ("fazhi/core/sub/x.py", "from ...accounts.roles import Role\n", "fazhi.accounts.roles"),
    ("fazhi/core/x.py", "import fazhi.indicators.engine\n", "fazhi.indicators.engine"),
    ("fazhi/core/x.py", "from fazhi.reports.models import AnnualReport\n", "fazhi.reports.models"),
    ("fazhi/core/x.py", "from fazhi.api import public\n", "fazhi.api"),
    ("fazhi/core/x.py", "from fazhi.portal.views import home\n", "fazhi.portal.views"),
    ("fazhi/core/x.py", "from fazhi.benchdata import generate\n", "fazhi.benchdata"),
    ("fazhi/core/x.py", "from fazhi.demo.management.commands import fazhi_demo\n",
     "fazhi.demo.management.commands"),
    ("fazhi/core/x.py", "from fazhi.streams.study.models import StudySession\n", "fazhi.streams.study.models"),
    ("fazhi/core/x.py", "import importlib\nimportlib.import_module('fazhi.accounts.models')\n",
     "fazhi.accounts.models"),
    ("fazhi/core/x.py", "from django.utils.module_loading import import_string\n"
     "import_string('fazhi.streams.study.demo.load')\n", "fazhi.streams.study.demo.load"),
    # (b) accounts knows no stream, and none of the apps above it
    ("fazhi/accounts/x.py", "from fazhi.streams.mediation.models import Case\n", "fazhi.streams.mediation.models"),
    ("fazhi/accounts/x.py", "def f():\n    import fazhi.indicators\n", "fazhi.indicators"),
    ("fazhi/accounts/x.py", "from fazhi.reports import services\n", "fazhi.reports"),
    ("fazhi/accounts/x.py", "from fazhi.api.public import api\n", "fazhi.api.public"),
    ("fazhi/accounts/x.py", "from fazhi.portal import views\n", "fazhi.portal"),
    # (c) the apps above the streams name no stream
    ("fazhi/indicators/x.py", "from fazhi.streams.study import indicators\n", "fazhi.streams.study"),
    ("fazhi/reports/x.py", "def f():\n    from fazhi.streams.petitions.models import Petition\n",
     "fazhi.streams.petitions.models"),
    ("fazhi/api/x.py", "from fazhi.streams import inspections\n", "fazhi.streams.inspections"),
    ("fazhi/portal/x.py", "import fazhi.streams.complaints.public\n", "fazhi.streams.complaints.public"),
    ("fazhi/benchdata/x.py", "def f():\n    from fazhi.streams.mediation.models import MediationCase\n",
     "fazhi.streams.mediation.models"),
    ("fazhi/benchdata/x.py", "from django.utils.module_loading import import_string\n"
     "import_string('fazhi.streams.study.bench.per_year')\n", "fazhi.streams.study.bench.per_year"),
])
def test_layer_check_finds_a_planted_violation(tmp_path, where, source, imported):
    root = _plant(tmp_path, {where: source})
    found = layer_violations(root)
    assert len(found) == 1 and found[0].startswith(f"{_module_name(root, root / where)} -> {imported} ("), found


def test_layer_check_lets_the_allowed_directions_pass(tmp_path):
    root = _plant(tmp_path, {
        "fazhi/core/x.py": "from fazhi.core.roles import Role\nfrom . import models\n"
                           "from django.contrib.auth import get_user_model\nLABEL = 'accounts.user'\n",
        "fazhi/accounts/x.py": "from fazhi.core.roles import Role\n",
        "fazhi/reports/x.py": "from fazhi.accounts.models import Membership\nfrom fazhi.indicators import engine\n"
                              "from fazhi import streams\n",
        "fazhi/demo/x.py": "from fazhi.accounts import otp\nfrom fazhi.streams.study import demo\n",
        "fazhi/benchdata/x.py": "from fazhi.core.registry import streams\nfrom fazhi.indicators import engine\n",
        "fazhi/streams/study/x.py": "from fazhi.accounts.models import User\n",
    })
    assert layer_violations(root) == []


# The hooks a StreamManifest declares by dotted name: a module (imported) or a callable.
MODULE_HOOKS = ("indicators", "public_urls", "bench")
CALLABLE_HOOKS = ("demo", "my_items", "api", "gip_report", "checklist")
# What a bench module offers: (function, the order constant it needs or None).
BENCH_STEPS = (("per_county", "COUNTY_ORDER"), ("per_year", "YEAR_ORDER"), ("reference", None), ("bench_rows", None))


def unresolved_hooks(manifests) -> list[str]:
    """Every hook of ``manifests`` that names nothing importable or nothing callable, every
    ledger label that names no model, and every bench module without a step or without its
    order; as "stream.hook: reason"."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    found = []
    for m in manifests:
        for hook in MODULE_HOOKS + CALLABLE_HOOKS:
            path = getattr(m, hook)
            if not path:
                continue
            try:
                target = import_module(path) if hook in MODULE_HOOKS else import_string(path)
            except ImportError as exc:
                found.append(f"{m.key}.{hook}: {path} ({exc})")
                continue
            if hook in CALLABLE_HOOKS and not callable(target):
                found.append(f"{m.key}.{hook}: {path} is not callable")
            if hook == "bench":
                steps = [name for name, _ in BENCH_STEPS if callable(getattr(target, name, None))]
                if not steps:
                    found.append(f"{m.key}.bench: {path} has none of per_county, per_year, reference, bench_rows")
                found += [f"{m.key}.bench: {path}.{name} without an integer {order}"
                          for name, order in BENCH_STEPS
                          if order and name in steps and not isinstance(getattr(target, order, None), int)]
        for label in m.ledgers:
            try:
                apps.get_model(label)
            except (LookupError, ValueError):
                found.append(f"{m.key}.ledgers: {label} is no model")
    return found


def test_every_declared_stream_hook_resolves():
    from fazhi.core.registry import streams

    manifests = streams()
    assert len(manifests) >= 18
    assert unresolved_hooks(manifests) == []
    assert sum(bool(m.bench) for m in manifests) >= 13  # the streams that generate benchmark data


@pytest.mark.parametrize(("change", "reason"), [
    ({"demo": "fazhi.streams.study.demo.no_such_loader"}, "study.demo: fazhi.streams.study.demo.no_such_loader"),
    ({"demo": "fazhi.streams.study.demo.__doc__"}, "is not callable"),
    ({"indicators": "fazhi.streams.study.no_such_module"}, "study.indicators: fazhi.streams.study.no_such_module"),
    ({"bench": "fazhi.streams.study.workflow"}, "has none of per_county, per_year, reference"),
    ({"bench": "fazhi.streams.study.no_bench"}, "study.bench: fazhi.streams.study.no_bench"),
    ({"ledgers": ("study.NoSuchModel",)}, "study.ledgers: study.NoSuchModel is no model"),
])
def test_the_hook_check_finds_a_planted_broken_hook(change, reason):
    from dataclasses import replace

    from fazhi.core.registry import stream

    found = unresolved_hooks([replace(stream("study"), **change)])
    assert len(found) == 1 and reason in found[0], found


def test_the_hook_check_finds_a_bench_step_without_its_order(tmp_path, monkeypatch):
    from dataclasses import replace

    from fazhi.core.registry import stream

    (tmp_path / "planted_bench.py").write_text("def per_year(c, year):\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = unresolved_hooks([replace(stream("study"), bench="planted_bench")])
    assert found == ["study.bench: planted_bench.per_year without an integer YEAR_ORDER"]


# -- imports: one way, at the top ----------------------------------------------------------------------

def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def unexplained_function_imports(root: Path) -> list[str]:
    """Every import inside a function under ``root`` without a comment saying why it is there (on its
    line or the line above), as "file:line"; migrations are Django's."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        seen: set[int] = set()
        for node in ast.walk(_parse(path)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import | ast.ImportFrom) and sub.lineno not in seen:
                    seen.add(sub.lineno)
                    said = "#" in lines[sub.end_lineno - 1] or lines[sub.lineno - 2].strip().startswith("#")
                    if not said:
                        found.append(f"{path.relative_to(root)}:{sub.lineno}")
    return found


def _top_level_imports(root: Path, path: Path, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``path`` imports when it is loaded: not inside functions, not
    under ``if TYPE_CHECKING``."""
    module = _module_name(root, path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()

    def visit(body) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.ClassDef):
                visit(node.body)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])])
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for name in ("body", "orelse", "finalbody"):
                    visit(getattr(node, name, None) or [])
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)

    visit(_parse(path).body)
    return found & modules


def import_cycles(root: Path) -> list[list[str]]:
    """The groups of modules under ``root`` that import each other when loaded (strongly connected
    components of the module-level import graph, larger than one module)."""
    paths = {_module_name(root, p): p for p in root.rglob("*.py") if "migrations" not in p.parts}
    graph = {m: _top_level_imports(root, p, set(paths)) for m, p in paths.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def connect(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return cycles


def test_an_import_inside_a_function_says_why():
    """Imports run one way and sit at the top; one inside a function (an import cycle it breaks, a
    heavy library loaded only for one output, a module the app registry must load first) says why."""
    assert unexplained_function_imports(SRC.parent) == []


def test_the_function_import_check_finds_a_planted_silent_import(tmp_path):
    root = _plant(tmp_path, {"fazhi/core/x.py": "def f():\n    from fazhi.core import y\n\n\n"
                                                "def g():\n    # y imports this module\n    from fazhi.core import y\n"
                                                "    from fazhi.core import z  # z needs the app registry\n"})
    assert unexplained_function_imports(root) == ["fazhi/core/x.py:2"]


def test_no_modules_import_each_other_when_loaded():
    assert import_cycles(SRC.parent) == []


def test_the_cycle_check_finds_a_planted_cycle(tmp_path):
    root = _plant(tmp_path, {
        "fazhi/streams/s/models.py": "from fazhi.streams.s import workflow\n",
        "fazhi/streams/s/workflow.py": "from fazhi.streams.s.services import act\n",
        "fazhi/streams/s/services.py": "from fazhi.streams.s.models import Case\n"
                                       "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                       "    from fazhi.streams.s import views\n",
        "fazhi/streams/s/views.py": "from fazhi.streams.s import services\n"
                                    "def f():\n    from fazhi.streams.s import models  # cycle\n",
    })
    assert import_cycles(root) == [["fazhi.streams.s.models", "fazhi.streams.s.services", "fazhi.streams.s.workflow"]]
