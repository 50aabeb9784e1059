"""The behaviours a workspace can switch, each declared once with its default and its texts.

A ``Toggle``'s value is what ``WorkspaceFlag.flag`` stores and scenario setups name: it never
changes. The declaration order is the order overlays are laid (a later toggle's overlay wins
where two replace the same entry): ``status_sms`` comes before ``transfer_acceptance`` so an
immediate transfer's notice is the accepted transfer's, whether or not ``status_sms`` is on.

``DESCRIPTIONS`` says, in one paragraph per language, what a toggle changes and who sees it;
``AUDIENCES`` names the roles whose screens it changes (a citizen is nobody's role: ``CITIZEN``
marks a toggle the citizen meets on a channel). The "why is this on?" panel reads both.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Self

from sandbox.workflow.enums import Role
from sandbox.workflow.labels import Labelled


class Toggle(Labelled):
    """The behaviours a workspace can switch (value, Swahili, English, default)."""

    _default: bool

    def __new__(cls, value: str, label_sw: str, label_en: str, default: bool) -> Self:
        """Create a member storing ``value``, both labels and whether it is on by default."""
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_sw, member._label_en, member._default = label_sw, label_en, default
        return member

    @property
    def default(self) -> bool:
        """True when the behaviour is on in a workspace that never switched it."""
        return self._default

    AUTO_ESCALATION = (
        "auto_escalation",
        "Kupandisha ngazi kiotomatiki mrejesho uliochelewa",
        "Escalate overdue feedback automatically",
        True,
    )
    REPLY_IDENTITY_WARNING = (
        "reply_identity_warning",
        "Onya jibu linapotaja jina au simu ya mlalamikaji",
        "Warn when a reply names the complainant or their phone",
        True,
    )
    STATUS_SMS = (
        "status_sms",
        "SMS kwa mwananchi kila hali inapobadilika",
        "An SMS to the citizen on every status change",
        False,
    )
    ROOT_CAUSE_REQUIRED = (
        "root_cause_required",
        "Chanzo cha lalamiko kabla ya kulifunga",
        "A root cause before a complaint is closed",
        False,
    )
    TRANSFER_ACCEPTANCE = (
        "transfer_acceptance",
        "Taasisi inayopokea ikubali uhamisho",
        "The receiving institution accepts a transfer",
        True,
    )
    RATING_AND_APPEAL = (
        "rating_and_appeal",
        "Tathmini ya mwananchi na rufaa baada ya jibu",
        "The citizen's rating and appeal after a response",
        True,
    )
    TRACKING_DEADLINE = (
        "tracking_deadline",
        "Mwananchi aone tarehe ya mwisho ya kujibiwa",
        "The citizen sees when a response is due",
        False,
    )
    USSD_REGION_FIRST = (
        "ussd_region_first",
        "*152*00#: chagua mkoa kwanza, kisha taasisi",
        "*152*00#: choose the region first, then the institution",
        False,
    )


DEFAULTS: Mapping[Toggle, bool] = MappingProxyType({t: t.default for t in Toggle})
ON_BY_DEFAULT = frozenset(t for t in Toggle if t.default)

CITIZEN = "citizen"
"""Marks a toggle the citizen meets (portal, USSD, SMS) in ``AUDIENCES``."""

_DESK = (Role.OFFICER, Role.HEAD, Role.ICT_OFFICER, Role.TRAINEE, Role.STAKEHOLDER)

AUDIENCES: Mapping[Toggle, frozenset[str]] = MappingProxyType(
    {
        Toggle.AUTO_ESCALATION: frozenset({*_DESK, Role.LEADER}),
        Toggle.REPLY_IDENTITY_WARNING: frozenset(_DESK),
        Toggle.STATUS_SMS: frozenset({CITIZEN, *_DESK}),
        Toggle.ROOT_CAUSE_REQUIRED: frozenset({*_DESK, Role.LEADER}),
        Toggle.TRANSFER_ACCEPTANCE: frozenset({CITIZEN, *_DESK}),
        Toggle.RATING_AND_APPEAL: frozenset({CITIZEN, *_DESK}),
        Toggle.TRACKING_DEADLINE: frozenset({CITIZEN}),
        Toggle.USSD_REGION_FIRST: frozenset({CITIZEN}),
    }
)

DESCRIPTIONS: Mapping[Toggle, tuple[str, str]] = MappingProxyType(
    {
        Toggle.AUTO_ESCALATION: (
            "Mrejesho uliopita muda wake hupandishwa kwa mkuu wa taasisi baada ya siku 5 za kazi "
            "za kuchelewa, na kwa kiongozi baada ya siku 10, bila mtu kubofya. Maafisa na wakuu "
            "huliona kwenye dawati; viongozi huona mrejesho unaowafikia.",
            "Overdue feedback goes up to the head of the institution after 5 overdue working "
            "days, and to the leader after 10, without anyone clicking. Officers and heads see it "
            "at the desk; leaders see the items that reach them.",
        ),
        Toggle.REPLY_IDENTITY_WARNING: (
            "Jibu la umma linalotaja jina, simu au barua pepe ya mlalamikaji linasimamishwa na "
            "onyo kabla ya kutumwa. Afisa huliona kwenye dawati; mwananchi haoni tofauti.",
            "A public reply that names the complainant, their phone or e-mail stops with a "
            "warning before it is sent. The officer sees it at the desk; the citizen sees no "
            "difference.",
        ),
        Toggle.STATUS_SMS: (
            "Mwananchi aliyetoa namba ya simu hupata SMS kila hali ya mrejesho wake inapobadilika "
            "(kupangiwa afisa, kuanza kushughulikiwa, jibu lake kupokelewa, kuhamishwa, rufaa…), "
            "si kwa baadhi ya hatua tu. Asiyejulikana bila simu hapati SMS. Afisa huziona kwenye "
            "kumbukumbu ya SMS.",
            "A citizen who gave a phone number gets an SMS every time their feedback changes "
            "status (assigned, work started, their answer received, transferred, appealed…), not "
            "only at some steps. Anonymous items without a phone get none. Officers see them in "
            "the SMS log.",
        ),
        Toggle.ROOT_CAUSE_REQUIRED: (
            "Lalamiko haliwezi kufungwa bila kuchagua chanzo chake (mwenendo wa watumishi, "
            "kuchelewa, taarifa kukosekana, pengo la sera, miundombinu, au kingine). Afisa huona "
            "sehemu hiyo kwenye fomu ya kufunga; takwimu za vyanzo zinawasaidia viongozi.",
            "A complaint cannot be closed without choosing its root cause (staff conduct, delay, "
            "missing information, a policy gap, infrastructure, or other). The officer sees the "
            "field on the close form; the causes help leaders see patterns.",
        ),
        Toggle.TRANSFER_ACCEPTANCE: (
            "Ikiwashwa, uhamisho ni ombi: taasisi inayopokea hulikubali au hulirudisha. "
            "Ikizimwa, mrejesho huhamia taasisi nyingine mara moja na mwananchi hupata SMS ya "
            "kuhamishwa. Maafisa wa taasisi zote mbili huona tofauti kwenye dawati.",
            "When on, a transfer is a request: the receiving institution accepts or returns it. "
            "When off, the item moves to the other institution at once and the citizen gets the "
            "transfer SMS. Officers of both institutions see the difference at the desk.",
        ),
        Toggle.RATING_AND_APPEAL: (
            "Ikiwashwa, mwananchi hutathmini jibu (1–5) na anaweza kukata rufaa kwenye ukurasa wa "
            "kufuatilia. Ikizimwa, hakuna tathmini wala rufaa popote, na SMS ya kufungwa "
            "haimwaliki kutathmini.",
            "When on, the citizen rates the reply (1–5) and may appeal on the tracking page. "
            "When off, there is no rating and no appeal anywhere, and the closing SMS does not "
            "invite a rating.",
        ),
        Toggle.TRACKING_DEADLINE: (
            "Mwananchi anapofuatilia mrejesho (tovuti, *152*00# au SMS FUATILIA) huona tarehe "
            "ambayo jibu linatarajiwa, kwa siku za kazi za eneo hili. Maafisa hawaoni tofauti.",
            "When the citizen tracks an item (portal, *152*00# or the TRACK SMS) they see the "
            "date a response is due, counted in this workspace's working days. Officers see no "
            "difference.",
        ),
        Toggle.USSD_REGION_FIRST: (
            "Kwenye *152*00#, baada ya kuchagua aina ya mrejesho mwananchi huchagua mkoa wake "
            "kutoka orodha, kisha taasisi kutoka orodha ya mkoa huo, badala ya kuandika sehemu "
            "ya jina la taasisi. Inawasaidia wasiojua jina rasmi la taasisi. Maafisa hawaoni "
            "tofauti.",
            "On *152*00#, after choosing the type of feedback the citizen picks their region "
            "from a list, then the institution from that region's list, instead of typing part "
            "of the institution's name. It helps those who do not know an institution's formal "
            "name. Officers see no difference.",
        ),
    }
)
