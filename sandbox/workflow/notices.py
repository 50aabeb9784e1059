"""The SMS the citizen gets after a step of the workflow, as data (Swahili, English).

Placeholders: ``{type}``, ``{institution}``, ``{reference}`` and ``{text}`` (the step's
public text). Nothing is ever really sent: the services put these in a simulated outbox.
"""

from __future__ import annotations

from sandbox.workflow.enums import Action

# What the real system would text the complainant after each public step: (Swahili, English).
NOTICES: dict[Action, tuple[str, str]] = {
    Action.SUBMIT: (
        "e-Mrejesho (MAFUNZO): {type} lako limepokelewa na {institution}. Namba ya "
        "kumbukumbu: {reference}. Fuatilia kwa *152*00#.",
        "e-Mrejesho (TRAINING): your {type} was received by {institution}. Reference: "
        "{reference}. Track it on *152*00#.",
    ),
    Action.ACKNOWLEDGE: (
        "e-Mrejesho (MAFUNZO): {reference} imethibitishwa kupokelewa na {institution}.",
        "e-Mrejesho (TRAINING): {institution} acknowledged {reference}.",
    ),
    Action.REQUEST_INFO: (
        "e-Mrejesho (MAFUNZO): {institution} inahitaji taarifa zaidi kuhusu {reference}: {text}",
        "e-Mrejesho (TRAINING): {institution} needs more information on {reference}: {text}",
    ),
    Action.TRANSFER_ACCEPT: (
        "e-Mrejesho (MAFUNZO): {reference} imehamishiwa {institution} kwa ajili ya kushughulikiwa.",
        "e-Mrejesho (TRAINING): {reference} was transferred to {institution} to handle.",
    ),
    Action.RESPOND: (
        "e-Mrejesho (MAFUNZO): Jibu la {reference} kutoka {institution}: {text}",
        "e-Mrejesho (TRAINING): Reply on {reference} from {institution}: {text}",
    ),
    Action.CLOSE: (
        "e-Mrejesho (MAFUNZO): {reference} imefungwa. Tathmini huduma kwa *152*00#.",
        "e-Mrejesho (TRAINING): {reference} is closed. Rate the service on *152*00#.",
    ),
    Action.REJECT: (
        "e-Mrejesho (MAFUNZO): {reference} haikukubaliwa: {text}",
        "e-Mrejesho (TRAINING): {reference} was not accepted: {text}",
    ),
}
