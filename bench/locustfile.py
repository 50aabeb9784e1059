"""Locust users for bench/load_bench.py (not a test): the bare page, the inbox, a workshop hall.

Each simulated user is a browser: it keeps its cookies, reads the CSRF token from the form
it was shown and sends it back, and thinks between clicks. After each page it asks for the
page's CSS, JS and icon as a browser does: not at all while its copy is fresh (max-age),
else conditionally (If-None-Match, answered 304 when unchanged).

    BarePage                    GET / of bench/bare_app.py, no pause
    BareHall                    the bare page and step, pausing BENCH_THINK seconds (the
                                workshop mix's baseline: as many users, the same pauses)
    InboxReader                 an officer reading /desk/feedback, no pause
    DeskOfficer Citizen UssdCaller   the workshop mix (fixed counts from BENCH_DESK,
                                BENCH_CITIZENS, BENCH_USSD), pausing BENCH_THINK seconds

A USSD phone pauses BENCH_USSD_PAUSE seconds (2,5) between screens; bench/scaling_bench.py
sets both pauses to 0 to keep every server process busy.

A desk user who is not logged in within BENCH_LOGIN_DEADLINE seconds (5) of starting is one
failure of the request named "login within 5 s of start"; a login that never answers is cut
at that deadline, so a user who cannot get in is counted, never silently waiting.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import time
from urllib.parse import urlsplit

import gevent
from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

DEMO_PASSWORD = "mafunzo2024"  # sandbox/seeding/personas.py (the demo world's shared password)
OFFICERS = os.environ.get(
    "BENCH_OFFICERS", "afisa.dodoma,afisa.tanesco,afisa.ruwasa,mkuu.dodoma,mkuu.tanesco"
).split(",")
READER = os.environ.get("BENCH_READER", "afisa.dodoma")
LOGIN_DEADLINE = float(os.environ.get("BENCH_LOGIN_DEADLINE", "5"))
THINK = tuple(float(s) for s in os.environ.get("BENCH_THINK", "3,10").split(","))
USSD_PAUSE = tuple(float(s) for s in os.environ.get("BENCH_USSD_PAUSE", "2,5").split(","))
LOGIN_NAME = f"login within {LOGIN_DEADLINE:g} s of start"
SEARCHES = ("tanesco", "dodoma", "ruwasa", "maji", "afya", "elimu")
DESCRIPTIONS = (
    "Maji hayatoki bombani kwa wiki mbili sasa, tunaomba msaada.",
    "Umeme umekatika Mbagala tangu jana usiku bila taarifa.",
    "Naomba kujua lini barabara ya mtaa wetu itatengenezwa.",
    "Asanteni kwa huduma nzuri ya zahanati ya kata yetu.",
)

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')
MAX_AGE = re.compile(r"max-age=(\d+)")
ITEM_LINK = re.compile(r'href="/desk/feedback/(\d+)"')
ACTION_FORM = re.compile(
    r'<form method="post" action="(/desk/feedback/\d+/actions/(\w+))".*?</form>', re.S
)
HIDDEN = re.compile(r'name="([\w-]+)" type="hidden" value="([^"]*)"')
INSTITUTION_LINK = re.compile(r'href="/portal/institutions/(\d+)/feedback"')
CATEGORY = re.compile(r'name="category"[^>]*>.*?<option value="(\d+)"', re.S)
FORM_KEY = re.compile(r'name="form_key" type="hidden" value="([^"]*)"')
REFERENCE = re.compile(r"MRJ-T[A-Z]*-\d{4}-\d{6}")
_officers = itertools.cycle(OFFICERS)
_sessions = itertools.count(1)


def _path(location: str) -> str:
    """The path and query of a redirect's Location (absolute or not)."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Browser(FastHttpUser):
    """A browser on the hall's network: cookies, CSRF tokens, assets fetched once."""

    abstract = True
    max_retries = 0
    network_timeout = 60.0
    connection_timeout = 60.0

    def on_start(self) -> None:
        """Remember when this user started (the login deadline counts from here)."""
        self.started = time.monotonic()
        self.cached: dict[str, tuple[str, float]] = {}  # path: (etag, fresh until)

    def page(self, path: str, name: str) -> str:
        """GET an HTML page, then its assets as a browser's cache would; the page's text."""
        html = self.client.get(path, name=name).text or ""
        self.fetch_assets(html)
        return html

    def fetch_assets(self, html: str) -> None:
        """Each asset of a page: skipped while fresh, else revalidated or fetched."""
        now = time.monotonic()
        for path in sorted(set(STATIC.findall(html))):
            etag, fresh_until = self.cached.get(path, ("", 0.0))
            if fresh_until > now:
                continue
            headers = {"If-None-Match": etag} if etag else {}
            name = "static asset (revalidated)" if etag else "static asset"
            answer = self.client.get(path, name=name, headers=headers)
            age = MAX_AGE.search(answer.headers.get("Cache-Control", "") or "")
            kept = int(age.group(1)) if age else 0
            self.cached[path] = (answer.headers.get("ETag", "") or etag, now + kept)

    def log_in(self, username: str, first_page: str) -> bool:
        """Fetch the form, post it with its token, open the page the login leads to."""
        token = CSRF.search(self.page("/login", "login form"))
        if not token:
            return False
        with self.client.post(
            "/login",
            data={"csrf_token": token.group(1), "username": username, "password": DEMO_PASSWORD},
            name="login (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login answered {answer.status_code}")
                return False
        answer = self.client.get(first_page, name="page after login")
        self.fetch_assets(answer.text or "")
        return answer.status_code == 200

    def log_in_by_deadline(self, username: str, first_page: str) -> None:
        """Log in; report one LOGIN event: success only when in by the deadline."""
        left = LOGIN_DEADLINE - (time.monotonic() - self.started)
        ok = False
        with gevent.Timeout(max(left, 0.001), False):
            ok = self.log_in(username, first_page)
        elapsed = time.monotonic() - self.started
        in_time = ok and elapsed <= LOGIN_DEADLINE
        problem = None if in_time else RuntimeError(f"not logged in after {elapsed:.1f} s")
        self.environment.events.request.fire(
            request_type="LOGIN",
            name=LOGIN_NAME,
            response_time=elapsed * 1000,
            response_length=0,
            exception=problem,
            context={},
        )
        self.logged_in = ok
        while not self.logged_in:  # a late user keeps trying, as a trainee would
            gevent.sleep(1)
            self.logged_in = self.log_in(username, first_page)


class BarePage(Browser):
    """The baseline: bench/bare_app.py's page of 20 rows, requested without pause."""

    wait_time = constant(0)

    @task
    def page(self) -> None:
        """GET the bare page."""
        self.client.get("/", name="bare page")


class BareHall(FastHttpUser):
    """The workshop's baseline: the hall's number of users, pausing as long (BENCH_THINK),
    on bench/bare_app.py: its page (a read) three times to each step (a read-update-commit,
    what a desk action or a USSD step does at its least)."""

    wait_time = between(*THINK)
    max_retries = 0
    network_timeout = 60.0
    connection_timeout = 60.0

    @task(3)
    def page(self) -> None:
        """GET the bare page."""
        self.client.get("/", name="bare page")

    @task(1)
    def step(self) -> None:
        """POST one bare step on a random row."""
        self.client.post("/step", data={"id": random.randint(1, 100_000)}, name="bare step")


class InboxReader(Browser):
    """An officer reading the inbox without pause (BENCH_READER, afisa.dodoma)."""

    wait_time = constant(0)

    def on_start(self) -> None:
        """Log in once."""
        super().on_start()
        self.log_in(READER, "/desk/feedback")

    @task
    def inbox(self) -> None:
        """GET the inbox."""
        self.client.get("/desk/feedback", name="inbox")


class DeskOfficer(Browser):
    """A trainee at the desk: the inbox, items, an action now and then."""

    fixed_count = int(os.environ.get("BENCH_DESK", "60"))
    wait_time = between(*THINK)

    def on_start(self) -> None:
        """Log in as one of the demo officers, by the deadline."""
        super().on_start()
        self.item_ids: list[str] = []
        self.log_in_by_deadline(next(_officers), "/desk/feedback")

    def remember_items(self, html: str) -> None:
        """The item links of an inbox page."""
        self.item_ids = ITEM_LINK.findall(html) or self.item_ids

    @task(3)
    def inbox(self) -> None:
        """The inbox's first page."""
        self.remember_items(self.page("/desk/feedback", "inbox"))

    @task(1)
    def inbox_tab(self) -> None:
        """Another tab, or a search."""
        query = random.choice(("?tab=overdue", "?tab=mine", "?tab=all", "?q=maji", "?page=2"))
        self.remember_items(self.page(f"/desk/feedback{query}", "inbox tab"))

    @task(3)
    def item(self) -> None:
        """One item's page."""
        if self.item_ids:
            self.page(f"/desk/feedback/{random.choice(self.item_ids)}", "item page")

    @task(1)
    def act(self) -> None:
        """Acknowledge or start an item when offered, else add an internal note."""
        if not self.item_ids:
            return
        html = self.page(f"/desk/feedback/{random.choice(self.item_ids)}", "item page")
        forms = {name: (url, body) for url, name, body in _action_forms(html)}
        name = next((n for n in ("acknowledge", "start", "note") if n in forms), None)
        if name is None:
            return
        url, body = forms[name]
        data = dict(HIDDEN.findall(body))
        data[f"{name}-submit"] = "1"
        if name == "note":
            data["note-text"] = "Nimewasiliana na idara husika; tunafuatilia."
        with self.client.post(
            url, data=data, name=f"act: {name}", allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code == 409:  # another trainee acted first: a message, not a fault
                answer.success()
            elif answer.status_code != 302:
                answer.failure(f"{name} answered {answer.status_code}")
                return
            else:
                self.page(_path(answer.headers["Location"]), "item page")


def _action_forms(html: str):
    """(url, action name, form body) of each action form on an item page."""
    return [(m.group(1), m.group(2), m.group(0)) for m in ACTION_FORM.finditer(html)]


class Citizen(Browser):
    """A role-played citizen on the portal: find an institution, submit, track."""

    fixed_count = int(os.environ.get("BENCH_CITIZENS", "60"))
    wait_time = between(*THINK)

    def on_start(self) -> None:
        """Open the portal."""
        super().on_start()
        self.references: list[str] = []
        self.page("/portal/", "portal home")

    @task(2)
    def submit(self) -> None:
        """Search, open the form, send it with its token and key, see the confirmation."""
        query = random.choice(SEARCHES)
        found = self.page(f"/portal/institutions?q={query}", "institution search")
        ids = INSTITUTION_LINK.findall(found)
        if not ids:
            return
        url = f"/portal/institutions/{random.choice(ids)}/feedback"
        form = self.page(url, "feedback form")
        token, key, category = CSRF.search(form), FORM_KEY.search(form), CATEGORY.search(form)
        if not (token and key and category):
            return
        data = {
            "csrf_token": token.group(1),
            "form_key": key.group(1),
            "type": random.choice(("complaint", "suggestion", "inquiry", "compliment")),
            "complainant_type": "anonymous",
            "category": category.group(1),
            "description": random.choice(DESCRIPTIONS),
        }
        with self.client.post(
            url, data=data, name="submit feedback", allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"submit answered {answer.status_code}")
                return
            location = _path(answer.headers["Location"])
        found_ref = REFERENCE.search(self.page(location, "confirmation"))
        if found_ref:
            self.references.append(found_ref.group(0))

    @task(2)
    def track(self) -> None:
        """Track one of this citizen's references (or the demo's first)."""
        reference = random.choice(self.references or ["MRJ-T-2026-000001"])
        self.page(f"/portal/track?reference={reference}", "track")


class UssdCaller(FastHttpUser):
    """A basic phone through the gateway: POST /ussd, Africa's Talking's callback, step by step."""

    fixed_count = int(os.environ.get("BENCH_USSD", "30"))
    wait_time = between(*THINK)
    max_retries = 0

    def on_start(self) -> None:
        """A phone number of its own."""
        self.phone = f"+2557{random.randrange(10**8):08d}"
        self.references: list[str] = []

    def step(self, session_id: str, inputs: list[str], name: str) -> str:
        """One gateway callback; the screen (CON … / END …)."""
        data = {
            "sessionId": session_id,
            "serviceCode": "*152*00#",
            "phoneNumber": self.phone,
            "text": "*".join(inputs),
            "networkCode": "64004",
        }
        with self.client.post("/ussd", data=data, name=name, catch_response=True) as answer:
            text = answer.text or ""
            if answer.status_code != 200 or not text.startswith(("CON ", "END ")):
                answer.failure(f"USSD answered {answer.status_code}: {text[:40]!r}")
        gevent.sleep(random.uniform(*USSD_PAUSE))  # reading the screen, typing the next answer
        return text

    @task(3)
    def submit(self) -> None:
        """*152*00# → 9 → 2: a complaint to TANESCO, anonymous, confirmed."""
        session_id = f"ATUid_bench_{os.getpid()}_{next(_sessions)}"
        walk = ["9", "2", "1", "tanesco", "1", random.choice(DESCRIPTIONS)[:80], "2"]
        for done in range(len(walk) + 1):
            self.step(session_id, walk[:done], "ussd step")
        end = self.step(session_id, [*walk, "1"], "ussd submit (last step)")
        found = REFERENCE.search(end)
        if found:
            self.references.append(found.group(0))

    @task(1)
    def track(self) -> None:
        """*152*00# → 9 → 1 → a reference."""
        session_id = f"ATUid_bench_{os.getpid()}_{next(_sessions)}"
        reference = random.choice(self.references or ["MRJ-T-2026-000001"])
        for inputs in ([], ["9"], ["9", "1"]):
            self.step(session_id, inputs, "ussd step")
        self.step(session_id, ["9", "1", reference], "ussd track (last step)")
