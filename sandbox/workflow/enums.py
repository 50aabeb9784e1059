"""The e-Mrejesho vocabulary as bilingual enums (values are stored; labels are shown)."""

from __future__ import annotations

from sandbox.workflow.labels import Labelled


class FeedbackType(Labelled):
    """The four kinds of feedback the real system accepts."""

    COMPLAINT = ("complaint", "Lalamiko", "Complaint")
    SUGGESTION = ("suggestion", "Pendekezo", "Suggestion")
    INQUIRY = ("inquiry", "Ulizo", "Inquiry")
    COMPLIMENT = ("compliment", "Pongezi", "Compliment")


class ComplainantType(Labelled):
    """Who submitted the item."""

    CITIZEN = ("citizen", "Mwananchi", "Citizen")
    PUBLIC_SERVANT = ("public_servant", "Mtumishi wa umma", "Public servant")
    ANONYMOUS = ("anonymous", "Bila kujulikana", "Anonymous")


class Channel(Labelled):
    """How the item reached the institution."""

    WEB = ("web", "Tovuti", "Web portal")
    APP = ("app", "Aplikesheni", "Mobile app")
    USSD = ("ussd", "USSD *152*00#", "USSD *152*00#")
    SMS = ("sms", "SMS", "SMS")
    WALK_IN = ("walk_in", "Dawati la mrejesho", "Walk-in desk")


class Status(Labelled):
    """Where an item is in its lifecycle."""

    RECEIVED = ("received", "Imepokelewa", "Received")
    ACKNOWLEDGED = ("acknowledged", "Imethibitishwa kupokelewa", "Acknowledged")
    ASSIGNED = ("assigned", "Imepangiwa", "Assigned")
    IN_PROGRESS = ("in_progress", "Inashughulikiwa", "In progress")
    AWAITING_CITIZEN = ("awaiting_citizen", "Inasubiri mwananchi", "Awaiting citizen")
    TRANSFER_PENDING = ("transfer_pending", "Inasubiri kuhamishwa", "Transfer pending")
    RESPONDED = ("responded", "Imejibiwa", "Responded")
    CLOSED = ("closed", "Imefungwa", "Closed")
    REJECTED = ("rejected", "Imekataliwa", "Rejected")

    @property
    def is_open(self) -> bool:
        """True while the institution still owes the citizen a reply (the SLA clock applies)."""
        return self not in _NOT_OPEN

    @property
    def is_final(self) -> bool:
        """True when nothing but internal notes can ever happen (only REJECTED)."""
        return self is Status.REJECTED


_NOT_OPEN = frozenset({Status.RESPONDED, Status.CLOSED, Status.REJECTED})


class Action(Labelled):
    """Everything that can happen to an item; SUBMIT creates it and is never applied."""

    ACKNOWLEDGE = ("acknowledge", "Thibitisha kupokea", "Acknowledge")
    ASSIGN = ("assign", "Panga afisa", "Assign")
    START = ("start", "Anza kushughulikia", "Start")
    REQUEST_INFO = ("request_info", "Omba taarifa kwa mwananchi", "Request information")
    CITIZEN_REPLIED = ("citizen_replied", "Mwananchi amejibu", "Citizen replied")
    TRANSFER_REQUEST = ("transfer_request", "Omba kuhamisha", "Request transfer")
    TRANSFER_ACCEPT = ("transfer_accept", "Kubali uhamisho", "Accept transfer")
    TRANSFER_RETURN = ("transfer_return", "Rudisha uhamisho", "Return transfer")
    RESPOND = ("respond", "Jibu", "Respond")
    CLOSE = ("close", "Funga", "Close")
    REJECT = ("reject", "Kataa", "Reject")
    ESCALATE = ("escalate", "Panda ngazi", "Escalate")
    DIRECTIVE = ("directive", "Maelekezo ya kiongozi", "Leader directive")
    RATE = ("rate", "Tathmini", "Rate")
    REOPEN = ("reopen", "Fungua upya (rufaa)", "Reopen (appeal)")
    NOTE = ("note", "Dokezo la ndani", "Internal note")
    SUBMIT = ("submit", "Wasilisha", "Submit")


class EscalationLevel(Labelled):
    """How far up an item has been escalated, in order."""

    NONE = ("none", "Haijapandishwa", "Not escalated")
    HEAD = ("head", "Mkuu wa taasisi", "Head of institution")
    LEADER = ("leader", "Kiongozi", "Leader")

    @property
    def next_level(self) -> EscalationLevel | None:
        """The level above this one, or None at the top."""
        order = list(EscalationLevel)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None


class RejectionReason(Labelled):
    """Why an item may be rejected. NOT_OUR_INSTITUTION exists only to be refused."""

    DUPLICATE = ("duplicate", "Imeshawasilishwa (nakala)", "Duplicate")
    ABUSIVE = ("abusive", "Lugha ya matusi", "Abusive language")
    NO_CITIZEN_RESPONSE = (
        "no_citizen_response",
        "Mwananchi hakujibu",
        "No response from the citizen",
    )
    NOT_PUBLIC_SERVICE = (
        "not_public_service",
        "Si huduma ya umma",
        "Not about a public service",
    )
    INSUFFICIENT_DETAIL = (
        "insufficient_detail",
        "Maelezo hayatoshi",
        "Not enough detail",
    )
    NOT_OUR_INSTITUTION = (
        "not_our_institution",
        "Si ya taasisi yetu",
        "Not our institution",
    )

    @property
    def is_accepted(self) -> bool:
        """False only for NOT_OUR_INSTITUTION, which the rules refuse (transfer instead)."""
        return self is not RejectionReason.NOT_OUR_INSTITUTION


class Resolution(Labelled):
    """How an item ended, recorded when it is closed."""

    RESOLVED = ("resolved", "Imetatuliwa", "Resolved")
    PARTIALLY_RESOLVED = ("partially_resolved", "Imetatuliwa kwa sehemu", "Partially resolved")
    INFORMATION_PROVIDED = ("information_provided", "Taarifa imetolewa", "Information provided")
    SUGGESTION_NOTED = ("suggestion_noted", "Pendekezo limepokelewa", "Suggestion noted")
    COMPLIMENT_ACKNOWLEDGED = (
        "compliment_acknowledged",
        "Pongezi zimepokelewa",
        "Compliment acknowledged",
    )
    CANNOT_BE_RESOLVED = ("cannot_be_resolved", "Haiwezi kutatuliwa", "Cannot be resolved")


class Role(Labelled):
    """User roles in the sandbox."""

    OFFICER = ("officer", "Afisa mrejesho", "Feedback officer")
    HEAD = ("head", "Mkuu wa taasisi", "Head of institution")
    LEADER = ("leader", "Kiongozi", "Leader")
    ICT_OFFICER = ("ict_officer", "Afisa TEHAMA", "ICT officer")
    FACILITATOR = ("facilitator", "Mwezeshaji", "Facilitator")
    STAKEHOLDER = ("stakeholder", "Mdau", "Stakeholder")
    ADMIN = ("admin", "Msimamizi", "Administrator")
    TRAINEE = ("trainee", "Mwanafunzi", "Trainee")

    @property
    def is_institution_staff(self) -> bool:
        """Officers, heads and ICT officers work at one institution's feedback desk."""
        return self in (Role.OFFICER, Role.HEAD, Role.ICT_OFFICER)


class RootCause(Labelled):
    """Why a complaint happened, chosen when it is closed (required where the toggle is on)."""

    STAFF_CONDUCT = ("staff_conduct", "Mwenendo wa watumishi", "Staff conduct")
    DELAY = ("delay", "Kuchelewa kwa huduma", "Delay in service")
    MISSING_INFORMATION = ("missing_information", "Taarifa kukosekana", "Missing information")
    POLICY_GAP = ("policy_gap", "Pengo la sera au kanuni", "A policy gap")
    INFRASTRUCTURE = ("infrastructure", "Miundombinu", "Infrastructure")
    OTHER = ("other", "Kingine", "Other")
