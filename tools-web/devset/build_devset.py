#!/usr/bin/env python3
"""Builds the larger extraction development set from public evaluation data.

Reads a git checkout of the merged cleaning datasets (github.com/j-szulc/html-cleaning-dataset-merged,
which gathers the Mozilla Readability test pages, the Dragnet data and the L3S Google News set) and
writes two directories in the layout `researcher extract --truth DIR` reads:

    OUT/tune/html/<id>.html     OUT/tune/ground-truth.json     (pages to tune the extractor on)
    OUT/report/html/<id>.html   OUT/report/ground-truth.json   (pages to report figures on)

ground-truth.json is {"<id>": {"articleBody": "<text>"}}. Nothing here is committed: the pages
belong to their publishers. Usage:

    python3 tools-web/devset/build_devset.py GIT_DIR OUT

GIT_DIR is the repository's git directory (a bare mirror is fine); only `git show` is used.
Standard library only.
"""

import hashlib
import html.parser
import json
import os
import re
import subprocess
import sys

# Which sources, and how many pages of each (chosen by the SHA-1 of their names, so the choice is
# stable and does not depend on the pages' content or on how we score on them).
SOURCES = {
    "readability": None,  # every page: many languages and layouts
    "dragnet_data": 110,
    "page-signal-master": 110,
}

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}


def git_show(git_dir, path):
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", "HEAD:" + path], check=True, capture_output=True
    ).stdout


def git_ls(git_dir, path):
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "--name-only", "HEAD", path + "/"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.rsplit("/", 1)[-1] for line in out.splitlines()]


def decode(data):
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")


class TextOf(html.parser.HTMLParser):
    """Text of an HTML fragment, one line per block; with `wanted`, only elements of those classes
    (and what they hold), as the L3S Google News annotations mark content."""

    def __init__(self, wanted=None):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.stack = []  # per open element: whether it is inside wanted content
        self.parts = []
        self.skip = 0

    def _inside(self):
        return self.wanted is None or (self.stack and self.stack[-1])

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        classes = (dict(attrs).get("class") or "").split()
        inside = self._inside() or (self.wanted is not None and bool(self.wanted & set(classes)))
        if tag not in ("br", "hr", "img", "meta", "link", "input"):
            self.stack.append(inside)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title") and self.skip:
            self.skip -= 1
        if self.stack and tag not in ("br", "hr", "img", "meta", "link", "input"):
            self.stack.pop()
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip and self._inside():
            self.parts.append(data)

    def text(self):
        lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def text_of(markup, wanted=None):
    parser = TextOf(wanted)
    parser.feed(markup)
    parser.close()
    return parser.text()


def truth(source, raw):
    if source == "readability":
        return text_of(raw)  # Readability's expected output, as HTML
    if source == "page-signal-master":
        # L3S-GN1: x-nc-sel2 marks the full text (sel1 the headline, sel3 supplemental text,
        # sel4 related content, sel5 comments): the article body is sel2
        return text_of(raw, {"x-nc-sel2"})
    if source == "dragnet_data":
        body = raw.split("!@#$%^&*()  COMMENTS")[0]  # what follows the marker is the comments
        return "\n".join(line.strip() for line in body.splitlines() if line.strip())
    raise ValueError(source)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: build_devset.py GIT_DIR OUT")
    git_dir, out = sys.argv[1], sys.argv[2]
    sets = {"tune": {}, "report": {}}
    for source, count in SOURCES.items():
        names = sorted(
            (n for n in git_ls(git_dir, source + "/GoldStandard") if n.endswith(".txt")),
            key=lambda n: hashlib.sha1((source + "/" + n).encode()).hexdigest(),
        )
        taken = 0
        for name in names:
            if count is not None and taken >= count:
                break
            stem = name[: -len(".txt")]
            try:
                page = git_show(git_dir, f"{source}/input/{stem}.html")
            except subprocess.CalledProcessError:
                continue
            body = truth(source, decode(git_show(git_dir, f"{source}/GoldStandard/{name}")))
            if len(re.findall(r"\w+", body)) < 10:
                continue  # no article to speak of: nothing to measure extraction by
            taken += 1
            page_id = source.split("-")[0].split("_")[0] + "-" + stem
            half = "tune" if int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % 2 == 0 else "report"
            os.makedirs(os.path.join(out, half, "html"), exist_ok=True)
            with open(os.path.join(out, half, "html", page_id + ".html"), "wb") as f:
                f.write(page)
            sets[half][page_id] = {"articleBody": body}
    for half, bodies in sets.items():
        with open(os.path.join(out, half, "ground-truth.json"), "w", encoding="utf-8") as f:
            json.dump(dict(sorted(bodies.items())), f, ensure_ascii=False, indent=1)
        print(f"{half}: {len(bodies)} pages in {os.path.join(out, half)}")


if __name__ == "__main__":
    main()
