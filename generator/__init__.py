"""zongjie(总结助手):教育局工作总结起草工具的程序库接口。

The pipeline, one module a stage: read → clean → structure → mine → library → compose → render.
"""

from generator.errors import ZongjieError
from generator.read import read_document

__all__ = ["ZongjieError", "read_document"]
__version__ = "0.1.0"
