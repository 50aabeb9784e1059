"""The *152*00# screens as data, read by ``sandbox.channels.ussd.engine`` (no Flask, no database).

A screen has a ``kind`` (``menu``: numbered options; ``input``: free text; ``list``: a paged
list of matches), its text in Swahili and English, and where ``0`` goes back to. An option or
an input is a *step*: ``store`` answers, set ``lang``, show an ``error`` line and stay,
run an ``action`` (search, track, submit), ``end`` the session or ``go`` to the next screen.
Placeholders such as ``{institution}`` are filled from the conversation's answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from sandbox.workflow import WorkspaceRules
from sandbox.workflow.behaviour import Screen, Tables

BACK = "0"
MORE = "98"
MAX_DESCRIPTION = 500
MIN_QUERY = 2

UNAVAILABLE = {"error": "unavailable"}

SCREENS: dict[str, dict[str, Any]] = {
    "gateway": {
        "kind": "menu",
        "text": {
            "sw": "Huduma za Serikali *152*00#\n1. NIDA\n2. RITA\n3. TRA\n4. NHIF\n"
            "5. Ajira\n6. Ardhi\n9. e-Mrejesho",
            "en": "Government services *152*00#\n1. NIDA\n2. RITA\n3. TRA\n4. NHIF\n"
            "5. Jobs\n6. Land\n9. e-Mrejesho",
        },
        "options": {
            **{str(n): UNAVAILABLE for n in range(1, 7)},
            "9": {"go": "emrejesho"},
        },
    },
    "emrejesho": {
        "kind": "menu",
        "back": "gateway",
        "text": {
            "sw": "e-Mrejesho (MAFUNZO)\n1. Fuatilia\n2. Wasilisha\n3. Lugha/Language\n0. Rudi",
            "en": "e-Mrejesho (TRAINING)\n1. Track\n2. Submit\n3. Lugha/Language\n0. Back",
        },
        "options": {
            "1": {"go": "track"},
            "2": {"go": "type"},
            "3": {"go": "language"},
        },
    },
    "language": {
        "kind": "menu",
        "back": "emrejesho",
        "text": {
            "sw": "Chagua lugha / Choose language\n1. Kiswahili\n2. English\n0. Rudi",
            "en": "Chagua lugha / Choose language\n1. Kiswahili\n2. English\n0. Back",
        },
        "options": {
            "1": {"lang": "sw", "go": "emrejesho"},
            "2": {"lang": "en", "go": "emrejesho"},
        },
    },
    "track": {
        "kind": "input",
        "back": "emrejesho",
        "max": 40,
        "text": {
            "sw": "Andika namba ya kumbukumbu (mf. MRJ-T-2026-000123):\n0. Rudi",
            "en": "Enter the reference number (e.g. MRJ-T-2026-000123):\n0. Back",
        },
        "step": {"action": "track"},
    },
    "type": {
        "kind": "menu",
        "back": "emrejesho",
        "text": {
            "sw": "Aina ya mrejesho:\n1. Lalamiko\n2. Pendekezo\n3. Ulizo\n4. Pongezi\n0. Rudi",
            "en": "Type of feedback:\n1. Complaint\n2. Suggestion\n3. Inquiry\n4. Compliment\n"
            "0. Back",
        },
        "options": {
            "1": {"store": {"type": "complaint"}, "go": "institution"},
            "2": {"store": {"type": "suggestion"}, "go": "institution"},
            "3": {"store": {"type": "inquiry"}, "go": "institution"},
            "4": {"store": {"type": "compliment"}, "go": "institution"},
        },
    },
    "institution": {
        "kind": "input",
        "back": "type",
        "max": 60,
        "text": {
            "sw": "Andika sehemu ya jina la taasisi (mf. TANESCO, Maji, Dodoma):\n0. Rudi",
            "en": "Type part of the institution's name (e.g. TANESCO, Water, Dodoma):\n0. Back",
        },
        "step": {"action": "search", "go": "pick"},
    },
    "pick": {
        "kind": "list",
        "back": "institution",
        "text": {"sw": "Chagua taasisi:", "en": "Choose the institution:"},
        "more": {"sw": "98. Zaidi", "en": "98. More"},
        "footer": {"sw": "0. Rudi", "en": "0. Back"},
        "step": {"go": "description"},
    },
    "description": {
        "kind": "input",
        "back": "pick",
        "max": MAX_DESCRIPTION,
        "text": {
            "sw": f"Eleza mrejesho wako kwa {{institution}} (hadi herufi {MAX_DESCRIPTION}):"
            "\n0. Rudi",
            "en": f"Describe your feedback to {{institution}} (up to {MAX_DESCRIPTION} "
            "characters):\n0. Back",
        },
        "step": {"store_as": "description", "go": "identity"},
    },
    "identity": {
        "kind": "menu",
        "back": "description",
        "text": {
            "sw": "Utambulisho:\n1. Tumia namba yangu ya simu\n2. Bila kujulikana\n0. Rudi",
            "en": "Identity:\n1. Share my phone number\n2. Stay anonymous\n0. Back",
        },
        "options": {
            "1": {"store": {"identity": "phone"}, "go": "confirm"},
            "2": {"store": {"identity": "anonymous"}, "go": "confirm"},
        },
    },
    "confirm": {
        "kind": "menu",
        "back": "identity",
        "text": {
            "sw": "Thibitisha: {type} kwa {institution}, {identity}.\n1. Thibitisha\n"
            "2. Ghairi\n0. Rudi",
            "en": "Confirm: {type} to {institution}, {identity}.\n1. Confirm\n2. Cancel\n0. Back",
        },
        "options": {
            "1": {"action": "submit"},
            "2": {"end": "cancelled"},
        },
    },
}


def screens_for(rules: WorkspaceRules) -> Mapping[str, Screen]:
    """The screens of a workspace: the base with the replacements of its toggles that are on."""
    return _laid_over(rules.tables)


@lru_cache(maxsize=64)
def _laid_over(tables: Tables) -> Mapping[str, Screen]:
    """SCREENS with ``tables.ussd_screens`` replacing screens of the same name (memoised)."""
    if not tables.ussd_screens:
        return SCREENS
    return MappingProxyType({**SCREENS, **tables.ussd_screens})


# Values shown inside other texts.
IDENTITY = {
    "phone": {"sw": "namba yako itaonekana", "en": "your number is shared"},
    "anonymous": {"sw": "bila kujulikana", "en": "anonymous"},
}

# One short line above the screen when an answer was refused.
ERRORS = {
    "invalid": {"sw": "Chaguo si sahihi.", "en": "Invalid choice."},
    "empty": {"sw": "Jibu linahitajika.", "en": "An answer is needed."},
    "unavailable": {
        "sw": "Huduma hii haipo kwenye mafunzo.",
        "en": "Not available in the sandbox.",
    },
    "too_long": {"sw": "Maandishi ni marefu mno.", "en": "That is too long."},
    "query_short": {"sw": "Andika angalau herufi 2.", "en": "Type at least 2 letters."},
    "no_match": {"sw": "Hakuna taasisi iliyopatikana.", "en": "No institution found."},
    "no_more": {"sw": "Hakuna zaidi.", "en": "No more."},
    "not_found": {"sw": "Namba haijapatikana.", "en": "Reference not found."},
    "submit_failed": {"sw": "Imeshindikana, jaribu tena.", "en": "It failed, try again."},
}

# The last screen of a conversation (the reply starts with END).
ENDINGS = {
    "submitted": {
        "sw": "Asante! Mrejesho umepokelewa. Namba ya kumbukumbu: {reference}. "
        "Siri yako: {secret} (usimpe mtu). Utazipata pia kwa SMS.",
        "en": "Thank you! Feedback received. Reference: {reference}. "
        "Your secret: {secret} (keep it to yourself). Both are also sent by SMS.",
    },
    # A gateway's repeat of the final request: the secret is not kept, the SMS carries it.
    "resubmitted": {
        "sw": "Asante! Mrejesho umepokelewa. Namba ya kumbukumbu: {reference}. "
        "Siri yako ilitolewa kwenye jibu la kwanza na kwa SMS.",
        "en": "Thank you! Feedback received. Reference: {reference}. "
        "Your secret was given on the first answer and by SMS.",
    },
    "cancelled": {
        "sw": "Umeghairi. Hakuna kilichotumwa.",
        "en": "Cancelled. Nothing was sent.",
    },
    "tracked": {
        "sw": "{reference}\nHali: {status}\nTaasisi: {institution}\nJibu: {reply}",
        "en": "{reference}\nStatus: {status}\nInstitution: {institution}\nReply: {reply}",
    },
    "over": {
        "sw": "Kipindi kimekwisha. Piga *152*00# tena.",
        "en": "Session over. Dial *152*00# again.",
    },
}

# The first entry of the region list (region first): institutions with no region.
NATIONAL = {"sw": "Taasisi za kitaifa", "en": "National institutions"}

NO_REPLY_YET = {"sw": "bado hakuna jibu.", "en": "no reply yet."}

# Long institution names shortened the way Tanzanian USSD menus write them.
ABBREVIATIONS = {
    "Halmashauri ya Wilaya ya ": "H/W ",
    "Halmashauri ya Manispaa ya ": "H/Manispaa ",
    "Halmashauri ya Mji ya ": "H/Mji ",
    "Halmashauri ya Jiji la ": "H/Jiji ",
    "Sekretarieti ya Mkoa wa ": "Sekretarieti Mkoa ",
    " District Council": " DC",
    " Municipal Council": " MC",
    " Town Council": " TC",
    " City Council": " CC",
    "Regional Secretariat": "RS",
    "–": "-",
}
