"""One form per workspace page, in one module per section. Every field is optional
unless a record cannot exist without it, so a draft can always be saved as the
assessor types."""

from hub.workspace.forms.chronology import BUNDLE_REFERENCE, ChronologyEntryForm, PartialDateField, PartialDateWidget
from hub.workspace.forms.frameworks import (
    EQUALITY_AREAS,
    CapacityForm,
    EqualityForm,
    FactorsForm,
    HypothesisForm,
    QuestionsForm,
    RiskForm,
    TriangleForm,
)
from hub.workspace.forms.household import AdultViewsForm, ChildRecordForm
from hub.workspace.forms.overview import FamilyLinkForm
from hub.workspace.forms.sessions import SessionForm
from hub.workspace.forms.sources import AnswerForm, InformationRequestForm

__all__ = [
    "BUNDLE_REFERENCE",
    "EQUALITY_AREAS",
    "AdultViewsForm",
    "AnswerForm",
    "CapacityForm",
    "ChildRecordForm",
    "ChronologyEntryForm",
    "EqualityForm",
    "FactorsForm",
    "FamilyLinkForm",
    "HypothesisForm",
    "InformationRequestForm",
    "PartialDateField",
    "PartialDateWidget",
    "QuestionsForm",
    "RiskForm",
    "SessionForm",
    "TriangleForm",
]
