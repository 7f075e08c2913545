"""Check the house plan: imports inside `briefing/` only point down the layers, and no module cycles.

    python scripts/check_layers.py [PACKAGE_DIR]   # prints each offending import and the counts;
                                                   # exit 1 if any (default: this checkout's briefing/)

The layers, lowest first (docs/architecture.md draws them). A module may import from its own layer
and from any layer below it, never from one above. Inside a layer, modules import each other freely,
but not in a cycle.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"

# Each layer: the top-level modules and folders of `briefing/` that make it up.
LAYERS: list[tuple[str, ...]] = [
    ("schema", "errors", "config", "config_file", "progress"),  # the data that flows, settings
    ("text",),  # pure string tools and the parser wrapper
    ("ingest",),  # readers, one per format, and the article factory
    ("prepare",),  # clean, suspect, dedupe, focus, chunk: before the model
    ("backends",),  # the model: backends and the GGUF catalogue
    ("prompts",),  # the prompt templates, as messages for a backend
    ("check",),  # a verdict for a claim and passages
    ("write",),  # writing with the model, checked by check/
    ("pipeline", "verification", "runtime", "render", "render_view", "render_markdown"),  # orchestrators
    ("cli", "cli_verify", "api", "digest", "__init__"),  # the entry points
]


def layer_of(module: str) -> int:
    """The layer index of a dotted module name under `briefing`."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for index, members in enumerate(LAYERS):
        if top in members:
            return index
    raise SystemExit(f"{module}: not in any layer; add `{top}` to LAYERS in {__file__}")


def module_name(path: Path, package: Path) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The `briefing` modules `path` imports (at any depth of the file, type-checking ones included);
    `from briefing.api import errors` imports the module `briefing.api.errors`, not the package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "briefing" or node.module.startswith("briefing."):
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    found.add(submodule if submodule in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "briefing")
    return found


def graph(package: Path) -> dict[str, set[str]]:
    modules = {module_name(p, package): p for p in package.rglob("*.py")}
    names = set(modules)
    return {name: {i for i in imports_of(path, names) if i != name} for name, path in modules.items()}


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Each import from a layer above the importer's."""
    return [
        f"{source} (layer {layer_of(source)}) imports {target} (layer {layer_of(target)})"
        for source, targets in sorted(edges.items())
        for target in sorted(targets)
        if target != "briefing" and layer_of(target) > layer_of(source)
    ]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The module cycles (strongly connected components of more than one module), Tarjan's way."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, ()):
            if target not in edges:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def main(argv: list[str]) -> int:
    edges = graph(Path(argv[0]).resolve() if argv else PACKAGE)
    wrong, loops = upward(edges), cycles(edges)
    for line in wrong:
        print(f"upward: {line}")
    for loop in loops:
        print(f"cycle: {' -> '.join(loop)}")
    print(f"{len(wrong)} upward imports, {len(loops)} cycles, {len(edges)} modules")
    return 1 if wrong or loops else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
