"""Build templates/base.docx: python-docx's default document restyled to GB/T 9704 from the default profile.

Run after changing templates/profiles/gbt9704.yaml or the renderer's style code:

    python tools/build_base_docx.py            # writes templates/base.docx
    python tools/build_base_docx.py OUT.docx   # writes elsewhere (the tests compare the two)

The result is deterministic in content (styles, page, footers); zip timestamps differ between runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.render.docx import prepare_document  # noqa: E402
from generator.render.profile import load_profile  # noqa: E402

DEFAULT_OUT = ROOT / "templates" / "base.docx"


def build_base_docx(out: Path = DEFAULT_OUT) -> Path:
    """Write the base document: every style the renderer uses, the A4 page and the page-number footers."""
    document = docx.Document()
    prepare_document(document, load_profile(None))
    body = document.element.body
    for child in list(body):
        if child.tag != docx.oxml.ns.qn("w:sectPr"):
            body.remove(child)
    # python-docx's template carries a thumbnail of an English sample page; Explorer and Finder would show it.
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)
    props = document.core_properties
    props.title = ""
    props.author = ""
    props.last_modified_by = ""
    props.comments = "总结助手(zongjie)的 GB/T 9704 基础模板,由 tools/build_base_docx.py 生成"
    props.keywords = ""
    props.subject = ""
    props.category = ""
    props.language = "zh-CN"
    props.revision = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    print(build_base_docx(target))
