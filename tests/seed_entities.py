"""The seeds' facts (numbers with units, places, schools, organisations, people, projects, 《》 titles) for leak tests.

Built independently of the miner, from the cleaned seeds with jieba's own POS tagger (HMM on, so unknown names are
found) plus rules, so that a leak test does not trust the code it checks. Generic words the rules also catch
(全市, 教育局, 中考 …) are excluded through GENERIC, a small reviewed allow-list: each entry is a word of the genre
that any bureau writes, not a fact of one bureau. Every quoted span (“…”) is an entity, except the common national
terms of quoted_terms in templates/mining/masks.yaml (reviewed data, not the miner's code): a bureau's slogans and
programme names are its own.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Reviewed: words the rules below flag that are the genre's common vocabulary, not one bureau's facts.
GENERIC = frozenset(
    """
    全市 我市 全区 我区 全县 我县 本市 全省 全国 市委 市政府 区委 区政府 县委 县政府 教育局 市教育局 区教育局
    教育体育局 区教育体育局 省教育厅 教育厅 党委 党组织 党支部 党中央 国务院 省委 纪委 人大 政协 中国 中华
    中考 入园 城市 新建 深度 满意度 普通高中 新区 四区 中小学 中小学校 中小学生 民办学校 幼儿园 普惠性 德育
    师德 师生 师范生 立德 道德 阳光 智慧 蓝图 荣誉 荣获 惠民 青少年 廉政 党风廉政 高水平 红领巾 爱国主义 汇报
    申报 印发 新秀 论文 金奖 二等奖 三等奖 联盟 党建 纪检 同比 环保 创优 深化 中专 治教 育人 许可 拓宽 练兵
    同城化 五星 十大 五大 东北 文明城市 美德 二本 惠及 云 德 普 毛 卓 暨 升华 新风貌 保教 测温 满意率 调度会
    联控 联席会 音乐会 一校 三校 五所 中学教师 党管 高中化学 三科 五科 健康成长 充分肯定 全面推广 新创建 安全工程
    新闻宣传 和平 严格执行 严格管理 大力支持 安全检查 宣传教育 巩固率 师德师 建立健全 明显改善 普惠园 通过培训
    采取措施 隆重举行 廉洁勤政 蓝天 习近平 省人大 教科所 学校 小学 教学 提高 实行 约谈 醒约谈 任职 初任职 开展的 的好
    意的好 积极为 时对 同时对 展的 拓宽了 宽了 研究型 究型 极为 再报 秀班 优秀班 学副 教学副 本级 市本级 新建学校 特色学校
    实验学校 示范区 试点区 试验区 责任区 年全区 年全市 深化城乡 考调城区 郊区县 普惠性幼儿园 中小学幼儿园 全年中小学
    区中小学 教育信息化 数字校园 云课堂 互联网+教育 两会 教坛新秀 年普通高中 育学校 东校区 一张网 志哀
    来年工作计划 按照课程计划 制定长远计划 乡学校有计划
    四中 三中 了学校
    """.split()
)

NUMBER = r"\d+(?:\.\d+)?"
UNITS = (
    "个百分点|平方米|平米|人次|队次|万元|亿元|万人|万余|余万|余人|余次|余所|余个|余项|余篇|余名|余件|"
    "%|‰|元|人|所|个|名|项|次|节|件|篇|期|套|只|吨|亩|分|块|部|家|队|条|起|届|年|月|日|位|台|班|处|批|场|倍|余|万|亿|号|中|天|周"
)
NUMBER_WITH_UNIT = re.compile(rf"({NUMBER})\s*((?:{UNITS})+)")
BARE_NUMBER = re.compile(r"(?<![\d.])\d{3,}(?:\.\d+)?|\d+\.\d+")
QUOTED = re.compile(r"“([^“”\n]{1,40})”")
# A programme named without quotes (名师孵化工程, 校车安全工程): the four characters before the programme word.
# A quoted span this long is specific even without its quotes (让更多的孩子接受更好的教育).
QUOTED_BARE_MIN = 5
NAMED_PROGRAMME = re.compile(r"([\u4e00-\u9fff]{4})(工程|行动计划|行动|计划|巡查组|督查组)(?![师建])")
BOOK = re.compile(r"《([^《》\n]{1,60})》")
# A quoted name is a project (a fact) when it names or is followed by a programme, event, title or prize.
PROJECT_WORDS = (
    "工程",
    "项目",
    "计划",
    "活动",
    "行动",
    "论坛",
    "比赛",
    "大赛",
    "竞赛",
    "评选",
    "联盟",
    "基地",
    "称号",
    "奖",
    "网",
    "课堂",
    "试点",
    "示范",
    "学校",
    "单位",
    "会",
    "节",
    "年",
)
SHORT_SCHOOL = re.compile(r"[市区县]?(?:第)?[一二三四五六七八九十\d]{1,3}中(?:学)?")
# A school in a list of schools (…、田心中学、…): its two to four characters are its name.
LISTED_SCHOOL = re.compile(
    r"(?:(?<=、)([\u4e00-\u9fff]{2,4}(?:小学|中学|学校|幼儿园))(?=[、,,与和等])"
    r"|(?<=[,,与和])([\u4e00-\u9fff]{2,4}(?:小学|中学|学校|幼儿园))(?=、))"
)
# Schools visited, named before 等 and a count (参观了××等三所学校): names the dictionary may not know.
VISITED = re.compile(r"(?:参观|考察|走访|访问)了?([\u4e00-\u9fff]{2,8}?)等(?:\d+|[一二三四五六七八九十两]+)所")
PERSON_CONTEXT = re.compile(r"([\u4e00-\u9fff]{2,3})(?:老师|同学|同志|市长|副主任|主任|局长|校长)")
# A school's or place's prefix stops at a word that is not part of a name.
NAME_TAGS = ("ns", "nt", "nr", "nrt", "nrfg", "nz")
NAME_STOP = set("的和与及在对为把将由从向了是等所各个名全本我该其这那每次多")
NAME_CHARS = re.compile(r"[\u4e00-\u9fff\dA-Za-z]+")
NAME_PARTS = {"市", "区", "县", "镇", "乡", "省", "第", "村"}
# A word ending so names a school or a place; the words before it that look like a name are its name.
NAME_SUFFIXES = ("小学", "中学", "幼儿园", "学校", "高中", "职中", "市", "县", "区", "镇", "乡")


@lru_cache(maxsize=1)
def _quoted_terms() -> frozenset[str]:
    import yaml

    data = yaml.safe_load((SEEDS.parent / "templates" / "mining" / "masks.yaml").read_text(encoding="utf-8"))
    return frozenset(str(term) for term in data.get("quoted_terms") or ())


def _tokenizer():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.dt


def _seed_texts(seeds: Path) -> list[str]:
    from generator.corpus.clean import clean_file

    texts = []
    for path in sorted(seeds.glob("*.txt")):
        cleaned = clean_file(path)
        texts.append("\n".join([cleaned.title, *cleaned.lines]))
    return texts


def _name_before(tokens: list, index: int) -> str:
    """The name words before a school or place suffix: back to the first word that cannot be part of a name."""
    known = _tokenizer().tokenizer.FREQ
    out = ""
    for word, flag in reversed(tokens[:index]):
        # g (a bound morpheme, 坳) is how the dictionary tags pieces of names it does not know.
        name_like = (
            flag in NAME_TAGS or flag in ("m", "j", "eng", "g") or word not in known or word in NAME_PARTS
        )
        if not name_like or word in NAME_STOP or not NAME_CHARS.fullmatch(word):
            break
        out = word + out
    return out


def _unmasked(text: str) -> str:
    """The text with its masks (〖xx〗, the cut-out numbers and names) as line breaks: no entity spans one."""
    return re.sub(r"〖[^〗]*〗", "\n", text)


def _numbers_and_titles(bare: str) -> set[str]:
    """What every text owns by the strongest rules: numbers with their units, bare numbers, 《》 titles."""
    found = {m.group(1) + m.group(2) for m in NUMBER_WITH_UNIT.finditer(bare)}
    found |= {m.group(0) for m in BARE_NUMBER.finditer(bare)}
    found |= {m.group(1) for m in BOOK.finditer(bare)}
    return found


def entities_of_text(text: str) -> set[str]:
    """The entities of one text by the rules and POS tags above (before the allow-list)."""
    bare = _unmasked(text)
    found = _numbers_and_titles(bare)
    # A seed's figure also leaks as its number with the unit's first character (12所 of 12所学校).
    found |= {m.group(1) + m.group(2)[:1] for m in NUMBER_WITH_UNIT.finditer(bare)}
    allowed = _quoted_terms()
    for m in QUOTED.finditer(bare):
        name = m.group(1).strip()
        if not name or name in allowed:
            continue
        after = bare[m.end() : m.end() + 3]
        if (
            len(name) >= QUOTED_BARE_MIN
            or any(w in name for w in PROJECT_WORDS)
            or any(after.startswith(w) for w in PROJECT_WORDS)
        ):
            found.add(name)
        else:
            # A short span (“百校行”) is the seed's with its quotes; bare, it may be a common word (这一主题).
            found.add(f"“{name}”")
    for m in NAMED_PROGRAMME.finditer(bare):
        if not set(m.group(1)) & NAME_STOP:
            found.add(m.group(0))
    for m in SHORT_SCHOOL.finditer(bare):
        if len(m.group(0)) >= 3:
            found.add(m.group(0))
    for m in LISTED_SCHOOL.finditer(bare):
        found.add(m.group(1) or m.group(2))
    for m in VISITED.finditer(bare):
        found.add(m.group(1))
    for m in PERSON_CONTEXT.finditer(bare):
        name = m.group(1)
        for size in (2, 3):
            if len(name) >= size:
                found.add(name[-size:])
    for line in bare.split("\n"):
        tokens = list(_tokenizer().cut(line))
        for index, (word, flag) in enumerate(tokens):
            # Names the dictionary knows (万科, 清华, 宝马) and names only the HMM finds (人名) alike.
            if flag in NAME_TAGS and len(word) >= 2 and NAME_CHARS.fullmatch(word):
                found.add(word)
            suffix = next((s for s in NAME_SUFFIXES if word.endswith(s)), "")
            if suffix:
                name = _name_before(tokens, index) + word
                if len(name) >= len(suffix) + 2:
                    found.add(name)
    return found


@lru_cache(maxsize=1)
def _seed_entities_cached(seeds: str) -> frozenset[str]:
    found: set[str] = set()
    for text in _seed_texts(Path(seeds)):
        found |= entities_of_text(text)
    allowed = _quoted_terms()
    return frozenset(e for e in found if e not in GENERIC and len(e) >= 2 and e.strip("“”") not in allowed)


def seed_entities(seeds: Path = SEEDS) -> set[str]:
    """Every entity of the seeds that must not appear as fixed text in the library or a draft."""
    return set(_seed_entities_cached(str(seeds)))


if __name__ == "__main__":
    for entity in sorted(seed_entities()):
        print(entity)


# ---------------------------------------------------------------- corpus/


CORPUS = SEEDS.parent / "corpus"
SCHOOL = re.compile(r"([\u4e00-\u9fff]{2,8}?)(小学|中学|幼儿园|职业学校|高级中学|实验学校)")
PERSON_TITLE = re.compile(r"([\u4e00-\u9fff]{2,3})(?:同志|老师|局长|副局长|校长|书记|市长|副市长|县长|区长|主任)")


def corpus_entities_of_text(text: str) -> set[str]:
    """The facts of a corpus page by the strong rules only: numbers with units, 《》 titles, quoted names, places
    the dictionary tags ns, schools named after them, people named before a title.

    The pages hold masked names (〖xx〗区, **县), so the looser rules that find unknown names in the seeds would
    take the genre's words for names here; these rules do not, and still find what a report owns.
    """
    bare = _unmasked(text)
    found = _numbers_and_titles(bare)
    allowed = _quoted_terms()
    for m in QUOTED.finditer(bare):
        name = m.group(1).strip()
        if name and name not in allowed and (len(name) >= QUOTED_BARE_MIN or any(w in name for w in PROJECT_WORDS)):
            found.add(name)
    places = set()
    for line in bare.split("\n"):
        for word, flag in _tokenizer().cut(line):
            if flag == "ns" and len(word) >= 2:
                places.add(word)
    found |= places
    for m in SCHOOL.finditer(bare):
        if any(m.group(1).startswith(p) for p in places):
            found.add(m.group(0))
    for m in PERSON_TITLE.finditer(bare):
        name = m.group(1)
        if any(flag == "nr" for _, flag in _tokenizer().cut(name)):
            found.add(name)
    return found


@lru_cache(maxsize=1)
def _corpus_entities_cached(corpus: str) -> frozenset[str]:
    from generator.corpus.clean import clean_file

    found: set[str] = set()
    for path in sorted(Path(corpus).rglob("*.txt")):
        cleaned = clean_file(path)
        found |= corpus_entities_of_text("\n".join([cleaned.title, *cleaned.lines]))
    allowed = _quoted_terms()
    return frozenset(
        e for e in found if e not in GENERIC and e not in CORPUS_GENERIC and len(e) >= 2 and e.strip("“”") not in allowed
    )


# Reviewed: words the rules flag that every bureau writes — the genre's, not a page's: places jieba tags ns (全国,
# 中国 …), its mis-cuts (平总 of 习近平总书记; 四中, 三中 of 四中全会; 常治 of 常治长效; 迎国 of 迎国检), national campaigns and laws (党史学习教育,
# 教育法, 政府工作报告, 一票否决制) and plain words it takes for names (爱国, 青春, 福利).
CORPUS_GENERIC = frozenset(
    """
    中国 中华 全国 全省 全市 全县 全区 城乡 农村 乡村 城区 西部 东部 中部 北方 南方 长江 黄河 中央 国家 省 市 县 区
    平总 四中 三中 常治 迎国 党史学习教育 教育法 条例 政府工作报告 一票否决制 爱国 青春 福利 普及
    """.split()
)


def corpus_entities(corpus: Path = CORPUS) -> set[str]:
    """Every fact of the corpus pages (numbers, places, schools, people, programmes) kept out of the library."""
    return set(_corpus_entities_cached(str(corpus)))
