"""What must never be left in a cleaned report, checked line by line without trusting the cleaner's own rules.

The tell-tales are written here, apart from templates/cleaning/: a site's voice (下载, VIP, 客服, 点击阅读…),
its furniture (发布时间 with a clock, 索引号, 字体 大 中 小, web addresses), traditional characters (OpenCC changes
the line), pinyin glosses (tone-marked letters, "(fā )"), and the spaces of a PDF's layout between characters or
around numbers ("工 作", "12 所"). Used by the tests over corpus/ and seeds/, and on any other folder of real
reports named in ZONGJIE_EXTRA_CORPUS (``ZONGJIE_EXTRA_CORPUS=~/往年材料 pytest tests/test_corpus.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache

# The site speaking, or its furniture: never a bureau's sentence.
SITE_VOICE = re.compile(
    r"下载|VIP|会员|客服|温馨提示|欢迎访问|免费(?:阅读|预览)|预览|阅读全文|展开全文|上传(?:人|者|时间|文档)|"
    r"文档(?:编号|简介|格式|大小|下载)|本文档|该文档|版权(?:说明|声明|申诉|所有)|侵权|免责声明|ICP|备案号|"
    r"上一篇|下一篇|当前位置|您的位置|分享到|加入收藏|我要投稿|点赞|浏览(?:次数|量)|阅读(?:次数|量)\s*[::]|"
    r"人围观|小编|本站|(?<![规示模])范文|好笔杆子|文库|www\.|https?://|\.com\b|\.docx?\b|\.pdf\b|\bQQ\b|\d+\s*KB\b|"
    r"索\s*引\s*号|成文日期|发布机构|组配分类|字体\s*[::]|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|"
    r"^\s*(?:注册|登录|收藏|分享|举报|打印|评论)\s*$|^\s*[•·]"
)
TONE_LETTERS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
BRACKET_PINYIN = re.compile(r"[((]\s*[a-zü]{1,6}\s*[))]")
WRAP_SPACE = re.compile(
    r"[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]|\d[ \t\u3000]+[\u4e00-\u9fff%]|[\u4e00-\u9fff][ \t\u3000]+\d"
)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def problems(lines: list[str]) -> list[str]:
    """Every line (numbered from 1) that still holds boilerplate, a traditional character, a gloss or a wrap space."""
    found = []
    for number, line in enumerate(lines, start=1):
        site = SITE_VOICE.search(line)
        if site:
            found.append(f"{number}: 网页杂质「{site.group(0)}」: {line[:60]}")
        if _t2s().convert(line) != line:
            changed = "".join(a for a, b in zip(line, _t2s().convert(line), strict=False) if a != b)
            found.append(f"{number}: 繁体字「{changed[:10]}」: {line[:60]}")
        gloss = TONE_LETTERS.search(line) or BRACKET_PINYIN.search(line)
        if gloss:
            found.append(f"{number}: 拼音注音「{gloss.group(0)}」: {line[:60]}")
        wrap = WRAP_SPACE.search(line)
        if wrap:
            found.append(f"{number}: 换行空格「{wrap.group(0)}」: {line[:60]}")
    return found
