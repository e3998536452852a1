"""Mining's own caches (jieba's prefix table in the user's cache folder, loaded by need) and its fast YAML writing:
faster, never different. A stale, broken or foreign cache is not believed; the written library is what PyYAML would
write."""

from __future__ import annotations

import marshal
import math
import os
import random
import re

import jieba
import pytest
import yaml

from generator.mining import slot

SENTENCE = "全县教育系统坚持立德树人根本任务,义务教育优质均衡发展稳步推进,新建改扩建学校12所。"
FAKE = ({"全": 1, "全县": 5, "全县教": 0}, 6)  # a prefix table that would cut differently
TABLE = "jieba-pairs.cache"


def _name(table: str) -> str:
    """The file name of one of mining's jieba tables (it carries the dictionary's checksum)."""
    return slot._cache_file(table).name


def _fresh(monkeypatch, cache_root) -> slot._Jieba:
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(cache_root))
    return slot._Jieba()


@pytest.fixture(scope="module")
def whole():
    """jieba's own tokenizer with its whole prefix table, as jieba loads it."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def reference(whole):
    return whole.lcut(SENTENCE, HMM=False)


def _table(cache) -> slot._PrefixTable:
    table = slot._PrefixTable.decode(cache.read_bytes())
    assert table is not None
    return table


def _plant(cache_root, content: bytes, *, newer: bool = True):
    folder = cache_root / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    cache = folder / _name(TABLE)
    cache.write_bytes(content)
    dictionary = os.stat(os.path.join(os.path.dirname(jieba.__file__), "dict.txt")).st_mtime_ns
    stamp = dictionary + (10**9 if newer else -(10**9))
    os.utime(cache, ns=(stamp, stamp))
    return cache


def test_a_fresh_cache_of_ones_own_is_read_and_a_missing_one_is_made(monkeypatch, tmp_path, whole, reference):
    made = _fresh(monkeypatch, tmp_path)
    assert made.tokenizer.FREQ == whole.FREQ  # built from dict.txt: the whole table at once
    cache = tmp_path / "jieba" / _name(TABLE)
    assert cache.is_file()
    table = _table(cache)
    assert table.total == whole.total > 0 and table.load_all() == whole.FREQ
    read = _fresh(monkeypatch, tmp_path)
    assert read.cut(SENTENCE) == reference
    # Read from the cache, the table holds what the texts cut so far need: a small part of the whole.
    assert set(read.tokenizer.FREQ.items()) <= set(whole.FREQ.items())
    assert len(read.tokenizer.FREQ) < len(whole.FREQ) / 10
    # A cache this user wrote after dict.txt is believed as it is (what makes it fast): a planted table shows it.
    _plant(tmp_path, slot._PrefixTable.encode(*FAKE))
    planted = _fresh(monkeypatch, tmp_path)
    assert planted.cut(SENTENCE) != reference and planted.cut("全县教师") == ["全县", "教", "师"]


@pytest.mark.parametrize(
    "case",
    ["stale", "corrupt", "truncated", "a damaged header", "not a table", "the whole table", "a damaged group", "a link"],
)
def test_a_stale_or_broken_cache_is_made_again_from_the_dictionary(monkeypatch, tmp_path, reference, case):
    header = bytearray(slot._PrefixTable.encode(*FAKE))
    header[int.from_bytes(header[:8], "little")] ^= 0xFF  # a byte of the header's body: its checksum finds it
    damaged = b""
    if case == "a damaged group":
        # The real table with its groups overwritten: a group is decoded only when a text needs it, and then
        # the whole table is built from the dictionary (and the cache written again).
        _fresh(monkeypatch, tmp_path / "真表").tokenizer  # noqa: B018 - writes a real cache there
        real = (tmp_path / "真表" / "jieba" / _name(TABLE)).read_bytes()
        start = 8 + int.from_bytes(real[:8], "little")
        damaged = real[:start] + b"\xff" * (len(real) - start)
    content = {
        "stale": slot._PrefixTable.encode(*FAKE),
        "corrupt": b"\x00not marshal\xff" * 10,
        "truncated": slot._PrefixTable.encode(*FAKE)[:-7],
        "a damaged header": bytes(header),
        "not a table": marshal.dumps(["全县", 5]),
        "the whole table": marshal.dumps(FAKE),  # jieba's own format (mining's cache before the groups)
        "a damaged group": damaged,
        "a link": b"",
    }[case]
    cache = _plant(tmp_path, content, newer=case != "stale")
    if case == "a link":
        elsewhere = _plant(tmp_path / "别处", slot._PrefixTable.encode(*FAKE))
        cache.unlink()
        cache.symlink_to(elsewhere)
    jieba_ = _fresh(monkeypatch, tmp_path)
    assert jieba_.cut(SENTENCE) == reference
    assert len(jieba_.tokenizer.FREQ) > 300_000
    # and the cache is mended: the next run reads the real table
    assert not cache.is_symlink()
    assert _table(cache).total == jieba_.tokenizer.total


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_another_users_cache_is_not_read(monkeypatch, tmp_path, reference):
    cache = _plant(tmp_path, slot._PrefixTable.encode(*FAKE))
    os.chown(cache, 65534, 65534)
    jieba_ = _fresh(monkeypatch, tmp_path)
    assert jieba_.cut(SENTENCE) == reference
    assert jieba_.tokenizer.FREQ != FAKE[0]


def test_two_installs_keep_their_own_tables(monkeypatch, tmp_path, reference):
    # Another virtual environment's jieba (another dict.txt) has its tables under another name: neither is
    # remade for the other, and this one never reads that one.
    other = tmp_path / "jieba" / "jieba-00000000.cache"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(marshal.dumps(FAKE))
    jieba_ = _fresh(monkeypatch, tmp_path)
    assert jieba_.cut(SENTENCE) == reference
    assert marshal.loads(other.read_bytes()) == FAKE
    assert _name(TABLE) != other.name and (tmp_path / "jieba" / _name(TABLE)).is_file()


def test_an_unwritable_cache_folder_costs_time_not_the_cut(monkeypatch, tmp_path, reference):
    blocked = tmp_path / "不是文件夹"
    blocked.write_text("", encoding="utf-8")
    assert _fresh(monkeypatch, blocked).cut(SENTENCE) == reference


def test_the_proper_nouns_come_with_the_words_that_need_them(monkeypatch, tmp_path):
    """The names check's proper nouns and places are the dictionary's (kept in the table's cache, no file of
    their own), loaded with the words of the texts cut: every word of those texts that the dictionary tags."""
    from pathlib import Path

    names, places = slot._proper_words(Path(jieba.__file__).with_name("dict.txt"))
    assert {"武汉", "湖北"} <= places <= names and {"北京大学", "鲁迅"} <= names - places
    _fresh(monkeypatch, tmp_path).tokenizer  # noqa: B018 - writes the cache
    by_need = _fresh(monkeypatch, tmp_path)
    words = by_need.cut("来自湖北和武汉的学生参观了北京大学,重读鲁迅的文章")
    assert {"湖北", "武汉", "北京大学", "鲁迅"} <= set(words)
    assert {"湖北", "武汉", "北京大学", "鲁迅"} <= by_need.proper and {"湖北", "武汉"} <= by_need.places
    assert "北京大学" not in by_need.places and len(by_need.proper) < len(names) / 10
    table = _table(tmp_path / "jieba" / _name(TABLE))
    table.load_all()
    assert (table.proper, table.places) == (names, places)


# ---------------------------------------------------------------- the phrase file's scalars

TRICKY = list(" abyYnN~01.-+:#'\"!&*?|>%@`,[]{}\\\t\u3000\uff0c\uff1a\uff08\uff09\u300a\u300b\u201c\u201d\u3001\u3002")
TRICKY += list("\ufeff\u00a0\u0085\u2028\x07\u4e2d\u6587") + ["true", "null", "yes", "0x1F", "1e3", "2025", "12:30"]
TRICKY += ["- ", "? ", ": ", " #", "---", "...", "<<", "=", "0o7", "1_000", ".inf", "{{ ", " }}", "\n", "\r\n"]


def test_each_scalar_is_written_as_pyyaml_writes_it():
    """The phrase file's strings skip PyYAML's whole dump; each is written as yaml.dump writes it, quoted or
    plain alike, and reads back as itself (ids, texts with {{ slots }}, file names, odd and empty strings)."""
    from generator.library.dump import _dumped_scalar, _scalar

    rng = random.Random(20251202)
    samples = {"", "{{ 主题 }}稳步推进", "title.annual.6dbb3dda", "2025年工作总结.txt", "a" * 450, "'引号'"}
    samples |= {"".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 8))) for _ in range(2000)}
    # The shapes written without PyYAML's analysis (Chinese first, {{ first, a word of letters and digits), and
    # the characters at their edges: full-width and general punctuation, ASCII indicators, quotes, spaces.
    quiet = [chr(c) for c in (*range(0x3000, 0x3040), *range(0xFF00, 0xFF10), *range(0x2010, 0x2030))]
    quiet += list("\u4e00\u6587\u5e74yYnNtTfFoO019._/()%-'#:,?[]{}! \"~=<+&*|>@`") + ["{{ ", " }}", ".inf", "null"]
    for first in ("\u6559", "{", "t", "0", "n", "."):
        samples |= {first + "".join(rng.choice(quiet) for _ in range(rng.randint(0, 9))) for _ in range(1500)}
    for value in sorted(samples):
        written = _scalar.__wrapped__(value)
        assert written == _dumped_scalar(value), repr(value)
        if not any(c in value for c in "\n\r\x85\u2028\u2029"):  # YAML's line breaks fold: PyYAML's way, kept
            assert yaml.safe_load(f"k: {written}\n")["k"] == value, repr(value)


# ---------------------------------------------------------------- jieba's cut with HMM, read off the route


def test_the_hmm_cut_is_jiebas_on_every_line_and_every_mined_pattern(monkeypatch, tmp_path, whole):
    """The names check of one-report patterns cuts with HMM from the memoised route: the same words as jieba's
    own lcut(HMM=True) with its whole table, on every line of seeds/ and corpus/ and every pattern of the shipped
    library; so does the cut without HMM. Mining's table is read from its cache, by need: one block's words at a
    time, a part of the whole table in the end."""
    import re
    from pathlib import Path

    from generator.corpus.read import corpus_files, read_document

    root = Path(__file__).resolve().parent.parent
    texts = [
        line
        for path in corpus_files([root / "seeds", root / "corpus"])
        for line in read_document(path).text.splitlines()
        if line.strip()
    ]
    phrases = yaml.safe_load((root / "templates" / "library" / "mined" / "phrases.yaml").read_text(encoding="utf-8"))
    texts += [re.sub(r"{{ \w+ }}", ",", p["text"]) for p in phrases["phrases"]]
    texts += ["张三丰在枫垭坳小学讲话", "WiFi覆盖率达98%,APP下载3万次", "abc李四def王五12所"]
    _fresh(monkeypatch, tmp_path).tokenizer  # noqa: B018 - writes the cache
    by_need = _fresh(monkeypatch, tmp_path)
    assert len(texts) > 2000
    for text in texts:
        assert by_need.cut_hmm(text) == whole.lcut(text, HMM=True), text
        assert by_need.cut(text) == whole.lcut(text, HMM=False), text
    assert len(by_need.tokenizer.FREQ) < len(whole.FREQ) / 2


def test_a_phrase_file_with_choices_is_laid_out_as_pyyaml_lays_it_out():
    """dump_phrases writes each phrase line by line (choices too); the file is what dump_yaml makes of the
    phrases' dicts, for the shipped library and for odd wordings and empty choice lists."""
    from pathlib import Path

    from generator.library.core import load_phrase_file
    from generator.library.dump import dump_phrases, dump_yaml
    from generator.library.model import Phrase, Source

    def by_pyyaml(phrases, header=""):
        data = {"origin": "mined", "phrases": [p.as_dict() for p in sorted(phrases, key=lambda p: p.id)]}
        return dump_yaml(data, header)

    shipped = load_phrase_file(Path(__file__).resolve().parent.parent / "templates/library/mined/phrases.yaml", "mined")
    assert any(p.choices for p in shipped)
    assert dump_phrases(shipped, "mined", "头\n\n尾") == by_pyyaml(shipped, "头\n\n尾")
    rng = random.Random(7)
    wordings = ["正确", "坚强", "'引号'", "yes", "2025", "- x", "a: b", "", "#号", "{{ x }}", "中文 空格", "甲\u2028乙"]
    for number in range(200):
        choices = {f"措辞{n}": [rng.choice(wordings) for _ in range(rng.randint(0, 3))] for n in range(1, rng.randint(2, 4))}
        phrase = Phrase(
            id=f"lead.clause.{number}", kind="lead", text="深化{{ 措辞1 }}改革", slots=dict.fromkeys(choices, "choice"),
            sources=[Source("a.txt", 1, 1)], choices=choices,
        )
        assert dump_phrases([phrase], "mined") == by_pyyaml([phrase])


def test_an_outline_file_is_laid_out_as_pyyaml_lays_it_out():
    """dump_outline writes an outline line by line; the file is what dump_yaml makes of the outline's dict, for the
    shipped outlines (mined and manual) and for outlines of odd wordings, empty lists, nested parts and numbers."""
    from pathlib import Path

    from generator.library.core import load_outline_file
    from generator.library.dump import dump_outline, dump_yaml
    from generator.library.model import Outline, OutlineNode

    library = Path(__file__).resolve().parent.parent / "templates" / "library"
    shipped = [load_outline_file(path, path.parts[-3]) for path in sorted(library.glob("*/outlines/*.yaml"))]
    assert len(shipped) >= 10
    for outline in shipped:
        assert dump_outline(outline, "头\n\n尾") == dump_yaml(outline.as_dict(), "头\n\n尾")
    rng = random.Random(5)
    wordings = [*TRICKY, "{{ 主题 }}凸显新成效", "一、", "(一)", "1.", "x" * 950, "工作" * 300, ""]

    def node(depth: int) -> OutlineNode:
        return OutlineNode(
            role=rng.choice(["work", "plans", "part", "opening"]), level=rng.randint(0, 3),
            marker=rng.choice(wordings), heading=rng.choice(wordings), repeat=rng.choice(wordings),
            headings_seen=[rng.choice(wordings) for _ in range(rng.randint(0, 3))],
            note=rng.choice(wordings), children=[node(depth + 1) for _ in range(rng.randint(0, 2 if depth < 3 else 0))],
        )

    for number in range(300):
        outline = Outline(
            name=f"提纲{number}", title=rng.choice(wordings), kind=rng.choice(wordings), origin="mined",
            description=rng.choice(wordings), why=rng.choice(["", *wordings]),
            sources=[rng.choice(wordings) for _ in range(rng.randint(0, 3))], nodes=[node(0) for _ in range(3)],
        )
        assert dump_outline(outline) == dump_yaml(outline.as_dict()), number


# ---------------------------------------------------------------- rules skipped on texts they cannot match


@pytest.mark.parametrize(
    ("expression", "needs"),
    [
        ("上半年", ("上半年",)),
        ("a?b", ("b",)),
        ("(?:ab|cd)e", ("ab", "cd")),
        ("[xy]z*", ("x", "y")),
        ("(?<=[全我本])[市区县](?![委长])", ("全", "我", "本")),
        ("(?:19|20)\\d{2}(?=\\s*年)", ("19", "20")),
        ("(?!ab)c", ("c",)),
        ("a{0,3}b", ("b",)),
        ("(?i)abc", None),
        ("\\d+", None),
        ("[^“”]{1,40}", None),
        ("a|\\d", None),
        ("", None),
    ],
)
def test_the_literals_a_rule_needs_are_read_off_its_expression(expression, needs):
    from generator.base.tables import literal_needs, needed_chars

    assert literal_needs(re.compile(expression)) == needs
    assert needed_chars(re.compile(expression)) == (frozenset(n[0] for n in needs) if needs else None)


def test_no_rule_matches_a_text_without_the_characters_it_needs():
    """Every mining and cleaning rule, on every line of seeds/, corpus/ and tests/realform/ (and the same lines in
    pieces): wherever a rule matches, the text holds one of the characters it is said to need, and one of the
    strings."""
    from pathlib import Path

    from generator.base.tables import literal_needs, needed_chars
    from generator.corpus.read import corpus_files, read_document
    from generator.corpus.steps.rules import cleaning_rules
    from generator.mining.clauses import clause_rules

    root = Path(__file__).resolve().parent.parent
    mask_rules = slot.rules()
    cleaning = cleaning_rules()
    patterns = [r.pattern for r in mask_rules.context] + [m.pattern for m in mask_rules.masks] + [slot.MOJIBAKE]
    patterns += [p for p, _ in clause_rules().pre]
    for name in ("placeholders", "holes", "spun", "any_length", "line_boilerplate", "middle", "head", "tail", "decorations"):
        patterns += [r[0] if isinstance(r, tuple) else r for r in getattr(cleaning, name)]
    lines = [
        line
        for path in corpus_files([root / "seeds", root / "corpus", root / "tests" / "realform"])
        for line in read_document(path).text.splitlines()
        if line.strip()
    ]
    texts = lines + [piece for line in lines for piece in re.split("[,,。;;]", line) if piece]
    checked = 0
    for pattern in patterns:
        needs, literals = needed_chars(pattern), literal_needs(pattern)
        if needs is None:
            continue
        for text in texts:
            if pattern.search(text):
                checked += 1
                assert not needs.isdisjoint(text) and any(s in text for s in literals), (pattern.pattern, text)
    assert checked > 1000


def test_the_route_cut_is_jiebas_word_for_word(whole):
    """Mining cuts a block by the dictionary route found in one pass; the words are jieba's own cut without HMM
    (Tokenizer.__cut_DAG_NO_HMM) on every block of seeds/ and corpus/ and on random blocks of common characters,
    letters, digits and jieba's joining punctuation (ties, unknown characters, single letters joined)."""
    from pathlib import Path

    import jieba as jieba_

    from generator.corpus.read import corpus_files, read_document

    root = Path(__file__).resolve().parent.parent
    blocks = {
        block
        for path in corpus_files([root / "seeds", root / "corpus"])
        for number, block in enumerate(jieba_.re_han_default.split(read_document(path).text))
        if number % 2 and block
    }
    rng = random.Random(11)
    alphabet = "的一是在不了有和人中大为上个国我以要时来生到作地出分成会可发年同工能下子产面方后多定行学法所"
    alphabet += "民经十三进等部度家电力里水化高理起小物现实加量两体制机当点业本性好开合还因其然前外天政四日社义事"
    alphabet += "甲乙丙丁戊己庚辛壬癸枫垭坳aZ09+#&._%-"
    blocks |= {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(3000)}
    logtotal = math.log(whole.total)
    assert len(blocks) > 5000
    for block in blocks:
        words = list(slot._route_cut(block, whole.FREQ, logtotal))
        assert words == list(whole._Tokenizer__cut_DAG_NO_HMM(block)), block
