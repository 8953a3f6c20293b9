"""The browser UI in real headless Chromium: the YASGUI query page, the graph view, the timeline.

Needs the system Chromium and chromedriver (never downloaded: Selenium Manager is bypassed by
naming the driver) and the vendored assets built by
`npm --prefix server/ui ci && npm --prefix server/ui run build`.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import requests

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

import scokg.server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SETUP_COMMAND = "scripts/setup.sh test"
VENDOR = Path(scokg.server.__file__).parent / "static" / "vendor"
VENDOR_FILES = ("yasgui/yasgui.min.js", "yasgui/yasgui.min.css", "cytoscape/cytoscape.min.js")
KAZ = "https://w3id.org/sco-kg/resource/state/kaz"
WAIT_S = 30


def _missing_requirement() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.exists() or shutil.which(str(program)) is None:
            return f"{program} is not installed (apt-get install chromium chromium-driver)"
    missing = [name for name in VENDOR_FILES if not (VENDOR / name).is_file()]
    if missing:
        return f"browser assets not built ({', '.join(missing)}); run `{SETUP_COMMAND}`"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    """Headless Chromium driven through the system chromedriver, logging its network requests."""
    reason = _missing_requirement()
    if reason and os.environ.get("SCOKG_REQUIRE_BROWSER"):  # set by .ci/run: CI must not skip them
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(WAIT_S)
    yield driver
    driver.quit()


def _wait(driver: WebDriver, condition, message: str):
    try:
        return WebDriverWait(driver, WAIT_S).until(condition)
    except TimeoutException:
        pytest.fail(f"timed out after {WAIT_S} s: {message}")


def _requested_urls(driver: WebDriver) -> list[str]:
    """Every URL the browser requested since the last call (the performance log is drained)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _assert_only_local_requests(driver: WebDriver, server_url: str) -> None:
    origin = urlsplit(server_url).netloc
    foreign = [url for url in _requested_urls(driver) if urlsplit(url).scheme != "data" and urlsplit(url).netloc != origin]
    assert foreign == [], f"the page fetched from outside the server: {foreign}"


def _open(driver: WebDriver, url: str) -> None:
    _requested_urls(driver)  # forget requests of earlier pages
    driver.get(url)


def _finished(element) -> bool:
    """Whether a script-drawn element has rendered or reported an error."""
    return element.get_attribute("data-rendered") == "true" or element.get_attribute("data-error") is not None


def _results_table_text(driver: WebDriver) -> str:
    return driver.execute_script("const t = document.querySelector('.yasr table'); return t ? t.innerText : '';")


def test_query_page_runs_a_query_against_the_server(browser: WebDriver, live_server) -> None:
    _open(browser, f"{live_server.url}/sparql")
    assert browser.title.startswith("SPARQL query")
    _wait(browser, lambda d: d.find_element(By.ID, "yasgui").get_attribute("data-ready") == "true", "YASGUI to start")
    default_query = browser.execute_script("return document.getElementById('yasgui').yasgui.getTab().getQuery();")
    assert "sco:scoRole" in default_query
    endpoint = browser.execute_script("return document.getElementById('yasgui').yasgui.getTab().getEndpoint();")
    assert endpoint == f"{live_server.url}/sparql"
    completers = browser.execute_script(
        "return document.getElementById('yasgui').yasgui.getTab().getYasqe().config.autocompleters;"
    )
    assert sorted(completers) == ["prefixes", "variables"]  # the class/property completers would ask LOV online

    query = (
        "PREFIX sco: <https://w3id.org/sco-kg/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        'SELECT DISTINCT ?en ?zh WHERE { ?state sco:iso3166Alpha3 "KAZ" ; rdfs:label ?en , ?zh .\n'
        '  FILTER(LANG(?en) = "en" && LANG(?zh) = "zh") }'
    )
    browser.execute_script("document.getElementById('yasgui').yasgui.getTab().setQuery(arguments[0]);", query)
    browser.find_element(By.CSS_SELECTOR, "#yasgui .yasqe_queryButton").click()
    _wait(browser, lambda d: "Kazakhstan" in _results_table_text(d), "the results table to show Kazakhstan")
    table = _results_table_text(browser)
    assert "哈萨克斯坦" in table
    rows = browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")
    assert len(rows) == 1  # the query typed here ran, not the default one (55 states)
    _assert_only_local_requests(browser, live_server.url)


def test_query_page_takes_its_query_from_the_url_fragment(browser: WebDriver, live_server) -> None:
    def editor_text(driver: WebDriver) -> str:
        return driver.execute_script("return document.getElementById('yasgui').yasgui.getTab().getQuery();")

    query = f"SELECT ?label WHERE {{ <{KAZ}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
    _open(browser, "about:blank")
    _open(browser, f"{live_server.url}/sparql#query={quote(query)}")
    _wait(browser, lambda d: d.find_element(By.ID, "yasgui").get_attribute("data-ready") == "true", "YASGUI to start")
    assert editor_text(browser) == query
    # A new fragment on the open page (as a share link followed there) replaces the query.
    other = "ASK { ?s ?p ?o }"
    browser.get(f"{live_server.url}/sparql#query={quote(other)}")
    _wait(browser, lambda d: editor_text(d) == other, "the editor to take the new query")


def test_resource_page_draws_its_neighbourhood_and_nodes_open_their_pages(browser: WebDriver, live_server) -> None:
    _open(browser, f"{live_server.url}/resource/state/kaz")
    view = browser.find_element(By.CSS_SELECTOR, "div.graph-view[data-elements-url]")
    _wait(browser, lambda d: _finished(view), "the graph view to render")
    assert view.get_attribute("data-error") is None
    node_count = int(view.get_attribute("data-node-count"))
    assert node_count > 1
    elements = requests.get(live_server.url + view.get_attribute("data-elements-url"), timeout=30).json()
    assert node_count == len(elements["elements"]["nodes"])
    labels = browser.execute_script(
        "return document.querySelector('div.graph-view').cytoscape.nodes().map(n => n.data('label'));"
    )
    assert "Kazakhstan" in labels
    _assert_only_local_requests(browser, live_server.url)

    # Click a neighbour's node where it is drawn; the browser goes to that neighbour's page.
    target = browser.execute_script(
        """const cy = document.querySelector('div.graph-view').cytoscape;
        const node = cy.nodes('[href]').filter(n => !n.data('centre')).first();
        const p = node.renderedPosition();
        return {x: p.x, y: p.y, href: node.data('href')};"""
    )
    canvas = browser.find_element(By.CSS_SELECTOR, "div.graph-view .graph-canvas")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, round(target["x"] - size["width"] / 2), round(target["y"] - size["height"] / 2)
    ).click().perform()
    _wait(browser, lambda d: d.current_url == target["href"], f"a click on the node to open {target['href']}")


def test_timeline_draws_a_chart_and_lists_a_years_items(browser: WebDriver, live_server) -> None:
    years = requests.get(f"{live_server.url}/timeline.json", timeout=30).json()["years"]
    assert years, "the corpus has dated meetings and documents"
    _open(browser, f"{live_server.url}/timeline")
    chart = browser.find_element(By.CSS_SELECTOR, "div.timeline-chart[data-timeline-url]")
    _wait(browser, lambda d: _finished(chart), "the timeline to render")
    assert chart.get_attribute("data-error") is None
    buttons = chart.find_elements(By.CSS_SELECTOR, "svg g.year[role='button']")
    drawn_years = sorted(int(button.get_attribute("data-year")) for button in buttons)
    assert drawn_years == sorted(year["year"] for year in years if year["items"])

    busiest = max(years, key=lambda year: len(year["items"]))
    button = chart.find_element(By.CSS_SELECTOR, f"svg g.year[data-year='{busiest['year']}']")
    assert f"{busiest['meetings']} meeting" in button.get_attribute("aria-label")
    browser.execute_script("arguments[0].scrollIntoView({inline: 'center'});", button)
    button.click()
    _wait(browser, lambda d: chart.find_elements(By.CSS_SELECTOR, ".timeline-items li"), "the year's items to be listed")
    listed = [link.text for link in chart.find_elements(By.CSS_SELECTOR, ".timeline-items li a")]
    assert listed == [item["label"] for item in busiest["items"]]
    assert button.get_attribute("aria-expanded") == "true"
    _assert_only_local_requests(browser, live_server.url)
