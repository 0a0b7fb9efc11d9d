"""/contact/: the editable "Get In Touch" page with the contact form beside it.

The form page carries a CSRF token, so it is sent ``private, no-store``; the
thank-you page it redirects to is the same for everyone and stays cacheable.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from contact import inbox
from contact.forms import ContactForm
from newsroom import throttle
from newsroom.models import SitePage


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    page = SitePage.objects.filter(slug=SitePage.Kind.CONTACT).first()
    context = {"page": page, "default_title": SitePage.Kind.CONTACT.label}
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            verdict = throttle.hit(
                "contact-client",
                throttle.client_key(request),
                limit=settings.CONTACT_THROTTLE_PER_CLIENT,
            )
            if not verdict.allowed:
                context.update(form=form, retry_minutes=-(-verdict.retry_after // 60))
                response = render(request, "contact/contact.html", context, status=429)
                response["Retry-After"] = str(verdict.retry_after)
                return response
            if not form.is_spam:
                inbox.receive(
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    subject=form.cleaned_data["subject"],
                    message=form.cleaned_data["message"],
                )
            # A bot that filled the honeypot sees what a person sees.
            return redirect("contact:thanks")
    else:
        form = ContactForm()
    context["form"] = form
    return render(request, "contact/contact.html", context)


@require_http_methods(["GET", "HEAD"])
def thanks(request):
    return render(request, "contact/thanks.html")
