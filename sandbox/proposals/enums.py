"""The vocabularies of proposals and their feedback (stored values never change)."""

from __future__ import annotations

from sandbox.workflow.labels import Labelled


class ProposalStatus(Labelled):
    """Where a proposal stands; the last three are decisions."""

    DRAFT = ("draft", "Rasimu", "Draft")
    IN_PREVIEW = ("in_preview", "Inajaribiwa", "In preview")
    ACCEPTED = ("accepted", "Imekubaliwa", "Accepted")
    REJECTED = ("rejected", "Imekataliwa", "Rejected")
    DEFERRED = ("deferred", "Imeahirishwa", "Deferred")

    @property
    def is_decided(self) -> bool:
        """True once the proposal is accepted, rejected or deferred (feedback is then closed)."""
        return self in (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED, ProposalStatus.DEFERRED)


class Side(Labelled):
    """Which workspace of a preview pair: the toggle off (before) or on (after)."""

    BEFORE = ("before", "Kabla", "Before")
    AFTER = ("after", "Baada", "After")


class Helpfulness(Labelled):
    """The answer to "would it help your institution?"."""

    YES = ("yes", "Ndiyo", "Yes")
    NO = ("no", "Hapana", "No")
    UNSURE = ("unsure", "Sina uhakika", "Not sure")


class Respondent(Labelled):
    """Who gave the feedback: a stakeholder with an invitation, or a workshop trainee."""

    STAKEHOLDER = ("stakeholder", "Mdau", "Stakeholder")
    TRAINEE = ("trainee", "Mwanafunzi", "Trainee")


class JobRole(Labelled):
    """The respondent's role at their own institution (for the report's breakdown)."""

    OFFICER = ("officer", "Afisa mrejesho", "Feedback officer")
    HEAD = ("head", "Mkuu wa taasisi", "Head of institution")
    ICT_OFFICER = ("ict_officer", "Afisa TEHAMA", "ICT officer")
    LEADER = ("leader", "Kiongozi", "Leader")
    POLICY = ("policy", "Afisa sera / e-GA", "Policy or e-GA officer")
    OTHER = ("other", "Mwingine", "Other")


class Concern(Labelled):
    """The concerns a respondent may tick (grouped and counted in the decision report)."""

    WORKLOAD = ("workload", "Kuongeza kazi kwa maafisa", "More work for officers")
    TRAINING = ("training", "Inahitaji mafunzo zaidi", "Needs more training")
    CONNECTIVITY = ("connectivity", "Mtandao / gharama za SMS", "Network or SMS cost")
    CONFIDENTIALITY = ("confidentiality", "Usiri wa mlalamikaji", "The complainant's privacy")
    CITIZEN_CONFUSION = ("citizen_confusion", "Kuwachanganya wananchi", "Confusing citizens")
    DELAY = ("delay", "Kuchelewesha majibu", "Slower responses")
    OTHER = ("other", "Jingine", "Something else")
