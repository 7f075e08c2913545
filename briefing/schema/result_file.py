"""Result JSON as a file: its published JSON Schema, and reading it back with every citation checked.

python -m briefing.schema.result_file --write-schema docs/brief.schema.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from briefing.schema.articles import Passage
from briefing.schema.result import SCHEMA_VERSION, Result

SCHEMA_ID = f"https://briefing.invalid/schema/brief-v{SCHEMA_VERSION}.json"

_PASSAGES = TypeAdapter(dict[str, Passage])


def result_json_schema() -> dict[str, Any]:
    """Return the published JSON Schema of `briefing` JSON output."""
    schema = Result.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "briefing result",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def load_result(data: str | bytes) -> Result:
    """Parse JSON output back into a `Result`, checking every citation against its passages."""
    raw = json.loads(data)
    if not isinstance(raw, dict):
        raise ValueError("a briefing result must be a JSON object")
    passages = _PASSAGES.validate_python(raw.get("passages"))
    for key, passage in passages.items():
        # A citation resolves through the key, so a key naming another passage would mislead it.
        if key != passage.id:
            raise ValueError(f"passage stored under {key!r} has id {passage.id!r}")
    return Result.model_validate(raw, context={"passages": passages})


def main(argv: list[str] | None = None) -> None:
    """Write the JSON Schema of the output format:
    `python -m briefing.schema.result_file --write-schema PATH`."""
    parser = argparse.ArgumentParser(prog="python -m briefing.schema.result_file")
    parser.add_argument("--write-schema", metavar="PATH", required=True, type=Path)
    args = parser.parse_args(argv)
    text = json.dumps(result_json_schema(), indent=2, ensure_ascii=False) + "\n"
    args.write_schema.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
