"""Who may do what in the whole app: one Role x Permission table, read everywhere.

Every route declares the permission it needs (``sandbox.access.requires``), the main menu
shows an entry only when its route's permission is granted, and services ask ``can``.
Rules (training decisions, written down so trainers can explain them):

- **Feedback officer** (afisa mrejesho) works their institution's queue: acknowledge,
  assign, start, request information, record the citizen's answer, request / accept /
  return a transfer, respond, close, reject, add an internal note, escalate to the head,
  record walk-in feedback and add the institution's own response templates; reads the SMS
  gateway log. An officer does NOT see the complainant's identity.
- **Head of institution** (mkuu wa taasisi): everything the officer does, plus revealing the
  identity (with a reason, audited), reading the reveal log, and the institution's
  reports. A head acts on late items by working them (assign, respond, escalate), not by
  directives: a directive is the leader's tool ("Maelekezo ya kiongozi").
- **Leader** (kiongozi, district / region / ministry): sees the items of their area, writes
  directives ("Sema na Kiongozi") and reads reports across the institutions of the area;
  they do not work the queue.
- **ICT officer** (afisa TEHAMA): reads the institution's items (to support officers),
  manages the institution's officer accounts, reads the gateway log; no workflow actions,
  no identity.
- **Facilitator**: observes any workspace of their own (whole workspace, reports, gateway
  log), runs cohorts, resets and moves clocks, declares announced holidays for their
  workspace, and opens stakeholder previews: writes text-only proposals, moves proposals
  between draft and preview, and makes the stakeholders' invitation codes; reads proposals'
  decision reports (the figures a decision meeting needs: respondents appear only as role,
  institution kind, region and language).
- **Stakeholder** (mdau, an officer of another institution or e-GA trying a proposal): plays
  the desk in their own preview worlds as the head of the training institution would: every
  officer action, walk-in, and revealing an identity with a reason (the worlds are
  synthetic, and the reply identity warning only shows to a role that may reveal: a proposal
  about it must be tried with the head's desk); reads the SMS gateway log (walkthroughs such
  as the status SMS one ask them to open it), numbers masked as for every role and revealed
  only one at a time with a reason, audited; previews proposals and gives opinions on them.
  No reports, templates, directives, scenarios, accounts, resets or decisions. Their scope is
  the whole of their own pairs' worlds and nothing else (``services/feedback/scope.py``, not
  ``SEE_WHOLE_WORKSPACE``): in any other workspace, the demo included, they see no item and
  no SMS at all, so the log they read is only ever their own preview worlds' (the log shows
  the messages of items in scope; messages about no item only to whole-workspace roles).
- **Administrator** (of the installation): what the facilitator does, plus the accounts of
  every institution, role and workspace (any role below their own), the list of workspaces
  and the installation's settings, and deciding proposals.
- **Giving an opinion** on a proposal in preview belongs to stakeholders and trainees;
  whether a given trainee is asked is the cohort's switch (``Cohort.
  collects_proposal_feedback``), checked by ``services/preview/feedback``. Stakeholders
  never read the decision report (it is not theirs to see: 404).
- **Trainee**: plays every desk role in their own workspace (scenarios ask them to act as
  officer and head, and to read the dashboard and direct as a leader would), so they get
  the head's desk capabilities, the leader's directive (given at the leader's level: in
  their own world the trainee is also the leader who reads the dashboard), the
  whole-workspace view, reports with the institution breakdown and the gateway log of that
  workspace; and they take scenarios. Nothing outside their workspace: scope and the
  workspace checks keep them in it. Trainees never manage accounts, reset, run cohorts or
  decide proposals.

Two further rules apply per item, in ``may_act``: institution staff act only on their own
institution's items, except that accepting or returning a transfer belongs to the
RECEIVING institution. Items outside a user's scope are never looked up here: services
answer "not found" (404) before any permission question is asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from sandbox.workflow.enums import Action, EscalationLevel, Role


class Capability(Enum):
    """What a role may do besides workflow actions (those are ``Action`` members)."""

    VIEW = "view"  # the desk's inbox and item pages (within scope)
    REVEAL_IDENTITY = "reveal_identity"
    READ_REVEAL_LOG = "read_reveal_log"
    WALK_IN = "walk_in"
    MANAGE_TEMPLATES = "manage_templates"
    SEE_WHOLE_WORKSPACE = "see_whole_workspace"  # scope: every item of the workspace
    READ_REPORTS = "read_reports"
    READ_BREAKDOWN = "read_breakdown"  # reports across institutions, one selectable
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_EVERY_ACCOUNT = "manage_every_account"  # every institution, role and workspace
    ADMINISTER = "administer"  # the installation: its workspaces and settings
    MANAGE_CALENDAR = "manage_calendar"  # declare announced holidays for a workspace
    READ_GATEWAY_LOG = "read_gateway_log"
    TAKE_SCENARIOS = "take_scenarios"
    RUN_COHORT = "run_cohort"
    RESET = "reset"
    PREVIEW = "preview"
    MANAGE_PROPOSALS = "manage_proposals"  # write text-only proposals, invitations, draft/preview
    DECIDE_PROPOSAL = "decide_proposal"
    READ_PROPOSAL_REPORTS = "read_proposal_reports"  # a proposal's decision report and export
    GIVE_OPINION = "give_opinion"  # answer a proposal's feedback form (where invited)


Permission = Capability | Action

OFFICER_ACTIONS = frozenset(
    {
        Action.ACKNOWLEDGE,
        Action.ASSIGN,
        Action.START,
        Action.REQUEST_INFO,
        Action.CITIZEN_REPLIED,
        Action.TRANSFER_REQUEST,
        Action.TRANSFER_ACCEPT,
        Action.TRANSFER_RETURN,
        Action.RESPOND,
        Action.CLOSE,
        Action.REJECT,
        Action.NOTE,
        Action.ESCALATE,
    }
)
OFFICER = OFFICER_ACTIONS | {
    Capability.VIEW,
    Capability.WALK_IN,
    Capability.MANAGE_TEMPLATES,
    Capability.READ_GATEWAY_LOG,
}
HEAD = OFFICER | {
    Capability.REVEAL_IDENTITY,
    Capability.READ_REVEAL_LOG,
    Capability.READ_REPORTS,
}
OBSERVER = frozenset(
    {
        Capability.VIEW,
        Capability.SEE_WHOLE_WORKSPACE,
        Capability.READ_REPORTS,
        Capability.READ_BREAKDOWN,
        Capability.READ_GATEWAY_LOG,
    }
)
FACILITATOR = OBSERVER | {
    Capability.RUN_COHORT,
    Capability.RESET,
    Capability.PREVIEW,
    Capability.MANAGE_PROPOSALS,
    Capability.READ_PROPOSAL_REPORTS,
    Capability.MANAGE_CALENDAR,
}

POLICY: Mapping[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.OFFICER: OFFICER,
        Role.HEAD: HEAD,
        Role.LEADER: frozenset(
            {Capability.VIEW, Action.DIRECTIVE, Capability.READ_REPORTS, Capability.READ_BREAKDOWN}
        ),
        Role.ICT_OFFICER: frozenset(
            {Capability.VIEW, Capability.MANAGE_ACCOUNTS, Capability.READ_GATEWAY_LOG}
        ),
        Role.FACILITATOR: FACILITATOR,
        Role.STAKEHOLDER: OFFICER_ACTIONS
        | {
            Capability.VIEW,
            Capability.WALK_IN,
            Capability.REVEAL_IDENTITY,
            Capability.READ_GATEWAY_LOG,
            Capability.PREVIEW,
            Capability.GIVE_OPINION,
        },
        Role.ADMIN: FACILITATOR
        | {
            Capability.DECIDE_PROPOSAL,
            Capability.MANAGE_ACCOUNTS,
            Capability.MANAGE_EVERY_ACCOUNT,
            Capability.ADMINISTER,
        },
        Role.TRAINEE: HEAD
        | OBSERVER
        | {Action.DIRECTIVE, Capability.TAKE_SCENARIOS, Capability.GIVE_OPINION},
    }
)
"""Role → everything it may do. Citizen actions (RATE, REOPEN) belong to no role."""

RECEIVER_ACTIONS = frozenset({Action.TRANSFER_ACCEPT, Action.TRANSFER_RETURN})
DIRECTIVE_LEVEL = MappingProxyType(
    {Role.LEADER: EscalationLevel.LEADER, Role.TRAINEE: EscalationLevel.LEADER}
)


def can(user, permission: Permission) -> bool:
    """True when the user's role is granted this capability or action."""
    return permission in POLICY.get(user.role, frozenset())


def may_act(user, item, action: Action) -> bool:
    """The role may do ``action`` and the user works at the institution it concerns."""
    if not can(user, action):
        return False
    if not user.role.is_institution_staff:
        return True
    owner = item.transfer_target_id if action in RECEIVER_ACTIONS else item.institution_id
    return owner is not None and owner == user.institution_id


def permitted(user, item, allowed: list[Action]) -> list[Action]:
    """The actions the workflow allows now that this user may also perform, in order."""
    return [action for action in allowed if may_act(user, item, action)]


def giver_level(user) -> EscalationLevel:
    """The level a directive comes from: leaders (and trainees playing one) give LEADER ones
    (HEAD for any other giver, which the table grants none today; kept so stored HEAD-level
    directives still read)."""
    return DIRECTIVE_LEVEL.get(user.role, EscalationLevel.HEAD)
