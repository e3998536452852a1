"""`zongjie serve` in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them):
the writer's way through the page, from a new 半年总结 to the downloaded Word file, and a facts file opened and
saved again. The page must never ask anything of a server other than 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from web_server import meaning, running_server

from generator.facts.load import load_facts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "半年总结-青山县.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

# In CI (.ci/run installs the browser) a missing browser is a failure, not a skip.
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER) and not os.environ.get("CI"),
    reason="需要 Debian 的 chromium 和 chromium-driver(.ci/run 会安装)",
)


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1000",
                     "--lang=zh-CN", "--no-first-run", "--disable-background-networking", "--disable-sync",
                     "--disable-component-update", "--disable-default-apps"):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    # The system's chromedriver: selenium must not look for (or download) a driver of its own.
    driver = webdriver.Chrome(service=Service(DRIVER or "chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def submit(driver, element) -> None:
    """Click a button that posts the form and wait for the new page."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element("tag name", "html")
    # Clicked through the DOM: a real click at coordinates can land elsewhere while a datalist popup is open
    # or a text box grows; the form is still submitted by that button, as a person's click does.
    driver.execute_script("arguments[0].click()", element)
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(page))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def press(driver, button_id: str) -> None:
    """Click a download button (the page stays; the file arrives in the download folder)."""
    driver.execute_script("arguments[0].click()", driver.find_element("id", button_id))


def button(driver, value: str):
    return driver.find_element("css selector", f'button[value="{value}"]')


def fill(driver, field: str, text: str) -> None:
    from selenium.webdriver.support.ui import Select

    element = driver.find_element("id", f"f-{field}")
    if element.tag_name == "select":
        Select(element).select_by_visible_text(text)
    else:
        element.clear()
        element.send_keys(text)


def first_box(driver, path: str) -> str:
    """The first text box of an entry: the entry itself when it is a sentence, else its first key (内容)."""
    for element in driver.find_elements("css selector", f'[id^="f-{path}"]'):
        if element.tag_name in ("input", "textarea"):
            return element.get_attribute("id")[2:]
    raise AssertionError(f"没有找到 {path}")


def downloaded(driver, suffix: str) -> Path:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = [p for p in driver.downloads.iterdir() if p.suffix == suffix]
        if found and not any(p.suffix == ".crdownload" for p in driver.downloads.iterdir()):
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"没有下载到 {suffix} 文件:{list(driver.downloads.iterdir())}")


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def screenshot(driver, name: str) -> None:
    folder = os.environ.get("ZONGJIE_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / name))


def test_half_year_report_from_new_to_word(server, browser):
    from docx import Document

    browser.get(server.url)
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "kind")).select_by_visible_text("半年总结")
    submit(browser, browser.find_element("id", "new"))
    fill(browser, "单位", "青山县教育局")
    fill(browser, "地区", "青山县")
    fill(browser, "年度", "2025")
    fill(browser, "半年", "上半年")
    fill(browser, "工作.0.领域", "学前教育")
    fill(browser, first_box(browser, "工作.0.举措.0"), "实施学前教育扩容提质工程,新建、改扩建一批公办幼儿园")
    fill(browser, "工作.0.数据.0.项目", "新建幼儿园")
    fill(browser, "工作.0.数据.0.数值", "6")
    fill(browser, "工作.0.数据.0.单位", "所")
    fill(browser, "工作.0.数据.0.上年", "4")
    submit(browser, button(browser, "add:工作"))
    fill(browser, "工作.1.领域", "义务教育")
    fill(browser, first_box(browser, "工作.1.举措.0"), "推进集团化办学,组建城乡学校共同体")
    fill(browser, "工作.1.数据.0.项目", "课后服务参与学生")
    fill(browser, "工作.1.数据.0.数值", "很多")
    fill(browser, "工作.1.数据.0.单位", "人")
    fill(browser, "工作.1.数据.0.上年", "21800")
    submit(browser, browser.find_element("id", "preview"))

    # The figure it cannot read is named at its own field; everything typed so far is still there.
    message = browser.find_element("id", "err-工作.1.数据.0.数值").text
    assert "「数值」应当是一个数字,这里写的是「很多」" in message
    assert browser.find_element("id", "f-工作.0.数据.0.上年").get_attribute("value") == "4"
    assert not browser.find_elements("id", "draft")
    assert "有 1 处需要修改" in browser.find_element("id", "error-summary").text
    screenshot(browser, "form-summary.png")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", browser.find_element("id", "err-工作.1.数据.0.数值"))
    screenshot(browser, "form-error.png")

    fill(browser, "工作.1.数据.0.数值", "23400")
    submit(browser, browser.find_element("id", "preview"))
    assert not browser.find_elements("id", "error-summary")
    draft = browser.find_element("id", "draft").text.replace("\uff0c", ",")
    assert "青山县教育局" in draft
    assert "比上年增加2所" in draft
    assert "23400人" in draft and "增长7.3" in draft  # 23400 against 21800: computed, in any wording
    marks = [m.text for m in browser.find_elements("css selector", "#draft mark.placeholder")]
    assert any("成文日期" in m for m in marks)
    screenshot(browser, "preview.png")

    press(browser, "download-docx")
    path = downloaded(browser, ".docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs).replace("\uff0c", ",")
    assert "青山县教育局" in text
    assert "新建幼儿园" in text and "比上年增加2所" in text
    assert "23400人" in text and "增长7.3" in text
    assert "很多" not in text

    outside = [u for u in requested_urls(browser) if not u.startswith((server.url, "data:"))]
    assert outside == []


def test_example_facts_open_and_download_unchanged_inmeaning(server, browser):
    browser.get(server.url)
    browser.find_element("id", "facts-file").send_keys(str(EXAMPLE))
    submit(browser, browser.find_element("id", "open"))
    assert "已打开「半年总结-青山县.yaml」" in browser.find_element("css selector", ".note").text
    assert browser.find_element("id", "draft").is_displayed()
    screenshot(browser, "opened.png")
    press(browser, "download-yaml")
    saved = downloaded(browser, ".yaml")
    assert meaning(load_facts(saved)) == meaning(load_facts(EXAMPLE))
    # And the page opens its own file again.
    browser.get(server.url)
    again = browser.downloads.parent / "again.yaml"
    saved.rename(again)
    browser.find_element("id", "facts-file").send_keys(str(again))
    submit(browser, browser.find_element("id", "open"))
    assert "已打开「again.yaml」" in browser.find_element("css selector", ".note").text
    press(browser, "download-yaml")
    assert meaning(load_facts(downloaded(browser, ".yaml"))) == meaning(load_facts(EXAMPLE))
    outside = [u for u in requested_urls(browser) if not u.startswith((server.url, "data:"))]
    assert outside == []


def test_removing_a_filled_entry_asks_first(server, browser):
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(server.url)
    Select(browser.find_element("id", "kind")).select_by_visible_text("年度总结")
    submit(browser, browser.find_element("id", "new"))
    submit(browser, button(browser, "add:工作"))
    fill(browser, "工作.1.领域", "教师队伍")
    remove = button(browser, "remove:工作.1")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", remove)
    remove.click()
    alert = WebDriverWait(browser, 10).until(expected_conditions.alert_is_present())
    assert "确定删除" in alert.text
    alert.dismiss()
    assert browser.find_element("id", "f-工作.1.领域").get_attribute("value") == "教师队伍"
    page = browser.find_element("tag name", "html")
    button(browser, "remove:工作.1").click()
    WebDriverWait(browser, 10).until(expected_conditions.alert_is_present()).accept()
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(page))
    assert not browser.find_elements("id", "f-工作.1.领域")
    # An empty entry goes without a question.
    submit(browser, button(browser, "remove:工作.0"))
    assert not browser.find_elements("id", "f-工作.0.领域")
