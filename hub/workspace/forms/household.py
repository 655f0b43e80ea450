"""A child's record and an adult's views."""

from hub.core.forms import GovukModelForm
from hub.workspace.forms.common import textarea
from hub.workspace.models import (
    AdultRecord,
    ChildRecord,
)


class ChildRecordForm(GovukModelForm):
    class Meta:
        model = ChildRecord
        fields = ["considered", "views"]
        labels = {
            "considered": "Evidence that this child was considered",
            "views": "The child's views, in their own words",
        }
        help_texts = {
            "considered": "How this child's needs were assessed, however well they appear to be doing",
            "views": "Quote them where you can; for a young child, what you observed through play or behaviour",
        }
        widgets = {"considered": textarea(5), "views": textarea(5)}


class AdultViewsForm(GovukModelForm):
    class Meta:
        model = AdultRecord
        fields = ["views"]
        labels = {"views": "Their views, in their own words"}
        widgets = {"views": textarea(6)}
