"""What the benefits work adds to the programme detail screen, in one place: the Benefits
tab's and the delivery confidence mixins, their keys and their help."""

from __future__ import annotations

from screens.benefits.detail_benefits import BENEFIT_BINDINGS, BENEFITS_HELP, DetailBenefits
from screens.benefits.detail_confidence import (
    CONFIDENCE_BINDINGS,
    CONFIDENCE_HELP,
    DetailConfidence,
)


class BenefitsOnDetail(DetailConfidence, DetailBenefits):
    """The Benefits tab, delivery confidence and Response to Red on the detail screen."""


DETAIL_BINDINGS = [*BENEFIT_BINDINGS, *CONFIDENCE_BINDINGS]
DETAIL_HELP = BENEFITS_HELP + CONFIDENCE_HELP
