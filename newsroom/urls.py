from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from articles import desk_home, previews, sitemaps
from articles import urls as article_urls
from newsroom import admin as desk_admin
from newsroom import media, page_keys, views
from newsroom.models import SitePage

site_page_slugs = "|".join(SitePage.Kind.values)
# What the crawlers' files show, for the page cache (newsroom.page_keys).
sitemap_pages = page_keys.depends_on(page_keys.SITEMAPS)

urlpatterns = [
    # Before the admin's own URLs, whose catch-all would otherwise answer.
    path(
        "admin/desk/calendar/",
        admin.site.admin_view(desk_home.calendar_view),
        name="desk-calendar",
    ),
    # Ours, not Django's: it would tell a draft's address to any staff login.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(desk_admin.view_on_site),
        name="desk-view-on-site",
    ),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path(
        "robots.txt",
        page_keys.depends_on(page_keys.SITE)(
            TemplateView.as_view(
                template_name="robots.txt", content_type="text/plain; charset=utf-8"
            )
        ),
        name="robots",
    ),
    path(
        "sitemap.xml",
        sitemap_pages(sitemap_views.index),
        {"sitemaps": sitemaps.SECTIONS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    # No category can shadow these: a slug has no dot.
    path(
        "sitemap-<section>.xml",
        sitemap_pages(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SECTIONS, "template_name": "sitemaps/section.xml"},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", sitemap_pages(sitemaps.news_sitemap), name="news-sitemap"),
    # Before the site pages: /contact/ is the "contact" page's text plus the
    # form. The site-page route still names it, for links and sitemaps.
    path("contact/", include("contact.urls")),
    path("subscribe/", include("newsletter.urls")),
    re_path(rf"^(?P<slug>{site_page_slugs})/$", views.site_page, name="site-page"),
    path("author/", include((article_urls.author_patterns, "authors"))),
    path("preview/staff/<int:pk>/", previews.staff_preview, name="staff-preview"),
    path("preview/<str:token>/", previews.shared_preview, name="preview"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        # Images only, with nosniff and Cache-Control: see newsroom.media.
        re_path(r"^media/(?P<path>.*)$", media.serve_media),
    ]

# Last: categories take every other first path segment.
urlpatterns += [path("", include("articles.urls"))]
