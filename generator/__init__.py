"""zongjie(总结助手):教育局工作总结起草工具的程序库接口。

The pipeline, one module a stage: read → clean → structure → mine → library → compose → render.
"""

from generator.errors import ZongjieError
from generator.read import read_document

__all__ = ["ZongjieError", "clean_file", "clean_text", "parse_structure", "read_document", "structure_file"]

# Stages load on first use, so that `import generator` (and `zongjie generate`) does not pay for OpenCC.
_LAZY = {
    "clean_text": "generator.clean",
    "clean_file": "generator.clean",
    "parse_structure": "generator.structure",
    "structure_file": "generator.structure",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)

__version__ = "0.1.0"
