"""Drives Debian's headless Chromium through the reading room for ReadingRoomBrowserTests.

Usage: room_browser.py BASE_URL  < steps.json  > results.json

steps.json is a list of steps, each an object with "op":
  {"op": "get", "path": "/search?q=..."}                         open a page
  {"op": "login", "name": N, "password": P}                      sign in through the form
  {"op": "submit", "form": "form.correct", "fields": {k: v}}     fill a form's fields and send it
  {"op": "script", "js": "return ..."}                           run JavaScript in the page (the driver's,
                                                                 outside the page's CSP); its value is kept
  {"op": "screenshot", "path": "/abs/file.png"}                  save what the browser shows
Each step's result is {"url": ..., "dom": the serialized DOM, "title": ..., "value": the script's value}; errors end the run with exit 1.
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def click_and_wait(driver, button):
    """Clicks a form's button and waits until the browser has left the page: a click returns as soon
    as it is dispatched, and the page read right after it may still be the old one (seen in CI)."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(page))


def main():
    base = sys.argv[1].rstrip("/")
    steps = json.load(sys.stdin)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1400", "--lang=vi-VN", "--no-first-run"):
        options.add_argument(argument)
    # The room's language follows Accept-Language: Vietnamese, as its readers' browsers send.
    options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    results = []
    try:
        for step in steps:
            op = step["op"]
            value = None
            if op == "get":
                driver.get(base + step["path"])
            elif op == "login":
                driver.get(base + "/login")
                driver.find_element(By.NAME, "name").send_keys(step["name"])
                driver.find_element(By.NAME, "password").send_keys(step["password"])
                click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.login button"))
            elif op == "submit":
                form = driver.find_element(By.CSS_SELECTOR, step["form"])
                for name, value in step.get("fields", {}).items():
                    field = form.find_element(By.NAME, name)
                    if field.tag_name == "select":
                        driver.execute_script("arguments[0].value = arguments[1]", field, value)
                    else:
                        field.clear()
                        field.send_keys(value)
                click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button"))
            elif op == "script":
                value = driver.execute_script(step["js"])
            elif op == "screenshot":
                driver.save_screenshot(step["path"])
            else:
                raise ValueError("unknown step " + op)
            results.append({"url": driver.current_url, "title": driver.title, "dom": driver.page_source, "value": value})
    finally:
        driver.quit()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
