#!/usr/bin/env python3
"""Fills the workbook `plansite progress template` wrote, as staff would in
Excel or WPS, with the entries of a release file (tests/integration/sheet.rs
gives it the README's example release).

    fill.py TEMPLATE OUT RELEASE.toml I18N.toml MODE [SPOIL]

MODE says how the cells are stored, as different programs save them:
  typed  numbers as numbers, dates as date cells, every string an inline
         string (as openpyxl, WPS and other writers save them)
  text   numbers and dates typed as text (`2026/1/20`), every string a
         shared string (as Excel saves them)
  csv    the progress sheet saved as CSV: UTF-8 with a BOM, CRLF (Excel)
  gbk    the progress sheet saved as CSV in GBK (Chinese Excel and WPS)

SPOIL plants one fault and prints the cell it spoiled, e.g. 进展!H7:
  text-number  a text in the value column of the first [[value]]
  unknown-id   an indicator number no indicator has, in its ID column
  late-date    a date after the release's as-of date, in its date column

Rows are found by kind and id, columns by their English headers (row 2);
statuses are chosen from the drop-down list by the site's own names
(themes/default/i18n.toml), as staff choose them.
"""

import csv
import datetime
import io
import re
import sys
import tomllib
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

SHEET = "进展"


def fail(msg):
    sys.exit(f"fill.py: {msg}")


def main():
    template, out, release_path, i18n_path, mode = sys.argv[1:6]
    spoil = sys.argv[6] if len(sys.argv) > 6 else None
    with open(release_path, "rb") as f:
        release = tomllib.load(f)
    with open(i18n_path, "rb") as f:
        i18n = tomllib.load(f)
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET]
    cols = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    filler = Filler(ws, cols, mode == "typed", i18n)
    filler.release(release)
    spoiled = filler.spoil(spoil, release) if spoil else None
    if mode in ("typed", "text"):
        wb.save(out)
        if mode == "text":
            shared_strings(out)
    elif mode in ("csv", "gbk"):
        save_csv(ws, out, mode)
    else:
        fail(f"unknown mode {mode}")
    if spoiled:
        print(spoiled)


class Filler:
    def __init__(self, ws, cols, typed, i18n):
        self.ws, self.cols, self.typed, self.i18n = ws, cols, typed, i18n
        self.used = set()

    def col(self, header):
        if header not in self.cols:
            fail(f"no column {header!r} in row 2")
        return self.cols[header]

    def get(self, row, header):
        return self.ws.cell(row, self.col(header)).value

    def put(self, row, header, value):
        self.ws.cell(row, self.col(header)).value = value

    def ref(self, row, header):
        return f"{SHEET}!{get_column_letter(self.col(header))}{row}"

    def row(self, code, id=None, item=None):
        """The first unused row of this kind (and id, item)."""
        for r in range(3, self.ws.max_row + 1):
            kind = str(self.get(r, "Kind") or "")
            if kind.split()[-1:] != [code] or r in self.used:
                continue
            if id is not None and str(self.get(r, "ID")) != str(id):
                continue
            if item is not None and str(self.get(r, "Item")) != str(item):
                continue
            self.used.add(r)
            return r
        fail(f"the template has no {code} row for {id} {item or ''}")

    def number(self, x):
        if self.typed:
            return x
        return repr(x) if isinstance(x, float) else str(x)

    def date(self, s):
        d = datetime.date.fromisoformat(s)
        return d if self.typed else f"{d.year}/{d.month}/{d.day}"

    def text(self, row, prefix, loc):
        if loc:
            self.put(row, f"{prefix} (Chinese)", loc["zh"])
            self.put(row, f"{prefix} (English)", loc.get("en", ""))

    def status(self, code):
        key = f"work_{code}"
        label = f"{self.i18n[key]['zh']} / {self.i18n[key]['en']}"
        lists = [dv.formula1 for dv in self.ws.data_validations.dataValidation]
        if not any(label in f for f in lists):
            fail(f"status {label!r} is not in a drop-down list")
        return label

    def release(self, rel):
        self.put(self.row("as_of"), "Date", self.date(rel["as_of"]))
        if "title" in rel:
            self.text(self.row("title"), "Judgement or title", rel["title"])
        if "note" in rel:
            self.text(self.row("note"), "Note", rel["note"])
        if "reports" in rel:
            self.put(self.row("reports"), "ID", ", ".join(rel["reports"]))
        for v in rel.get("value", []):
            r = self.row("value", v["indicator"])
            self.unit(r, v)
            self.put(r, "Year", self.number(v["year"]))
            self.put(r, "Value", self.number(v["value"]))
            self.sourced(r, v)
        for a in rel.get("assessment", []):
            r = self.row("assessment", a["indicator"])
            self.put(r, "Year", self.number(a["year"]))
            self.text(r, "Judgement or title", a["judgement"])
            self.sourced(r, a)
        for c in rel.get("city_target", []):
            r = self.row("city_target", c["indicator"])
            self.unit(r, c)
            self.put(r, "Value", self.number(c["value"]))
            if "cumulative" in c:
                self.put(r, "Cumulative", "是 yes" if c["cumulative"] else "否 no")
            self.sourced(r, c)
        for kind in ("task", "commitment"):
            for t in rel.get(kind, []):
                self.work(self.row(kind, t["id"]), t)
        for p in rel.get("project", []):
            self.work(self.row("project", p["box"], p.get("item")), p)

    def unit(self, r, entry):
        if str(self.get(r, "Unit") or "") != entry["unit"]:
            fail(f"row {r}: the template's unit is not {entry['unit']!r}")

    def sourced(self, r, entry):
        self.put(r, "Date", self.date(entry["date"]))
        self.text(r, "Source", entry["source"])
        self.text(r, "Note", entry.get("note"))

    def work(self, r, entry):
        self.put(r, "Status", self.status(entry["status"]))
        self.text(r, "Note", entry.get("note"))

    def spoil(self, how, rel):
        v = rel["value"][0]
        r = next(
            r for r in self.used if self.get(r, "Kind").endswith(" value")
            and str(self.get(r, "ID")) == str(v["indicator"])
        )
        if how == "text-number":
            self.put(r, "Value", f"约{v['value']}")
            return self.ref(r, "Value")
        if how == "unknown-id":
            self.put(r, "ID", 999)
            return self.ref(r, "ID")
        if how == "late-date":
            late = datetime.date.fromisoformat(rel["as_of"]) + datetime.timedelta(days=1)
            self.put(r, "Date", late if self.typed else late.isoformat())
            return self.ref(r, "Date")
        fail(f"unknown fault {how}")


def shared_strings(path):
    """Rewrites every inline-string cell (openpyxl writes them, as WPS and
    other writers do) as a shared string, as Excel saves a workbook."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    if "xl/sharedStrings.xml" in parts:
        fail("the workbook has shared strings already")
    strings = []

    def shared(m):
        strings.append(m.group(2))
        attrs = m.group(1).replace(' t="inlineStr"', ' t="s"')
        return f"<c{attrs}><v>{len(strings) - 1}</v></c>"

    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = parts[name].decode()
        xml = re.sub(r'<c([^>]*? t="inlineStr"[^>]*)><is>(.*?)</is></c>', shared, xml)
        if "inlineStr" in xml:
            fail(f"{name} still has inline strings")
        parts[name] = xml.encode()
    if not strings:
        fail("the workbook has no strings to share")
    sst = "".join(f"<si>{s}</si>" for s in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>'
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ).encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def save_csv(ws, path, mode):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in ws.iter_rows(values_only=True):
        cells = []
        for v in row:
            if isinstance(v, datetime.datetime):
                v = f"{v.year}/{v.month}/{v.day}"
            cells.append("" if v is None else str(v))
        w.writerow(cells)
    text = buf.getvalue()
    with open(path, "wb") as f:
        if mode == "csv":
            f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
        else:
            # As Excel does, a character GBK lacks (some of the plan's
            # names have one) is saved as "?"; the names are not read back.
            f.write(text.encode("gbk", errors="replace"))


if __name__ == "__main__":
    main()
