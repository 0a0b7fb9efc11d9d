"""The article as the desk edits it (``ArticleAdminForm``): merged with a
save someone else made in between (``articles.forms.merging``), refused when
both changed the same thing or when a live or in-review article would lose
what publishing needs, with everything typed kept in the form."""

from django import forms
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from articles import limits
from articles.forms import merging
from articles.forms.lengths import (
    counted_by_the_desk,
    refuse_longer_than,
    single_line_within,
)
from articles.forms.tags import CommaSeparatedTagField, CommaSeparatedTagWidget
from articles.models import Article, Byline, Section
from articles.revisions import last_saved
from articles.roles import may_edit
from newsroom.text import NFCInputMixin, look_alikes
from newsroom.times import desk_time, newsroom_zone


def display_name(user):
    """A person as the desk names them: full name, else login name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class NewsroomDateTimeField(forms.DateTimeField):
    """A date and time typed in the newsroom's zone (as the workflow's
    schedule is), whatever zone a request may have activated, in one native
    input: the admin's split widget leaves its two boxes without labels."""

    widget = forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
    )

    def prepare_value(self, value):
        with timezone.override(newsroom_zone()):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(newsroom_zone()):
            return super().to_python(value)


class ArticleAdminForm(NFCInputMixin, forms.ModelForm):
    """The article as the desk edits it.

    Two people may have the same article open. The form carries the version
    it was loaded at; ``clean()`` locks the article's row (held until the
    admin's transaction ends, so through the save). When someone else saved
    in between, the two saves are merged (``articles.merge``): what only
    one of them changed is kept, and only what both changed differently
    refuses the save, naming them and showing both versions with a choice
    for each. The refused input stays in the re-displayed form, so nothing
    typed is lost.

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
    coverage_started_at = NewsroomDateTimeField(
        label=_("Coverage started"),
        required=False,
        help_text=_(
            "When the live coverage began, in the newsroom's time, as search "
            "engines are told; empty, its first publication."
        ),
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
            "seo_title",
            "seo_description",
            "is_featured",
            "is_live_blog",
            "entries_need_approval",
            "coverage_started_at",
        )
        # status, published_at and first_published_at are not here on purpose:
        # only the workflow (articles/workflow.py) changes them.
        widgets = {"seo_description": forms.Textarea(attrs={"rows": 3})}
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
        # A stale save's merge (articles.merge), its message once saved, and
        # the version its conflicts were shown at.
        self.merge = None
        self.merged_message = ""
        self.merge_version = None
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
        for name in ("seo_title", "seo_description"):
            if name in self.fields:
                counted_by_the_desk(self.fields[name])

    def clean_seo_title(self):
        return single_line_within(
            self.cleaned_data["seo_title"],
            Article._meta.get_field("seo_title").max_length,
            _(
                "This SEO title is %(count)d characters long; it may have at "
                "most %(limit)d (search results show about 60). Shorten it, "
                "then save again."
            ),
        )

    def clean_seo_description(self):
        return single_line_within(
            self.cleaned_data["seo_description"],
            Article._meta.get_field("seo_description").max_length,
            _(
                "This SEO description is %(count)d characters long; it may "
                "have at most %(limit)d (search results show about 160). "
                "Shorten it, then save again."
            ),
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

    def clean_coverage_started_at(self):
        started = self.cleaned_data["coverage_started_at"]
        ended = self.instance.coverage_ended_at
        if started is not None and ended is not None and started > ended:
            raise forms.ValidationError(
                _(
                    "The coverage cannot start after it ended (%(ended)s): "
                    "choose an earlier time, or leave it empty."
                ),
                code="after_end",
                params={"ended": desk_time(ended)},
            )
        return started

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
        if not merging.formsets_valid(self):
            # Refused for its rows' errors anyway; merged once they are right.
            self.current = current
            return
        user, saved_at = last_saved(current)
        self.conflict = {
            "by": display_name(user) or _("someone else"),
            "at": desk_time(saved_at),
        }
        self.merge = merging.stale_merge(self, current, loaded_version)
        if self.merge is None:
            self._refuse_unmergeable(current)
        if self.merge.conflicts:
            merging.show_merged(self, self.merge)
            self.merge_version = current.version
            raise forms.ValidationError(
                _(
                    "Not saved: %(by)s saved this article on %(at)s, after you "
                    "opened it, and you both changed %(what)s. Their version "
                    "and yours are side by side below: choose which to keep, "
                    "then save again. Everything else is merged: their other "
                    "changes and yours are both kept."
                ),
                code="conflict",
                params={
                    **self.conflict,
                    "what": merging.conflict_message_names(self.merge),
                },
            )
        merging.apply(self, self.merge, current)
        self.merged_message = merging.merged_message(
            self.merge, by=self.conflict["by"], saved_at=saved_at
        )
        self.current = current

    def _refuse_unmergeable(self, current):
        # The version this form was loaded at is not in the history (or the
        # form names none): nothing tells whose changes are whose. A second,
        # deliberate save of this form replaces their version: the person
        # has been told whose work that is.
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

    @property
    def conflicts_shown(self):
        """The conflicts of a stale save, side by side, for the page."""
        if self.merge is None or not self.merge.conflicts:
            return []
        return merging.conflicts_shown(self, self.merge)

    @property
    def merge_choices_kept(self):
        if self.merge is None or not self.merge.conflicts:
            return []
        return merging.choices_kept(self, self.merge)

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
