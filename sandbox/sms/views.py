"""The simulated SMS gateway: inbound callback (Africa's Talking shape) and the outbox."""

from flask import Blueprint

from sandbox.workspace_routing import workspace_aware

bp = workspace_aware(Blueprint("sms", __name__, url_prefix="/sms", template_folder="templates"))
