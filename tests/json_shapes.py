"""The JSON shape of every `--json` command, as JSON Schema: the README's "JSON output" section
in a form a test can check, both against the commands' real output and against the README's
own examples. One shape per command, whatever the outcome; records always as Record.to_json."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
STRING_OR_NULL: Schema = {"type": ["string", "null"]}
INT_OR_NULL: Schema = {"type": ["integer", "null"]}
NUMBER_OR_NULL: Schema = {"type": ["number", "null"]}
BOOL: Schema = {"type": "boolean"}


def strict(**properties: Schema) -> Schema:
    """An object with exactly these keys, every one present."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [{"type": "null"}, schema]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


RECORD = strict(type=STRING, name=STRING, value=STRING, ttl=INT_OR_NULL, priority=INT_OR_NULL)
FINDING_FIELDS: dict[str, Schema] = {
    "level": {"enum": ["error", "warning", "info"]},
    "code": STRING,
    "message": STRING,
    "line": INT_OR_NULL,
    "field": STRING_OR_NULL,
}
FINDING = strict(**FINDING_FIELDS)
CHANGE = strict(
    action={"enum": ["create", "delete", "update"]},
    existing=nullable(RECORD),
    new=nullable(RECORD),
)
ERROR = nullable(strict(title=STRING, message=STRING))
KINDS = ("create", "present", "update", "conflict")
PLAN = strict(
    zone=STRING_OR_NULL,
    provider=STRING,
    digest=STRING_OR_NULL,
    replace_sets=BOOL,
    items=array(
        strict(
            kind={"enum": list(KINDS)},
            record=RECORD,
            existing=array(RECORD),
            change=nullable(CHANGE),
            reason=STRING,
            host_cannot=BOOL,
        )
    ),
    findings=array(FINDING),
    summary=strict(**{kind: {"type": "integer"} for kind in KINDS}),
)
CHECK = strict(
    name=STRING,
    status={"enum": ["ok", "optional", "warning", "failed", "unknown"]},
    summary=STRING,
    detail=STRING,
)
SUMMARY_FIELDS: dict[str, Schema] = {
    "summary": {"const": True},
    "sweep": {"type": "integer"},
    "good": {"type": "integer"},
    "total": {"type": "integer"},
    "all_good": BOOL,
    "outcome": STRING_OR_NULL,
    "eta": NUMBER_OR_NULL,
    "message": STRING,
}

SHAPES: dict[str, Schema] = {
    "records": strict(records=array(RECORD), findings=array(FINDING)),
    "zone": strict(
        name=STRING,
        zone=STRING,
        nameservers=array(strict(name=STRING, addresses=array(STRING))),
        host=nullable(strict(id=STRING, name=STRING, provider=STRING, docs_title=STRING_OR_NULL)),
        host_source=STRING_OR_NULL,
        cname_chain=array(STRING),
        via_https=BOOL,
    ),
    "plan": PLAN,
    "apply": strict(
        plan=PLAN,
        apply_id=STRING_OR_NULL,
        written=array(CHANGE),
        by_hand=nullable(
            strict(
                host=STRING_OR_NULL,
                docs_title=STRING_OR_NULL,
                instructions=array(
                    strict(
                        record=RECORD,
                        type=STRING,
                        host_field=STRING,
                        value=STRING,
                        priority=INT_OR_NULL,
                        ttl=INT_OR_NULL,
                        warning=STRING_OR_NULL,
                    )
                ),
            )
        ),
        error=ERROR,
    ),
    "revert": strict(
        target={"enum": ["apply", "https", None]},
        apply_id=STRING_OR_NULL,
        zone=STRING_OR_NULL,
        provider=STRING_OR_NULL,
        changes=array(CHANGE),
        steps=array(STRING),
        skipped=array(STRING),
        conflicts=array(STRING),
        by_hand=array(RECORD),
        revert_id=STRING_OR_NULL,
        error=ERROR,
    ),
    "journal": strict(
        path=STRING,
        applies=array(
            {
                # The journal's entries may grow keys (what a later kind of setup needs);
                # these are always there.
                "type": "object",
                "required": [
                    "apply_id",
                    "zone",
                    "provider",
                    "time",
                    "status",
                    "reverts",
                    "reverted_by",
                    "changes",
                ],
                "properties": {"changes": array(CHANGE)},
            }
        ),
    ),
    # One JSON object per line, each of these three kinds.
    "watch": {
        "oneOf": [
            strict(
                sweep={"type": "integer"},
                record=RECORD,
                present=BOOL,
                server=STRING,
                address=STRING,
                role={"enum": ["authoritative", "resolver"]},
                status={"enum": ["match", "missing", "wrong", "pending", "error", "waiting"]},
                detail=STRING,
                eta=NUMBER_OR_NULL,
                via={"enum": ["dns", "https"]},
            ),
            strict(**SUMMARY_FIELDS),
            strict(
                **SUMMARY_FIELDS,
                final={"const": True},
                findings=array(strict(record=RECORD, **FINDING_FIELDS)),
            ),
        ]
    },
    "check": strict(host=STRING, vendor=STRING, checks=array(CHECK)),
    "https": strict(
        run_id=STRING_OR_NULL,
        host=STRING,
        certificate_arn=STRING_OR_NULL,
        distribution_id=STRING_OR_NULL,
        distribution_domain=STRING_OR_NULL,
        records=array(RECORD),
        aliases=array(strict(type=STRING, name=STRING, alias=STRING, hosted_zone_id=STRING)),
        written=array(RECORD),
        readiness=nullable(CHECK),
        next_steps=array(STRING),
        error=ERROR,
    ),
}


def shape_errors(command: str, document: Any) -> list[str]:
    """Every way `document` departs from the command's shape; empty when it fits."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(SHAPES[command])
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(document)
    ]
