from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from articles import desk, previews
from newsroom import views
from newsroom.models import SitePage

site_page_slugs = "|".join(SitePage.Kind.values)

urlpatterns = [
    # Before the admin's own URLs, whose catch-all would otherwise answer.
    path(
        "admin/desk/calendar/",
        admin.site.admin_view(desk.calendar_view),
        name="desk-calendar",
    ),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    re_path(rf"^(?P<slug>{site_page_slugs})/$", views.site_page, name="site-page"),
    path("author/", include("authors.urls")),
    path("preview/staff/<int:pk>/", previews.staff_preview, name="staff-preview"),
    path("preview/<str:token>/", previews.shared_preview, name="preview"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Last: categories take every other first path segment.
urlpatterns += [path("", include("articles.urls"))]
