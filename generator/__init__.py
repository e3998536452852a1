"""zongjie(总结助手):教育局工作总结起草工具的程序库接口。

The pipeline, one module a stage: read → clean → structure → mine → library → compose → render.

    from generator import load_facts, draft_from_facts, write_draft
    draft = draft_from_facts(load_facts("事实.yaml"), seed=1)
    write_draft(draft, "草稿.docx")
"""

from generator.errors import ZongjieError

__version__ = "0.1.0"

__all__ = [
    "ZongjieError",
    # mining: read → clean → structure → mine
    "read_document",
    "clean_text",
    "clean_file",
    "parse_structure",
    "structure_file",
    "mine_corpus",
    "write_library",
    # the library and its outlines
    "load_library",
    "find_outline",
    "copy_outline",
    # drafting: facts → compose → render
    "load_facts",
    "compose_draft",
    "draft_from_facts",
    "generate",
    "write_draft",
    "load_profile",
]

# A name maps to its module (the attribute has the same name) or to (module, attribute) where a public name must
# differ from a submodule's: `generator.drafting.compose` is the module, so its entry function is published as compose_draft.
# Stages load on first use: `import generator` (and `zongjie generate`) must not pay for OpenCC, jieba or the miner.
_LAZY: dict[str, str | tuple[str, str]] = {
    "read_document": "generator.corpus.read",
    "clean_text": "generator.corpus.clean",
    "clean_file": "generator.corpus.clean",
    "parse_structure": "generator.corpus.structure",
    "structure_file": "generator.corpus.structure",
    "mine_corpus": "generator.mining.miner",
    "write_library": "generator.mining.miner",
    "load_library": "generator.library.core",
    "find_outline": "generator.library.outlines",
    "copy_outline": "generator.library.outlines",
    "load_facts": "generator.facts.load",
    "compose_draft": ("generator.drafting.compose", "compose"),
    "draft_from_facts": "generator.api",
    "generate": "generator.api",
    "write_draft": "generator.render.output",
    "load_profile": "generator.render.profile",
}


def __getattr__(name: str):
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    import importlib

    module, attribute = target if isinstance(target, tuple) else (target, name)
    return getattr(importlib.import_module(module), attribute)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
