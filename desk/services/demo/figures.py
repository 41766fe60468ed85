"""What the demo draws for the supervisor's figures besides the dossiers' paths: the
channel, how the fees are paid, the scans, the rating at hand-back. From a stream of its
own (``generator.FIGURES_STREAM``), FIGURE_DRAWS draws for every dossier, so the draws of
the dossiers' lives and forms stay as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from desk.domain.dossier import Channel
from desk.domain.fees import PaymentMethod
from desk.domain.handover import Handover, Satisfaction
from desk.services.demo.data import DEMO_SCAN_SHA256

if TYPE_CHECKING:
    from desk.services.demo.generator import DemoDossier

FIGURES_STREAM = 0x5EED_F164  # each chunk's third stream is seeded seed ^ this
FIGURE_DRAWS = 5


def demo_handover(demo: DemoDossier) -> Handover:
    """How the demo hands a result back: to the applicant, with the drawn rating."""
    return Handover(demo.rating, result_sha256=DEMO_SCAN_SHA256 if demo.result_scanned else "")


def draw_figures(demo: DemoDossier, figures: Callable[[], float], *, scans: bool) -> None:
    """What the supervisor's month shows besides the dossiers' paths: a few arrive online or
    by post, some pay by transfer, most citizens are satisfied and, with ``scans``, most
    papers and results are scanned (a plausible commune, not a measured one). Without
    ``scans`` the same draws are made, so the dossiers stay the same otherwise."""
    channel, payment, scanned, rating, result = (figures() for _ in range(FIGURE_DRAWS))
    request = demo.request
    request.channel = (
        Channel.ONLINE if channel < 0.08 else Channel.POST if channel < 0.1 else Channel.IN_PERSON
    )
    if payment < 0.3:
        request.payment = PaymentMethod.TRANSFER
    if scans and scanned < 0.7:
        request.documents = [
            replace(document, attachment_sha256=DEMO_SCAN_SHA256) for document in request.documents
        ]
    demo.rating = (
        Satisfaction.SATISFIED
        if rating < 0.95
        else Satisfaction.NEUTRAL
        if rating < 0.985
        else Satisfaction.DISSATISFIED
    )
    demo.result_scanned = scans and result < 0.6
