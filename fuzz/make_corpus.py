#!/usr/bin/env python3
"""Rebuilds the seed corpora in fuzz/corpus/<target>/ from the real inputs.

Small slices, not whole files, so each run starts fast: seed_import gets
windows of the seed (title, current chapter heading, a few lines), and the
indicator table and key-project boxes whole; toml_loaders gets each content
file's top-level keys plus one table block at a time; markdown gets front
matter plus a few blocks of each chapter, and a few hostile inline strings.
Run from the repository root: python3 fuzz/make_corpus.py
"""
import hashlib
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
MAX_BYTES = 8192


def put(target, text, seen):
    data = text.encode("utf-8")[:MAX_BYTES]
    # Do not cut a character in half: the targets skip non-UTF-8 input.
    data = data.decode("utf-8", "ignore").encode("utf-8")
    if not data.strip():
        return
    name = hashlib.sha1(data).hexdigest()
    if name in seen:
        return
    seen.add(name)
    (OUT / target / name).write_bytes(data)


def seed_corpus():
    seen = set()
    lines = (ROOT / "seeds/yanzhou-14th-fyp-eco-plan.zh.txt").read_text("utf-8").split("\n")
    title = lines[0]
    chapter = re.compile(r"^第[一二三四五六七八九十]+章\s")
    heading = ""
    for i in range(1, len(lines)):
        if chapter.match(lines[i]):
            heading = lines[i]
        if i % 3 == 1:
            window = lines[i:i + 4]
            head = [heading] if heading and heading not in window else []
            put("seed_import", "\n".join([title] + head + window) + "\n", seen)
    # The indicator table and each box, whole.
    starts = [i for i, l in enumerate(lines) if l.endswith("主要指标") or "专栏" in l[:4]]
    for s in starts:
        end = s + 1
        while end < len(lines) and lines[end].strip() and end - s < 80:
            end += 1
        put("seed_import", "\n".join([title, "第二章  目标"] + lines[s:end + 2]) + "\n", seen)
    return len(seen)


def toml_blocks(text):
    """Top-level keys, then each `[table]` / `[[array]]` block."""
    blocks, cur = [], []
    for line in text.split("\n"):
        if line.startswith("[") and cur:
            blocks.append("\n".join(cur))
            cur = []
        cur.append(line)
    blocks.append("\n".join(cur))
    return blocks


def toml_corpus():
    seen = set()
    files = sorted((ROOT / "content").glob("*.toml")) + [ROOT / "site.toml", ROOT / "themes/default/i18n.toml"]
    files += sorted((ROOT / "tests/fixtures/sample-progress/content/progress").glob("*.toml"))
    for f in files:
        text = f.read_text("utf-8")
        blocks = toml_blocks(text)
        pre = "" if blocks[0].lstrip().startswith("[") else blocks[0]
        rest = blocks[1:] if pre else blocks
        if len(text.encode()) <= 2048:
            put("toml_loaders", text, seen)
        for b in rest[:12]:
            put("toml_loaders", pre + "\n" + b + "\n", seen)
        # Two blocks together, so duplicate/ordering paths have an example.
        if len(rest) >= 2:
            put("toml_loaders", pre + "\n" + rest[0] + "\n" + rest[1] + "\n", seen)
    for f in sorted((ROOT / "content/chapters").glob("*.md")):
        front = f.read_text("utf-8").split("+++")[1]
        put("toml_loaders", front.strip() + "\n", seen)
    return len(seen)


HOSTILE = [
    "a <script>alert(1)</script> [x](javascript:alert(1)) b",
    "<img src=x onerror=alert(1)>",
    "[a](JaVaScRiPt&colon;alert(1)) <javascript:alert(1)>",
    "**引领。**[链接](../chapters/01/index.html \"标题\")与`代码`和\\*转义\\*",
    "——**甲。**乙 [m](mailto:a@b.cn) <https://example.gov.cn/>",
    "[ref]\n\n[ref]: data:text/html,x",
]


def md_corpus():
    seen = set()
    for f in sorted((ROOT / "content/chapters").glob("*.md")):
        text = f.read_text("utf-8")
        _, front, body = text.split("+++", 2)
        blocks = [b for b in body.split("\n\n") if b.strip()]
        for i in range(0, len(blocks), 3):
            put("markdown", "+++" + front + "+++\n\n" + "\n\n".join(blocks[i:i + 3]) + "\n", seen)
        for b in blocks[:4]:
            put("markdown", b.strip(), seen)
    for h in HOSTILE:
        put("markdown", h, seen)
    return len(seen)


if __name__ == "__main__":
    for t in ("seed_import", "toml_loaders", "markdown"):
        (OUT / t).mkdir(parents=True, exist_ok=True)
    print("seed_import", seed_corpus())
    print("toml_loaders", toml_corpus())
    print("markdown", md_corpus())
