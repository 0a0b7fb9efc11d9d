"""The desk's Import page (administrators only): upload an export, read
its dry run's report, confirm, watch the import's progress, read its
report. The runs are tasks (``imports.tasks``); these views only start
them and show where they are. Every view checks the user itself."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imports import uploads
from imports.forms import ImportUploadForm
from imports.models import ImportRun
from imports.tasks import run_import
from newsroom.admin import DeskAdminMixin, readable_id

RUNNING = (ImportRun.Status.CHECKING, ImportRun.Status.IMPORTING)


@admin.register(ImportRun)
class ImportRunAdmin(DeskAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "status", "summary", "started_by", "created_at")
    list_select_related = ("started_by",)
    show_full_result_count = False

    # --- Administrators only ----------------------------------------------------

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return False  # a run is started and confirmed, never edited

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.status not in RUNNING
        )

    def get_urls(self):
        own = [
            path("<int:pk>/confirm/", self.admin_site.admin_view(self.confirm_view),
                 name="imports_importrun_confirm"),
            path("<int:pk>/progress/", self.admin_site.admin_view(self.progress_view),
                 name="imports_importrun_progress"),
        ]  # fmt: skip
        return own + super().get_urls()

    def allowed(self, request):
        if not self.has_module_permission(request):
            raise PermissionDenied

    # --- Upload: the dry run starts -------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        self.allowed(request)
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            run = ImportRun.objects.create(
                system=data["system"],
                file_name=data["export"].name[:255],
                stored_as=uploads.store(data["export"], data["system"]),
                media_dir=data["media_dir"],
                default_category=data["default_category"],
                overwrite=data["overwrite"],
                started_by=request.user,
            )
            transaction.on_commit(lambda: run_import.enqueue(run.pk, True))
            return redirect("admin:imports_importrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import an archive"),
            "form": form,
            "opts": self.opts,
            "runs": ImportRun.objects.select_related("started_by")[:10],
        }
        return TemplateResponse(request, "admin/imports/importrun/upload.html", context)

    # --- A run: its report, its confirmation, its progress -----------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.allowed(request)
        # An address typed by hand ("abc", a number past the column) is a 404.
        run = get_object_or_404(ImportRun, pk=readable_id(ImportRun, object_id))
        context = {
            **self.admin_site.each_context(request),
            "title": str(run),
            "run": run,
            "opts": self.opts,
            "running": run.status in RUNNING,
        }
        return TemplateResponse(request, "admin/imports/importrun/run.html", context)

    def confirm_view(self, request, pk):
        self.allowed(request)
        return confirm(request, pk)

    def progress_view(self, request, pk):
        self.allowed(request)
        run = get_object_or_404(ImportRun, pk=pk)
        return JsonResponse(
            {
                "status": run.status,
                "done": run.done,
                "total": run.total,
                "summary": run.summary,
            }
        )


@require_POST
def confirm(request, pk):
    """The real run, once the dry run's report was read; only from there."""
    with transaction.atomic():
        run = get_object_or_404(ImportRun.objects.select_for_update(), pk=pk)
        if run.status != ImportRun.Status.CHECKED:
            messages.error(request, _("This import is not waiting for confirmation."))
            return redirect("admin:imports_importrun_change", run.pk)
        run.status, run.done = ImportRun.Status.IMPORTING, 0
        run.save(update_fields=["status", "done", "updated_at"])
        transaction.on_commit(lambda: run_import.enqueue(run.pk, False))
    return redirect(reverse("admin:imports_importrun_change", args=[run.pk]))
