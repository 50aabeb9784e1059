"""Identity never reaches a role that may not see it: crawl everything as every role.

With identified and anonymous items present (a seeded demo world plus items planted through
the portal, USSD, SMS and Open311), every GET route of ``app.url_map`` is requested with real
ids, plus the CSV exports, the Open311 JSON answers, the SMS log (and its ``?phone=`` filter),
the phone emulator's inbox (and its ``?phone=``) and every log line, as visitor, officer,
head, leader, ICT officer, facilitator, stakeholder, admin and trainee. No GET answer may
show a complainant's name, phone (any format) or e-mail: identity is shown only by a POST
reveal with a reason, and every reveal must be in the audit log.
"""

from __future__ import annotations

import html
import io
import itertools
import logging
import re
import zipfile
from urllib.parse import parse_qsl, quote, quote_plus, urlsplit

import pytest
import sqlalchemy as sa
from flask import current_app

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, SmsMessage, User
from sandbox.models.desk import IdentityReveal
from sandbox.proposals.enums import Helpfulness, Side
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.channels import sms_log
from sandbox.services.channels.api_keys import DEMO_API_KEY, ensure_api_key
from sandbox.services.desk.confidentiality import PHONE_LIKE, national_number
from sandbox.services.feedback.lifecycle import Submission, submit_feedback
from sandbox.services.people.users import find_username
from sandbox.services.preview.feedback import Answer, asked, save_feedback
from sandbox.services.preview.invitations import create_invitation
from sandbox.services.preview.pairs import ensure_pair, work_in
from sandbox.services.preview.proposals import proposal_by_key, sync_proposals
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.workflow import Channel, ComplainantType, FeedbackType, Role
from tests.desk.factories import make_user
from tests.ussd.conftest import Dialler, forget_workspace

PREVIEW_PLANTED = {  # in the stakeholder's own AFTER world: shown only by a reveal there too
    "name": "Saada Kipreview Mwinyijuma",
    "phone": "+255783456789",
    "email": "saada.kipreview@example.org",
}
PREVIEW_KEY = "auto-escalation"
PLANTED = {
    "name": "Zuhura Kisangawe Mwinyimkuu",
    "phone": "+255787654321",
    "email": "zuhura.kisangawe@example.org",
}
ANONYMOUS_PHONE = "+255787000555"  # dials USSD and stays anonymous
SMS_PHONE = "+255767111222"  # texts a complaint (the number is the identity)
TRAINEE_PHONE = "+255768123987"  # a trainee's own number, given when joining a cohort
TRAINEE_HOME = "Halmashauri ya Wilaya ya Bahi"  # the trainee's own institution
ROLES = {
    "visitor": None,
    "officer": "afisa.dodoma",
    "head": "mkuu.dodoma",
    "leader": "kiongozi.dodoma",
    "ict_officer": "tehama.dodoma",
    "facilitator": "mwezeshaji",
    "stakeholder": "mdau",
    "admin": "msimamizi",
    "trainee": "mwanafunzi",
}
MAY_REVEAL = {"head", "trainee"}  # Capability.REVEAL_IDENTITY, with the item in scope
RUN_THE_COHORT = {"facilitator", "admin"}  # see its trainees' own phone and institution
REASON = "Kumpigia simu kuhusu lalamiko lake"


class World:
    """The crawled world: ids to fill URLs with and the identities that must not leak."""

    def __init__(self, demo):
        self.demo = demo
        self.invitation_id, previewed = _preview_with_an_opinion()
        self.identified = _submit_planted(demo)
        self.anonymous_reference = _dial_anonymously()
        self.sms_reference = _text_a_complaint()
        rows = db.session.execute(
            sa.select(
                Feedback.complainant_name, Feedback.complainant_phone, Feedback.complainant_email
            )
        ).all()
        staff = set(db.session.scalars(sa.select(User.display_name)))
        self.names = {r[0] for r in rows if r[0] and r[0] not in staff}
        self.emails = {r[2] for r in rows if r[2]}
        self.phones = {national_number(r[1]) for r in rows if r[1]} | {
            national_number(ANONYMOUS_PHONE)
        }
        self.phones.discard(national_number("+255712000111"))  # the emulator's example number
        seeded = db.session.scalars(
            sa.select(Feedback.id).where(Feedback.complainant_name.is_not(None)).limit(2)
        ).all()
        self.feedback_ids = [self.identified.id, *seeded, self._id_of(self.anonymous_reference)]
        self.feedback_ids.append(previewed.id)
        self.references = [self.identified.reference, self.anonymous_reference, self.sms_reference]
        self.references.append(previewed.reference)
        self.previewed = previewed

    @staticmethod
    def _id_of(reference: str) -> int:
        return db.session.scalar(sa.select(Feedback.id).where(Feedback.reference == reference))

    trainee_data: frozenset[str] | set[str] = frozenset()

    def leaks(self, text: str, trainee_data_allowed: bool = False) -> list[str]:
        """Every complainant name, e-mail or phone (any format) found in a text, and the
        trainee's own phone and institution unless allowed."""
        text = html.unescape(text)
        names = set(self.names) | (set() if trainee_data_allowed else self.trainee_data)
        phones = set(self.phones) | (set() if trainee_data_allowed else self.trainee_data)
        found = [n for n in names if n in text] + [e for e in self.emails if e in text]
        numbers = {national_number(m) for m in PHONE_LIKE.findall(text)}
        return sorted(found) + sorted(numbers & phones)


def _submit_planted(demo) -> Feedback:
    """An identified web item at Dodoma City Council (the demo officer's institution)."""
    dodoma = db.session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))
    return submit_feedback(
        demo,
        Submission(
            type=FeedbackType.COMPLAINT,
            complainant_type=ComplainantType.CITIZEN,
            channel=Channel.WEB,
            institution_id=dodoma.id,
            region_id=dodoma.region_id,
            description="Maji hayatoki bombani kwa wiki mbili.",
            **PLANTED,
        ),
    )


def _preview_with_an_opinion() -> tuple[int, Feedback]:
    """The stakeholder working in the AFTER world of a proposal's pair, with an identified
    item planted there, and their opinion; returns a fresh invitation's id and the item."""
    sync_proposals()
    stakeholder = find_username("mdau")
    pair = ensure_pair(stakeholder, proposal_by_key(PREVIEW_KEY))
    institution = db.session.get(Institution, stakeholder.institution_id)
    work_in(stakeholder, pair, Side.AFTER)
    item = submit_feedback(
        pair.workspace(Side.AFTER),
        Submission(
            type=FeedbackType.COMPLAINT,
            complainant_type=ComplainantType.CITIZEN,
            channel=Channel.WEB,
            institution_id=institution.id,
            region_id=institution.region_id,
            description="Dawa hazipo zahanati.",
            **PREVIEW_PLANTED,
        ),
    )
    answer = Answer(4, Helpfulness.YES, 5, comment="Mkuu ataona mapema malalamiko.")
    save_feedback(asked(stakeholder, PREVIEW_KEY), answer, "sw")
    invitation = create_invitation("Ukaguzi", days=3, max_uses=5, by=find_username("mwezeshaji"))
    return invitation.id, item


def _dial_anonymously() -> str:
    """An anonymous USSD complaint; returns its reference."""
    d = Dialler(current_app.test_client(), phone=ANONYMOUS_PHONE)
    d.dial()
    d.send("9", "2", "1", "dodoma", "1", "Taka hazijazolewa mtaani", "2")
    return re.search(r"MRJ-T[A-Z]*-\d{4}-\d{6}", d.send("1")).group(0)


def _text_a_complaint() -> str:
    """An SMS complaint to TANESCO; returns its reference."""
    forget_workspace()
    current_app.test_client().post(
        "/sms/inbound", data={"from": SMS_PHONE, "text": "TANESCO umeme umekatika Mbagala"}
    )
    return db.session.scalar(
        sa.select(Feedback.reference)
        .where(Feedback.channel == Channel.SMS)
        .order_by(Feedback.id.desc())
    )


@pytest.fixture
def world(demo_world, app):
    """The seeded demo world, a trainee in it, an API key and the planted items.

    Also a trainee who joined a cohort with their own phone and institution: their personal
    data is theirs and their facilitator's (the cohort's roster and archive, for the
    facilitator who runs it and the administrator), so no other crawled role may see it.
    """
    make_user(demo_world, "mwanafunzi", Role.TRAINEE, "DODOMA_CC")  # password "pw"
    ensure_api_key(demo_world)
    crawled = World(demo_world)
    cohort = create_cohort("Kundi la ukaguzi", seed=5, facilitator=find_username("mwezeshaji"))
    join_cohort(
        JoinRequest(cohort.join_code, "Mwajuma Mshiriki", "4821", TRAINEE_HOME, TRAINEE_PHONE)
    )
    crawled.trainee_data = {national_number(TRAINEE_PHONE), TRAINEE_HOME}
    # staff made since (the trainee's world) may share a name with a complainant by chance
    crawled.names -= set(db.session.scalars(sa.select(User.display_name)))
    return crawled


def _values(world: World, app) -> dict[str, list[str]]:
    """Real values for every URL parameter of the app."""
    institution = db.session.scalar(sa.select(Institution.id).order_by(Institution.id))
    users = db.session.scalars(
        sa.select(User.id).where(User.workspace_id == world.demo.id).limit(3)
    )
    messages = db.session.scalars(sa.select(SmsMessage.id).limit(3))
    return {
        "feedback_id": [str(i) for i in world.feedback_ids],
        "reference": world.references,
        "institution_id": [str(institution)],
        "user_id": [str(u) for u in users],
        "message_id": [str(m) for m in messages],
        "attachment_id": ["1"],
        "ws_code": [world.demo.code],
        "code": ["sw", "national_id.complaint"],
        "name": ["summary", "institutions", "types", "channels", "regions", "overdue"],
        "action_name": ["respond"],
        "filename": ["css/app.css"],
        "slug": ["getting-started", "confidentiality"],
        "key": [PREVIEW_KEY],
        "side": ["before", "after"],
        "invitation_id": [str(world.invitation_id)],
    }


def crawl_urls(world: World, app) -> list[str]:
    """Every GET route with real ids, plus the lookups an attacker would try."""
    values = _values(world, app)
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        names = sorted(rule.arguments)
        for combo in itertools.product(*(values.get(n, ["1"]) for n in names)):
            urls.append(rule.build(dict(zip(names, combo, strict=True)), append_unknown=False)[1])
    phone = PLANTED["phone"]
    for raw in (phone, "0" + phone[4:], phone[1:], ANONYMOUS_PHONE, SMS_PHONE):
        number = quote(raw, safe="")
        urls += [f"/sms/outbox?phone={number}", f"/ussd/phone/inbox.json?phone={number}"]
        urls.append(f"/desk/feedback?q={number}")
    urls += [f"/desk/feedback?q={quote(PLANTED[k], safe='')}" for k in ("name", "email")]
    urls += [
        f"/open311/v2/requests.json?api_key={DEMO_API_KEY}",
        *(f"/open311/v2/requests/{r}.json?api_key={DEMO_API_KEY}" for r in world.references),
    ]
    return urls


def _log_in(client, role: str) -> None:
    """A fresh session as this role (the visitor has none)."""
    client.post("/logout")
    username = ROLES[role]
    if username:
        password = "pw" if role == "trainee" else DEMO_PASSWORD
        client.post("/login", data={"username": username, "password": password})


def _without_echo(text: str, url: str) -> str:
    """The answer without what the user typed into the query (a search box shows it back)."""
    text = html.unescape(text)
    for _key, typed in parse_qsl(urlsplit(url).query):
        once = quote(typed, safe="")
        for form in (typed, once, quote_plus(typed), quote(once, safe="")):
            text = text.replace(form, "")
    return text


def _as_text(response) -> str:
    """The answer as text; a zip (a cohort archive) as the text of every file in it."""
    data = response.get_data()
    if response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return data.decode("utf-8", "replace")


def leaks_seen(client, world: World, app, role: str, urls: list[str]) -> dict[str, list[str]]:
    """{url: identities found} over every answer this role gets."""
    _log_in(client, role)
    found = {}
    for url in urls:
        forget_workspace()
        response = client.get(url)
        leaked = world.leaks(_without_echo(_as_text(response), url), role in RUN_THE_COHORT)
        if leaked:
            found[url] = leaked

    return found


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_export_api_answer_or_log_line_shows_identity(client, world, app, role, caplog):
    caplog.set_level(logging.DEBUG)
    urls = crawl_urls(world, app)
    assert len(urls) > 60
    assert leaks_seen(client, world, app, role, urls) == {}
    assert world.leaks(caplog.text) == []


def test_the_crawl_reaches_the_planted_items(client, world, app):
    """The crawl is not vacuous: the officer's own item page and the log were served."""
    _log_in(client, "officer")
    page = client.get(f"/desk/feedback/{world.identified.id}")
    assert page.status_code == 200 and world.identified.reference in page.text
    forget_workspace()
    outbox = client.get("/sms/outbox")
    assert outbox.status_code == 200 and world.identified.reference in outbox.text
    assert f"/desk/feedback/{world.identified.id}" in crawl_urls(world, app)
    _log_in(client, "stakeholder")  # in their own preview world: the planted item, no identity
    forget_workspace()
    page = client.get(f"/desk/feedback/{world.previewed.id}")
    assert page.status_code == 200 and world.previewed.reference in page.text
    forget_workspace()
    assert client.get(f"/preview/proposals/{PREVIEW_KEY}/compare").status_code == 200
    _log_in(client, "facilitator")
    forget_workspace()
    report = client.get(f"/preview/proposals/{PREVIEW_KEY}/report")
    assert report.status_code == 200 and "Mkuu ataona mapema" in report.text


def test_an_open311_post_answer_does_not_echo_the_identity(client, world):
    forget_workspace()
    answer = client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": DEMO_API_KEY,
            "service_code": "national_id.complaint",
            "description": "Kitambulisho changu hakijatoka",
            "first_name": "Zuhura",
            "last_name": "Kisangawe Mwinyimkuu",
            "email": PLANTED["email"],
            "phone": PLANTED["phone"],
        },
    )
    assert answer.status_code in (200, 201)
    assert world.leaks(answer.get_data(as_text=True)) == []


@pytest.mark.parametrize("role", list(ROLES))
def test_identity_is_shown_only_by_an_audited_reveal(client, world, role):
    _log_in(client, role)
    item = world.identified
    message = db.session.scalar(sa.select(SmsMessage).where(SmsMessage.feedback_id == item.id))
    forget_workspace()
    desk = client.post(f"/desk/feedback/{item.id}/reveal", data={"reason": REASON})
    forget_workspace()
    log = client.post(f"/sms/outbox/{message.id}/reveal", data={"reason": REASON})
    shown = [bool(world.leaks(r.get_data(as_text=True))) for r in (desk, log)]
    reveals = db.session.scalars(sa.select(IdentityReveal).order_by(IdentityReveal.id)).all()
    assert len(reveals) == sum(shown)  # every answer that showed identity was audited
    assert all(r.feedback_id == item.id and r.reason == REASON for r in reveals)
    assert {r.user.username for r in reveals} <= {ROLES[role]}
    expected_desk = role in MAY_REVEAL
    expected_log = role in MAY_REVEAL  # both read their workspace's gateway log too
    assert shown == [expected_desk, expected_log]


def test_the_crawl_catches_a_planted_leak(client, world, app, monkeypatch):
    """The crawler can fail: a log that printed numbers again is caught at once."""
    monkeypatch.setattr(sms_log, "shown_text", lambda m: f"{m.text} [{m.phone}]")
    found = leaks_seen(client, world, app, "officer", ["/sms/outbox"])
    assert national_number(PLANTED["phone"]) in found["/sms/outbox"]
