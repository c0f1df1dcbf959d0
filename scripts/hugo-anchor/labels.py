#!/usr/bin/env python3
"""The Hugo anchor's words: the default theme's Vietnamese strings with the
framework's criterion names (as criterion_<id>) in labels.json, and the
site's feedback channels in channels.json, so Hugo prints the same labels
and footer as congkhai's pages.

usage: labels.py THEME_STRINGS_YAML FRAMEWORK_YAML SITE_YAML HUGO_DATA_FOLDER"""
import json, os, sys
import yaml

strings, framework, site, out = sys.argv[1:5]
labels = {}
for key, value in (yaml.safe_load(open(strings, encoding="utf-8")) or {}).items():
    if isinstance(value, dict) and "vi" in value:
        labels[str(key)] = value["vi"]
for c in (yaml.safe_load(open(framework, encoding="utf-8")) or {}).get("criteria", []):
    name = c.get("name")
    labels["criterion_" + str(c.get("id"))] = name.get("vi") if isinstance(name, dict) else name
os.makedirs(out, exist_ok=True)
json.dump(labels, open(os.path.join(out, "labels.json"), "w", encoding="utf-8"), ensure_ascii=False)
channels = []
for kind, value in ((yaml.safe_load(open(site, encoding="utf-8")) or {}).get("feedback_channels") or {}).items():
    href = {"hotline": "tel:", "email": "mailto:"}.get(kind, "") + str(value)
    channels.append({"label": labels.get("channel_" + kind, kind), "href": href, "value": str(value)})
json.dump(channels, open(os.path.join(out, "channels.json"), "w", encoding="utf-8"), ensure_ascii=False)
