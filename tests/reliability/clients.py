"""What each client process does against the real servers: a browser's requests, no app code.

Run in processes started with ``spawn`` (tests/reliability/hall.py): this module imports only
the standard library and ``requests``, so a process starts in a fraction of a second. Each
function returns a list of plain tuples (what the test counts); it never raises for an answer
it did not expect, it records it.
"""

from __future__ import annotations

from html.parser import HTMLParser

import requests

CONFLICT_SW = "Mtu mwingine amebadilisha"  # the flash of a lost race (VersionConflict, Swahili)
PORTAL_TEXT = "Taa za barabarani hazijawaka"  # the start of every complaint sent
TIMEOUT = 120  # seconds one request may take before it counts as failed (never expected)


class _Forms(HTMLParser):
    """Every form of a page: its action and the values of its named inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        found = dict(attrs)
        if tag == "form":
            self._current = self.forms.setdefault(found.get("action") or "", {})
        elif tag == "input" and self._current is not None and self._is_kept(found):
            self._current[found["name"]] = found.get("value") or ""

    @staticmethod
    def _is_kept(found: dict) -> bool:
        """A named input whose value a browser sends as it is (not a choice, not a button)."""
        return bool(found.get("name")) and found.get("type") not in ("radio", "checkbox", "submit")

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self._current = None


def form_fields(html: str, action_ends: str = "") -> dict[str, str]:
    """The named inputs (hidden ones: CSRF token, form key, version) of the form whose action
    ends with ``action_ends`` (no ``action_ends``: the form that posts to its own page);
    empty when the page has no such form."""
    parser = _Forms()
    parser.feed(html)
    for action, fields in parser.forms.items():
        path = action.split("?")[0]
        if path.endswith(action_ends) if action_ends else not path:
            return fields
    return {}


def _answer(response: requests.Response) -> tuple[int, str, str]:
    """(status, where a redirect leads, a short note: the conflict flash, a lock, or '')."""
    text = response.text
    note = "conflict" if CONFLICT_SW in text else ""
    if "database is locked" in text.lower():
        note = "locked"
    return response.status_code, response.headers.get("Location", ""), note


def _failed(error: Exception) -> tuple[int, str, str]:
    """A request that got no answer at all (refused, reset, timed out)."""
    return 0, "", f"no answer: {type(error).__name__}"


def sign_in(base: str, username: str, password: str) -> requests.Session:
    """A browser session signed in as ``username`` (raises when the login is refused)."""
    browser = requests.Session()
    page = browser.get(f"{base}/login", timeout=TIMEOUT)
    fields = form_fields(page.text)
    fields.update(username=username, password=password)
    answer = browser.post(f"{base}/login", data=fields, allow_redirects=False, timeout=TIMEOUT)
    if answer.status_code != 302:
        raise RuntimeError(f"{username} could not sign in: {answer.status_code}")
    return browser


def race_acknowledgements(base, username, password, item_ids, barrier) -> list[tuple]:
    """For each item: open its page, wait for every racer, press Acknowledge; the answers."""
    browser = sign_in(base, username, password)
    answers = []
    for item_id in item_ids:
        page = browser.get(f"{base}/desk/feedback/{item_id}", timeout=TIMEOUT)
        fields = form_fields(page.text, f"/desk/feedback/{item_id}/actions/acknowledge")
        barrier.wait(timeout=TIMEOUT)
        answers.append(
            _post(browser, f"{base}/desk/feedback/{item_id}/actions/acknowledge", fields)
        )
    return answers


def _post(browser: requests.Session, url: str, fields: dict) -> tuple[int, str, str]:
    """POST a form without following the redirect; the answer, or a failure recorded."""
    try:
        return _answer(browser.post(url, data=fields, allow_redirects=False, timeout=TIMEOUT))
    except requests.RequestException as error:
        return _failed(error)


def acknowledge_each(base, username, password, item_ids, barrier) -> list[tuple]:
    """Acknowledge items nobody else touches, one after another (desk writes in a busy hall)."""
    browser = sign_in(base, username, password)
    barrier.wait(timeout=TIMEOUT)
    answers = []
    for item_id in item_ids:
        page = browser.get(f"{base}/desk/feedback/{item_id}", timeout=TIMEOUT)
        fields = form_fields(page.text, f"/desk/feedback/{item_id}/actions/acknowledge")
        answers.append(
            _post(browser, f"{base}/desk/feedback/{item_id}/actions/acknowledge", fields)
        )
    return answers


def join_each(base, join_code, names, barrier) -> list[tuple]:
    """Each name joins the cohort from a browser of its own (a trainee's phone), in turn."""
    barrier.wait(timeout=TIMEOUT)
    answers = []
    for name in names:
        phone = requests.Session()
        try:
            page = phone.get(f"{base}/join", timeout=TIMEOUT)
        except requests.RequestException as error:
            answers.append(_failed(error))
            continue
        fields = form_fields(page.text)
        fields.update(join_code=join_code, name=name, pin="4821", pin_confirm="4821")
        answers.append(_post(phone, f"{base}/join", fields))
    return answers


def submit_each(base, institution_id, category_id, count, barrier) -> list[tuple]:
    """A citizen's browser sends ``count`` complaints from the portal form, one at a time."""
    barrier.wait(timeout=TIMEOUT)
    citizen = requests.Session()
    url = f"{base}/portal/institutions/{institution_id}/feedback"
    answers = []
    for number in range(count):
        try:
            page = citizen.get(url, timeout=TIMEOUT)
        except requests.RequestException as error:
            answers.append(_failed(error))
            continue
        fields = form_fields(page.text, f"/institutions/{institution_id}/feedback")
        fields.update(
            type="complaint",
            complainant_type="anonymous",
            category=str(category_id),
            description=f"{PORTAL_TEXT}, ombi namba {number}.",
        )
        answers.append(_post(citizen, url, fields))
    return answers


def run_one(target, args, barrier, index, results) -> None:
    """A client process: run ``target`` and send back (index, answers or the error's text).

    Here, not in hall.py, so that a spawned process imports only this light module."""
    try:
        results.put((index, target(*args, barrier)))
    except Exception as error:  # sent to the test, which fails with it
        results.put((index, f"{type(error).__name__}: {error}"))
