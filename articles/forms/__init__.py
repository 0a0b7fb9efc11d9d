"""Forms of the newsroom desk, one module per concern: the article
(``article``), its tags (``tags``), its parts and their formsets (``parts``),
the workflow buttons and preview links (``transitions``), and the one rule
for text that is too long (``lengths``). Imported from here by the admin."""

from articles.forms.article import ArticleAdminForm, display_name
from articles.forms.lengths import refuse_longer_than
from articles.forms.parts import (
    ArticlePartsFormSet,
    BylineFormSet,
    CorrectionForm,
    FAQForm,
    OrderedInlineFormSet,
    OrderedPartForm,
    SectionForm,
)
from articles.forms.tags import CommaSeparatedTagField, CommaSeparatedTagWidget
from articles.forms.transitions import (
    ApproveForm,
    PreviewLinkForm,
    RescheduleForm,
    TransitionForm,
)

__all__ = [
    "ApproveForm",
    "ArticleAdminForm",
    "ArticlePartsFormSet",
    "BylineFormSet",
    "CommaSeparatedTagField",
    "CommaSeparatedTagWidget",
    "CorrectionForm",
    "FAQForm",
    "OrderedInlineFormSet",
    "OrderedPartForm",
    "PreviewLinkForm",
    "RescheduleForm",
    "SectionForm",
    "TransitionForm",
    "display_name",
    "refuse_longer_than",
]
