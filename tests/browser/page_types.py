"""Every page type a user can meet, as the persona who meets it, for the accessibility and
page-weight tests: one catalogue, one world of data, one logged-in browser state per persona.

The list was gathered from the URL map (`tests/routes/*.txt`): every GET route that renders
an HTML page, one representative per page type (a workspace's `/w/<code>/` twin renders the
same template as the demo's plain URL, so it is not listed twice; `/desk/` only redirects to
the inbox). JSON, CSV, ZIP and image routes are not pages. Page states are reached through a
small `act` after loading (a form sent empty, an action's disclosure opened), by clicking:
the keyboard has its own test (test_keyboard.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.facilitation.certificates import issue_certificate, set_required_scenarios
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort, shown_code
from sandbox.services.workspace.workspaces import find_workspace
from sandbox.workflow import Status
from sandbox.workflow.citizen_secret import seeded_secret
from tests.facilitator.planting import plant_attempt

TRAINEE = "trainee"  # not a demo persona: the world's trainee, signed in with a personal code
PIN = "4821"
LANGUAGES = ("sw", "en")
AXE = Axe()
SCENARIO = "kuthibitisha-kwa-wakati"  # the simplest shipped scenario: desk actions, two steps
PASSED = "pongezi-kama-pongezi"  # the trainee has passed this one (a certificate needs it)


def open_action(action: str) -> Callable[[Page], None]:
    """Open one desk action's disclosure (its form is what is checked)."""
    return lambda page: page.locator(f"#act-{action} summary").click()


def send_transfer_empty(page: Page) -> None:
    """Ask for a transfer without choosing where or why: the item page with its errors."""
    open_action("transfer_request")(page)
    with page.expect_navigation():
        page.locator("#act-transfer_request button[type=submit]").click()


def send_portal_empty(page: Page) -> None:
    """Send the citizen's feedback form empty: the form with its errors."""
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()


@dataclass(frozen=True)
class PageType:
    """One page as one persona sees it (None: an anonymous citizen)."""

    name: str
    persona: str | None
    path: str  # may hold {placeholders} from the world
    status: int = 200
    act: Callable[[Page], None] | None = None

    def url(self, world: dict) -> str:
        """The page's path with the world's ids filled in."""
        return self.path.format(**world)


COHORT = "/facilitator/cohorts/{cohort}"
PAGE_TYPES = [
    PageType("home", None, "/"),
    PageType("login", None, "/login"),
    PageType("portal-home", None, "/portal/"),
    PageType("portal-institutions", None, "/portal/institutions"),
    PageType("portal-form", None, "/portal/institutions/{institution}/feedback"),
    PageType(
        "portal-form-errors",
        None,
        "/portal/institutions/{institution}/feedback",
        422,  # the portal answers a form with errors 422 (sandbox/portal/views.py:submit)
        send_portal_empty,
    ),
    PageType("portal-track", None, "/portal/track?reference={responded_reference}"),
    PageType("portal-track-empty", None, "/portal/track"),
    PageType("ussd-phone", None, "/ussd/phone"),
    PageType("guides", None, "/guides"),
    PageType("guide", None, "/guides/{guide}"),
    PageType("join", None, "/join"),
    PageType("join-signin", None, "/join/signin"),
    PageType("verify", None, "/verify"),
    PageType("verify-code", None, "/verify/{certificate_code}"),
    PageType("error-404", None, "/no-such-page", 404),
    PageType("error-403", "afisa.dodoma", "/desk/identity-log", 403),
    PageType("desk-inbox", "afisa.dodoma", "/desk/feedback"),
    PageType("desk-item", "afisa.dodoma", "/desk/feedback/{working_item}"),
    PageType(
        "desk-transfer-form",
        "afisa.dodoma",
        "/desk/feedback/{working_item}",
        200,
        open_action("transfer_request"),
    ),
    PageType(
        "desk-transfer-errors",
        "afisa.dodoma",
        "/desk/feedback/{working_item}",
        422,
        send_transfer_empty,
    ),
    PageType(
        "desk-close-form",
        "afisa.dodoma",
        "/desk/feedback/{responded_item}",
        200,
        open_action("close"),
    ),
    PageType("desk-walk-in", "afisa.dodoma", "/desk/walk-in"),
    PageType("desk-templates", "mkuu.dodoma", "/desk/templates"),
    PageType("desk-reveal-log", "mkuu.dodoma", "/desk/identity-log"),
    PageType("sms-outbox", "mwezeshaji", "/sms/outbox"),
    PageType("reports", "mkuu.dodoma", "/reports/"),
    PageType("admin", "msimamizi", "/admin/"),
    PageType("admin-calendar", "msimamizi", "/admin/calendar"),
    PageType("accounts", "msimamizi", "/accounts/"),
    PageType("accounts-new", "msimamizi", "/accounts/new"),
    PageType("accounts-password", "msimamizi", "/accounts/{officer}/password"),
    PageType("training-me", TRAINEE, "/training/me"),
    PageType("training-scenarios", TRAINEE, "/training/scenarios"),
    PageType("training-scenario", TRAINEE, f"/training/scenarios/{SCENARIO}"),
    PageType("training-in-progress", TRAINEE, "/desk/feedback/{scenario_item}"),
    PageType("training-progress", TRAINEE, "/training/progress"),
    PageType("facilitator-cohorts", "mwezeshaji", "/facilitator/"),
    PageType("facilitator-hub", "mwezeshaji", COHORT),
    PageType("facilitator-edit", "mwezeshaji", COHORT + "/edit"),
    PageType("facilitator-trainees", "mwezeshaji", COHORT + "/trainees"),
    PageType("facilitator-join-sheet", "mwezeshaji", COHORT + "/join-sheet"),
    PageType("facilitator-room", "mwezeshaji", COHORT + "/room"),
    PageType("facilitator-enrol", "mwezeshaji", COHORT + "/enrol"),
    PageType("facilitator-clock", "mwezeshaji", COHORT + "/clock"),
    PageType("facilitator-shared", "mwezeshaji", COHORT + "/shared"),
    PageType("facilitator-resets", "mwezeshaji", COHORT + "/resets"),
    PageType("facilitator-export", "mwezeshaji", COHORT + "/export"),
    PageType("facilitator-import", "mwezeshaji", "/facilitator/import"),
    PageType("facilitator-certificates", "mwezeshaji", COHORT + "/certificates"),
    PageType("facilitator-certificate", "mwezeshaji", COHORT + "/certificates/{certificate}"),
    PageType("facilitator-sheet", "mwezeshaji", COHORT + "/sheet"),
    PageType("facilitator-charts", "mwezeshaji", COHORT + "/charts"),
]
BY_NAME = {p.name: p for p in PAGE_TYPES}


def _demo_item(status: Status) -> Feedback:
    """An item of Dodoma City Council in the demo world with this status."""
    return db.session.scalar(
        sa.select(Feedback)
        .join(Institution, Institution.id == Feedback.institution_id)
        .where(
            Feedback.workspace_id == find_workspace("demo").id,
            Institution.code == "DODOMA_CC",
            Feedback.status == status,
            Feedback.transfer_target_id.is_(None),
        )
        .order_by(Feedback.id)
        .limit(1)
    )


@pytest.fixture(scope="session")
def page_world(live_app) -> dict:
    """The ids the pages need: demo items, a cohort with one trainee, a certificate."""
    with live_app.app_context():
        facilitator = find_username("mwezeshaji")
        cohort = create_cohort(
            "Warsha ya Ufikivu", seed=8, start=date(2026, 11, 16), facilitator=facilitator
        )
        set_required_scenarios(cohort, [PASSED])
        trainee = join_cohort(JoinRequest(cohort.join_code, "Amani Ufikivu", PIN))
        plant_attempt(trainee, PASSED, 1.0, success=True)
        certificate = issue_certificate(cohort, trainee.id, facilitator)
        responded = _demo_item(Status.RESPONDED)
        officer = db.session.scalar(sa.select(User).where(User.username == "afisa.dodoma"))
        world = {
            "cohort": cohort.id,
            "trainee_code": shown_code(trainee),
            "certificate": certificate.id,
            "certificate_code": certificate.code,
            "institution": responded.institution_id,
            "responded_item": responded.id,
            "responded_reference": responded.reference,
            "responded_secret": seeded_secret(find_workspace("demo").seed, responded.reference),
            "working_item": _demo_item(Status.ACKNOWLEDGED).id,
            "officer": officer.id,
            "guide": "closing",
        }
        db.session.remove()
    return world


def log_in_persona(page: Page, persona: str, world: dict) -> None:
    """Sign in on the Swahili forms: a demo persona by password, the trainee by code + PIN."""
    if persona == TRAINEE:
        page.goto("/lang/sw?next=/join/signin")
        page.get_by_label("Msimbo wako binafsi").fill(world["trainee_code"])
        page.get_by_label("PIN", exact=True).fill(PIN)
        page.get_by_role("button", name="Ingia", exact=True).click()
        return
    page.goto("/lang/sw?next=/login")
    page.get_by_label("Jina la mtumiaji").fill(persona)
    page.get_by_label("Nenosiri").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Ingia").click()
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture(scope="session")
def persona_states(browser: Browser, live_server: str, page_world: dict) -> dict:
    """Each persona's signed-in browser state (cookies) in each language, made once per
    session; the trainee has started the scenario, so its item is on their desk."""
    states: dict[tuple[str | None, str], dict] = {}
    for persona in [None, *sorted({p.persona for p in PAGE_TYPES} - {None})]:
        context = browser.new_context(base_url=live_server)
        page = context.new_page()
        if persona is not None:
            log_in_persona(page, persona, page_world)
        if persona == TRAINEE:
            page_world["scenario_item"] = start_scenario(page)
        for lang in LANGUAGES:
            context.request.get(f"/lang/{lang}", max_redirects=0)
            states[persona, lang] = context.storage_state()
        context.close()
    return states


def start_scenario(page: Page) -> int:
    """Start the scenario from its page; the id of its first item on the trainee's desk."""
    page.goto(f"/training/scenarios/{SCENARIO}")
    with page.expect_navigation():
        page.locator("main form[action$='/start'] button[type=submit]").click()
    href = page.locator("#items-heading + ul a").first.get_attribute("href")
    return int(href.rstrip("/").split("/")[-1].split("?")[0])


@dataclass(frozen=True)
class Measurement:
    """What one load of a page type in one language showed."""

    status: int
    lang: str | None  # the page's <html lang>
    weights: dict[str, int]  # resource type (document, stylesheet, script) -> bytes
    outside: list[str]  # every request to a host other than the test server
    violations: list[dict]  # axe-core's violations, every impact

    @property
    def kilobytes(self) -> float:
        """HTML + CSS + JS fetched for the page, in KB."""
        return sum(self.weights.values()) / 1024


COUNTED = ("document", "stylesheet", "script")


def measure(browser: Browser, live_server: str, state: dict, url: str, act) -> Measurement:
    """Load a page in a fresh context (a cold cache) with its network log, act, run axe."""
    context = browser.new_context(base_url=live_server, storage_state=state)
    page = context.new_page()
    requests, responses = [], []
    page.on("request", lambda request: requests.append(request))
    page.on("response", lambda response: responses.append(response))
    status = page.goto(url).status
    weights = weigh(responses, live_server)
    if act is not None:  # Chromium logs CSS and JS again (from its cache): a cold weight
        responses.clear()
        act(page)
        documents = [r for r in responses if r.request.resource_type == "document"]
        if documents:  # a form was sent: the page it led to, as logged
            status, weights = documents[-1].status, weigh(responses, live_server)
    violations = AXE.run(page).response["violations"]
    outside = [r.url for r in requests if not r.url.startswith(live_server + "/")]
    lang = page.locator("html").get_attribute("lang")
    context.close()
    return Measurement(status, lang, weights, outside, violations)


def weigh(responses: list, live_server: str) -> dict[str, int]:
    """Bytes of HTML, CSS and JS in these responses from the server (redirects carry none)."""
    weights = dict.fromkeys(COUNTED, 0)
    for response in responses:
        kind = response.request.resource_type
        if kind in COUNTED and response.url.startswith(live_server) and response.status // 100 != 3:
            weights[kind] += len(response.body())
    return weights


@pytest.fixture(scope="session")
def measured(browser: Browser, live_server: str, persona_states: dict, page_world: dict):
    """Each page type in each language loaded once per session, whichever test asks first."""
    cache: dict[tuple[str, str], Measurement] = {}

    def get(page_type: PageType, lang: str) -> Measurement:
        key = page_type.name, lang
        if key not in cache:
            state = persona_states[page_type.persona, lang]
            url = page_type.url(page_world)
            cache[key] = measure(browser, live_server, state, url, page_type.act)
        return cache[key]

    return get
