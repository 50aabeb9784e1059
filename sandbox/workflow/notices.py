"""The SMS the citizen gets after a step of the workflow, as data (Swahili, English).

Placeholders: ``{received}`` ("your complaint was received", agreeing with the type's noun
class, from ``RECEIVED``), ``{institution}``, ``{reference}``, ``{secret}`` (the citizen's
secret, in the receipt only) and ``{text}`` (the step's public text). Nothing is ever
really sent: the services put these in a simulated outbox.
"""

from __future__ import annotations

from sandbox.workflow.enums import Action, FeedbackType

# "Your <type> was received", with each noun's own class agreement in Swahili: lalamiko and
# pendekezo (class 5: lako … li-), swali (5: the everyday word for an inquiry), pongezi
# (class 10: zako … zi-). (Swahili, English)
RECEIVED: dict[FeedbackType, tuple[str, str]] = {
    FeedbackType.COMPLAINT: ("lalamiko lako limepokelewa", "your complaint was received"),
    FeedbackType.SUGGESTION: ("pendekezo lako limepokelewa", "your suggestion was received"),
    FeedbackType.INQUIRY: ("swali lako limepokelewa", "your inquiry was received"),
    FeedbackType.COMPLIMENT: ("pongezi zako zimepokelewa", "your compliment was received"),
}

# What the real system would text the complainant after each public step: (Swahili, English).
NOTICES: dict[Action, tuple[str, str]] = {
    Action.SUBMIT: (
        "e-Mrejesho (MAFUNZO): {received} na {institution}. Namba ya "
        "kumbukumbu: {reference}. Siri yako: {secret} (usimpe mtu). Fuatilia kwa *152*00#.",
        "e-Mrejesho (TRAINING): {received} by {institution}. Reference: "
        "{reference}. Your secret: {secret} (keep it to yourself). Track it on *152*00#.",
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
