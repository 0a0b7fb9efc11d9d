"""The article as the desk edits it (``ArticleAdminForm``): refused when
someone else saved in between, or when a live or in-review article would
lose what publishing needs, with everything typed kept in the form."""

from django import forms
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from articles import limits
from articles.forms.lengths import refuse_longer_than
from articles.forms.tags import CommaSeparatedTagField, CommaSeparatedTagWidget
from articles.models import Article, Byline, Section
from articles.revisions import last_saved
from articles.roles import may_edit
from newsroom.text import NFCInputMixin, look_alikes
from newsroom.times import desk_time


def display_name(user):
    """A person as the desk names them: full name, else login name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class ArticleAdminForm(NFCInputMixin, forms.ModelForm):
    """The article as the desk edits it.

    Two people may have the same article open. The form carries the version
    it was loaded at; ``clean()`` locks the article's row (held until the
    admin's transaction ends, so through the save) and refuses the save when
    someone else saved in between, naming them. The refused input stays in
    the re-displayed form, so nothing typed is lost.

    A published or in-review article keeps what publishing needs
    (``Article.publication_problems``, the workflow's own check): a save
    that would take any of it away is refused, saying what would be missing.
    """

    # Set per request by ArticleAdmin.get_form(): the person saving.
    desk_user = None
    # Statuses in which an article must stay publishable: it is live (or
    # scheduled), or an editor is about to approve it.
    KEPT_PUBLISHABLE = frozenset({Article.Status.PUBLISHED, Article.Status.IN_REVIEW})
    # The hero is chosen from the image library (``library``), where the
    # upload itself is checked, re-encoded and held across a refused save.

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tags = CommaSeparatedTagField(
        label=_("Tags"),
        required=False,
        help_text=_(
            "Separate tags with commas, e.g. “city council, budget”. "
            "A tag may contain spaces."
        ),
        widget=CommaSeparatedTagWidget(attrs={"class": "vTextField"}),
    )

    class Meta:
        model = Article
        fields = (
            "headline",
            "slug",
            "dek",
            "hero_image",
            "hero_alt",
            "hero_caption",
            "hero_credit",
            "category",
            "tags",
            "summary",
            "is_featured",
        )
        # status, published_at and first_published_at are not here on purpose:
        # only the workflow (articles/workflow.py) changes them.
        error_messages = {
            "slug": {
                "unique": _(
                    "Another article already has this slug, so its address "
                    "would be taken; choose another (or leave it empty to "
                    "have one made from the headline)."
                )
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the conflict check found: the version under lock, and who
        # saved in between (for the page's message), if anyone.
        self.locked_version = None
        self.conflict = None
        # The article as saved, once the lock showed this form is current.
        self.current = None
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version
        if "slug" in self.fields:
            # Filled in from the headline when left empty (no JavaScript).
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The article's address; made from the headline if left empty."
            )

    def clean_dek(self):
        return refuse_longer_than(
            self.cleaned_data["dek"],
            limits.MAX_DEK_CHARS,
            _(
                "This intro is %(count)d characters long; an intro may have "
                "at most %(limit)d. Shorten it (the sections are the place "
                "for more), then save again."
            ),
        )

    def clean_summary(self):
        return refuse_longer_than(
            self.cleaned_data["summary"],
            limits.MAX_SUMMARY_CHARS,
            _(
                "This summary is %(count)d characters long; a summary may "
                "have at most %(limit)d. Shorten it (the sections are the "
                "place for more), then save again."
            ),
        )

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            cleaned_data["slug"] = Article.slug_for(
                cleaned_data.get("headline", ""), exclude_pk=self.instance.pk
            )
        elif "slug" in self.fields and cleaned_data["slug"] != self.instance.slug:
            self._refuse_look_alike_slug(cleaned_data["slug"])
        if self.instance.pk is not None:
            self._check_still_current(cleaned_data.get("loaded_version"))
        return cleaned_data

    def _refuse_look_alike_slug(self, slug):
        # A typed slug; one made from the headline is numbered instead.
        if look_alikes(slug, Article.objects.exclude(pk=self.instance.pk)):
            self.add_error(
                "slug",
                forms.ValidationError(
                    _(
                        "This address would look the same as another "
                        "article's but for letters from another script (such "
                        "as a Cyrillic “К” for a Latin “K”); readers could not "
                        "tell them apart. Choose another, or leave it empty "
                        "to have one made from the headline."
                    ),
                    code="look_alike",
                ),
            )

    def _check_still_current(self, loaded_version):
        # Locked until the admin's transaction commits: nobody can save, or
        # move the article on, between this check and this save.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        self.locked_version = current.version
        if self.desk_user is not None and not may_edit(self.desk_user, current):
            raise forms.ValidationError(
                _(
                    "Not saved: the article is %(status)s now, and no longer "
                    "yours to change. Your text is still in the form below; "
                    "copy what you need."
                ),
                code="not_editable",
                params={"status": current.get_status_display().lower()},
            )
        if loaded_version == current.version:
            self.current = current
            return
        user, saved_at = last_saved(current)
        self.conflict = {
            "by": display_name(user) or _("someone else"),
            "at": desk_time(saved_at),
        }
        # A second, deliberate save of this form replaces their version:
        # the person has been told whose work that is.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = current.version
        raise forms.ValidationError(
            _(
                "Not saved: %(by)s saved this article on %(at)s, after you "
                "opened it. Your changes are still in the form below. Compare "
                "with their version (open the article in another tab), then "
                "save again to replace it with yours."
            ),
            code="conflict",
            params=self.conflict,
        )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what was typed
        self._check_still_publishable()

    def _check_still_publishable(self):
        if self.current is None or self.current.status not in self.KEPT_PUBLISHABLE:
            return  # new, a draft, returned, unpublished: saved as it is
        counts = {}
        # The formsets of parts posted with this form (each joins the
        # article's list as it is made, before this form is validated:
        # ArticleAdmin.get_formset_kwargs): the parts as this save would
        # leave them. Parts not posted are counted as saved.
        for formset in getattr(self.instance, "posted_formsets", ()):
            name = {Byline: "bylines", Section: "sections"}.get(formset.model)
            if name is not None:
                counts[name] = formset.rows_kept()
        had = {str(problem) for problem in self.current.publication_problems()}
        # What it lacked already (an article published before a rule was) is
        # no reason to refuse a correction; only what this save takes away.
        missing = [
            str(problem)
            for problem in self.instance.publication_problems(**counts)
            if str(problem) not in had
        ]
        if not missing:
            return
        if self.current.status == Article.Status.PUBLISHED:
            message = _(
                "Not saved: this article is published, and it would no "
                "longer have what publishing needs: %(missing)s. Your "
                "changes are still in the form below: put back what is "
                "missing, or unpublish the article before taking it away."
            )
        else:
            message = _(
                "Not saved: this article is in review, and it would no "
                "longer have what publishing needs: %(missing)s. Your "
                "changes are still in the form below: put back what is "
                "missing, or request changes before taking it away."
            )
        self.add_error(
            None,
            forms.ValidationError(
                message,
                code="unpublishable",
                params={"missing": get_text_list(missing, _("and"))},
            ),
        )
