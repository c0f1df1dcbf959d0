#!/usr/bin/env python3
"""Writes the JSON Schemas in schemas/ that give editors autocompletion and
inline checks in YAML-aware editors (VS Code's YAML extension, IntelliJ).
congkhai itself validates with its own rules; a test keeps the field lists
of these schemas in step with the loader's. Run from the repository root."""
import json
import os

ID = {"type": "string", "pattern": "^[a-z0-9-]+$"}
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "YYYY-MM-DD"}
TIMESTAMP = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$"}
TEXT = {"type": "string"}
NUM = {"type": "number"}
LOCALIZED = {"anyOf": [TEXT, {"type": "object", "properties": {"vi": TEXT, "en": TEXT}, "required": ["vi"], "additionalProperties": False}]}


def obj(props, required=(), description=None):
    o = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        o["required"] = list(required)
    if description:
        o["description"] = description
    return o


def enum(*values, description=None):
    e = {"enum": list(values)}
    if description:
        e["description"] = description
    return e


site = obj({
    "title": TEXT, "province": TEXT, "base_url": {"type": "string", "pattern": "^https?://"},
    "languages": {"type": "array", "items": enum("vi", "en")},
    "period": obj({"id": ID, "start": DATE, "end": DATE}, ["id", "start", "end"]),
    "as_of": DATE, "framework": TEXT, "theme": TEXT, "description": TEXT,
    "feedback_channels": {"type": "object", "additionalProperties": TEXT},
    "demo": {"type": "boolean"},
    "signing_key": {"type": "string", "description": "base64 of the raw 32-byte Ed25519 public key that signs data/ledger/head.json"},
}, ["title", "province", "period"])

measure = obj({
    "metric": enum("commitment_delivery", "rating", "complaint_resolution", "disclosure", "incident_response",
                   "initiative_impact", "training_ratio", "indicator_progress", "assessment", "feedback_response_time"),
    "group": enum("A", "B", "any"), "partners_only": {"type": "boolean"},
    "respondents": {"type": "array", "items": enum("citizen", "business", "agency", "staff")},
    "prior_weight": NUM, "key": TEXT,
    "target_days": {"type": "integer", "minimum": 0, "description": "feedback_response_time: days allowed (default 15)"},
    "kinds": {"type": "array", "items": enum("rating", "complaint", "suggestion"),
              "description": "feedback_response_time: kinds counted (default complaint, suggestion)"},
}, ["metric"])
framework = obj({
    "id": TEXT, "name": LOCALIZED, "description": TEXT, "version": TEXT, "basis": LOCALIZED,
    "criteria": {"type": "array", "items": obj({
        "id": {"type": "string", "pattern": "^[a-z0-9_-]+$"}, "name": LOCALIZED, "basis": LOCALIZED,
        "group": enum("A", "B"), "weight": NUM, "required": {"type": "boolean"}, "description": TEXT,
        "weight_range": {"type": "array", "items": NUM, "minItems": 2, "maxItems": 2,
                         "description": "[lowest, highest]: the weights the policy allows (band robustness)"},
        "measures": {"type": "array", "items": measure, "minItems": 1}}, ["id", "name", "group", "weight", "measures"])},
    "bands": {"type": "array", "items": obj({"id": TEXT, "min": NUM, "name": LOCALIZED, "consequences": LOCALIZED,
                                              "colour": {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}},
                                             ["id", "min", "name"])},
    "gates": obj({"group_b_min": NUM, "cap_band": TEXT}, ["group_b_min", "cap_band"]),
    "excellence_quota": obj({"band": TEXT, "of_band": TEXT, "share": {"type": "number", "minimum": 0, "maximum": 1}},
                            ["band", "of_band", "share"], "Decree 335: at most share × (officials in of_band) in band, per unit (a warning)"),
}, ["id", "name", "criteria", "bands"])

catalog = obj({"products": {"type": "array", "items": obj(
    {"id": ID, "name": TEXT, "unit": TEXT, "norm": {"type": "number", "exclusiveMinimum": 0}, "description": TEXT},
    ["id", "name", "norm"])}})

locality = obj({
    "name": TEXT, "kind": enum("commune", "ward", "special_zone", "department", "province"),
    "context": enum("urban", "rural", "mountainous", "disadvantaged"), "population": {"type": "integer", "minimum": 0},
    "description": TEXT, "parent": TEXT, "address": TEXT, "website": TEXT,
    "norm_adjustments": {"type": "array", "items": obj({
        "product": ID, "factor": {"type": "number", "exclusiveMinimum": 0}, "reason": TEXT, "approved_by": TEXT,
        "decision": TEXT, "approved_on": DATE}, ["product", "factor", "approved_by", "decision"])},
    "indicators": {"type": "array", "items": obj({
        "id": ID, "name": TEXT, "unit": TEXT, "baseline": NUM, "target": NUM, "actual": NUM,
        "direction": enum("higher", "lower"), "source": TEXT}, ["id", "name", "baseline", "target"])},
}, ["name", "kind", "context"])

update = obj({"on": DATE, "progress": {"type": "number", "minimum": 0, "maximum": 100}, "note": TEXT,
              "evidence": {"type": "string", "pattern": "^(https?://|/)"}}, ["on"])
commitment = obj({
    "id": ID, "title": TEXT, "group": enum("A", "B"), "product": ID, "target": {"type": "number", "exclusiveMinimum": 0},
    "unit": TEXT, "acceptance": TEXT, "actual": {"type": "number", "minimum": 0}, "published_on": DATE,
    "deadline": DATE, "difficulty": enum("normal", "hard", "breakthrough"),
    "status": enum("planned", "in_progress", "done", "withdrawn"), "completed_on": {"anyOf": [DATE, {"type": "null"}]},
    "withdrawn": obj({"approved_by": TEXT, "decision": TEXT, "reason": TEXT, "on": DATE}),
    "partners": {"type": "array", "items": ID}, "updates": {"type": "array", "items": update}, "description": TEXT,
}, ["id", "title", "group", "deadline", "status"])
cost = obj({"days": NUM, "cost_vnd": NUM, "steps": NUM})
official = obj({
    "name": TEXT, "position": TEXT,
    "role": enum("party_secretary", "chairman", "vice_chairman", "department_head", "deputy_head", "other"),
    "term_start": DATE, "staff_count": {"type": "integer", "minimum": 0},
    "training": obj({"staff_trained": {"type": "integer", "minimum": 0}, "programs": {}, "note": TEXT}),
    "assessments": {"type": "object", "additionalProperties": obj(
        {"score": NUM, "max": {"type": "number", "exclusiveMinimum": 0}, "by": TEXT, "on": DATE, "note": TEXT}, ["score", "max"])},
    "commitments": {"type": "array", "items": commitment},
    "incidents": {"type": "array", "items": obj({
        "id": ID, "title": TEXT, "kind": enum("natural_disaster", "epidemic", "mass_complaint", "environment", "other"),
        "occurred": TIMESTAMP, "responded": TIMESTAMP, "resolved": TIMESTAMP,
        "target_response_hours": {"type": "number", "minimum": 0},
        "outcome": enum("resolved", "partial", "unresolved", "ongoing"), "note": TEXT, "description": TEXT},
        ["id", "title", "occurred", "target_response_hours", "outcome"])},
    "initiatives": {"type": "array", "items": obj({
        "id": ID, "title": TEXT, "adopted_on": DATE, "baseline": cost, "current": cost, "sustained": {"type": "boolean"},
        "verified_by": TEXT, "description": TEXT, "note": TEXT}, ["id", "title", "adopted_on"])},
    "photo": TEXT, "email": TEXT, "phone": TEXT, "office": TEXT, "summary": TEXT,
}, ["name", "role"], "Front matter of content/officials/<locality>/<official>.md")

action = {"oneOf": [obj({"deduct": {"type": "number", "minimum": 0}}, ["deduct"]),
                    obj({"downgrade": {"type": "integer", "minimum": 0}}, ["downgrade"]),
                    obj({"cap": TEXT}, ["cap"])]}
audits = {"type": "array", "items": obj({
    "official": {"type": "string", "pattern": "^[a-z0-9-]+(/[a-z0-9-]+)?$"}, "by": TEXT, "on": DATE, "finding": TEXT,
    "action": action, "reference": TEXT, "note": TEXT}, ["official", "by", "on", "action"])}

schemas = {"site": site, "framework": framework, "catalog": catalog, "locality": locality, "official": official,
           "audits": audits}
os.makedirs("schemas", exist_ok=True)
for name, schema in schemas.items():
    doc = {"$schema": "http://json-schema.org/draft-07/schema#", "title": f"congkhai {name}"}
    doc.update(schema)
    with open(f"schemas/{name}.schema.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
