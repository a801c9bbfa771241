#!/usr/bin/env python3
"""check_html.py FILE ROLE_ID... — a booklet's HTML, checked beyond tidy:
html5lib's strict parser (any parse error fails), then the rules of
booklet.h: no script element, no event-handler (on*) attribute, nothing
loaded from outside (no <link>, <img>, <iframe>, <object>, <embed>, no src
attribute, no url() or @import in the style), every href an in-page anchor
or an http(s) address, lang="en" and a UTF-8 <meta charset>, print CSS
(@media print, @page), and for every ROLE_ID an element id="role-ID" linked
from the table of contents (<nav>).  Prints each failure; exit 1 if any."""
import re
import sys

import html5lib

path, ids = sys.argv[1], sys.argv[2:]
data = open(path, "rb").read()
fails = []

parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
try:
    doc = parser.parse(data)
except Exception as e:  # html5lib.html5parser.ParseError
    print(f"FAIL: {path}: html5lib (strict): {e}")
    sys.exit(1)

root = doc
if root.get("lang") != "en":
    fails.append('<html> has no lang="en"')
metas = [m for m in root.iter("meta") if (m.get("charset") or "").lower() == "utf-8"]
if not metas:
    fails.append('no <meta charset="utf-8">')

banned = {"script", "link", "img", "iframe", "object", "embed", "frame", "base", "form"}
anchors = set()
for el in root.iter():
    if not isinstance(el.tag, str):
        continue
    if el.tag in banned:
        fails.append(f"a <{el.tag}> element")
    for name, value in el.attrib.items():
        if name.lower().startswith("on"):
            fails.append(f"an event attribute {name}= on <{el.tag}>")
        if name.lower() in ("src", "srcset", "background", "formaction", "action"):
            fails.append(f"an external resource {name}= on <{el.tag}>")
        if name.lower() == "style" and re.search(r"url\s*\(|@import", value, re.I):
            fails.append(f"a style attribute loading something on <{el.tag}>")
    if el.get("id"):
        anchors.add(el.get("id"))
    href = el.get("href")
    if href is not None and not (href.startswith("#") or
                                 re.match(r"https?://", href, re.I)):
        fails.append(f"an href that is neither in-page nor http(s): {href!r}")

styles = "".join("".join(s.itertext()) for s in root.iter("style"))
if re.search(r"url\s*\(|@import", styles, re.I):
    fails.append("the style sheet loads something (url() or @import)")
if "@media print" not in styles:
    fails.append("no @media print in the style sheet")
if "@page" not in styles:
    fails.append("no @page in the style sheet")

navs = list(root.iter("nav"))
toc = set()
for nav in navs:
    for a in nav.iter("a"):
        if (a.get("href") or "").startswith("#"):
            toc.add(a.get("href")[1:])
for rid in ids:
    if f"role-{rid}" not in anchors:
        fails.append(f"no element id=role-{rid}")
    if f"role-{rid}" not in toc:
        fails.append(f"no contents link to #role-{rid}")
for target in toc:
    if target not in anchors:
        fails.append(f"a contents link to #{target}, which is nowhere")

for f in fails:
    print(f"FAIL: {path}: {f}")
sys.exit(1 if fails else 0)
