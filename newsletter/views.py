"""The sign-up page and the pages our e-mailed links open.

Pages with a form carry a CSRF token or a personal link, so they are sent
``private, no-store``: no shared cache may keep one reader's copy for the
next. The pages a form redirects to say the same thing to everyone and stay
cacheable.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletter import subscriptions, tokens
from newsletter.forms import SubscribeForm
from newsletter.models import Subscriber
from newsroom import throttle

SAFE_AND_POST = ["GET", "HEAD", "POST"]


def allowance(request, email):
    """The client's allowance first: a client over its limit learns nothing
    about, and uses up nothing of, the address's own allowance."""
    verdict = throttle.hit(
        "newsletter-client",
        throttle.client_key(request),
        limit=settings.NEWSLETTER_THROTTLE_PER_CLIENT,
    )
    if not verdict.allowed:
        return verdict
    return throttle.hit(
        "newsletter-address",
        email.lower(),
        limit=settings.NEWSLETTER_THROTTLE_PER_ADDRESS,
    )


@never_cache
@require_http_methods(SAFE_AND_POST)
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            verdict = allowance(request, email)
            if not verdict.allowed:
                # Counted per attempt, whatever the address's state: the
                # refusal says nothing about whether it is on the list.
                response = render(
                    request,
                    "newsletter/subscribe.html",
                    {"form": form, "retry_minutes": -(-verdict.retry_after // 60)},
                    status=429,
                )
                response["Retry-After"] = str(verdict.retry_after)
                return response
            subscriptions.request_subscription(email=email)
            # The same redirect for every address: new, waiting, subscribed
            # or gone. Only the e-mail tells its owner which it was.
            return redirect("newsletter:sent")
    else:
        form = SubscribeForm()
    return render(request, "newsletter/subscribe.html", {"form": form})


@require_http_methods(["GET", "HEAD"])
def sent(request):
    context = {"confirm_days": settings.NEWSLETTER_CONFIRM_DAYS}
    return render(request, "newsletter/sent.html", context)


def link_problem(request, *, purpose, expired=False):
    status = 410 if expired else 400
    context = {"purpose": purpose, "expired": expired, "status": status}
    return render(request, "newsletter/link_problem.html", context, status=status)


# A page with a button, not a confirmation on GET: link scanners in mail
# systems open every link (GET or HEAD), and must not sign anyone up. The
# button posts with a CSRF token, which no scanner has.
@never_cache
@require_http_methods(SAFE_AND_POST)
def confirm(request, token):
    try:
        if request.method == "POST":
            subscriptions.confirm(token)
            return redirect("newsletter:confirmed")
        subscriber = subscriptions.subscriber_for_confirmation(token)
    except tokens.ExpiredToken:
        return link_problem(request, purpose="confirm", expired=True)
    except tokens.InvalidToken:
        return link_problem(request, purpose="confirm")
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return render(request, "newsletter/confirmed.html")
    return render(
        request,
        "newsletter/confirm.html",
        {"subscriber": subscriber, "token": token},
    )


@require_http_methods(["GET", "HEAD"])
def confirmed(request):
    return render(request, "newsletter/confirmed.html")


# Mail clients post RFC 8058 one-click requests without a cookie or a CSRF
# token; the signed token in the address is what proves the request genuine.
@csrf_exempt
@never_cache
@require_http_methods(SAFE_AND_POST)
def unsubscribe(request, token):
    try:
        subscriber = subscriptions.subscriber_for_unsubscribe(token)
    except tokens.InvalidToken:
        return link_problem(request, purpose="unsubscribe")
    if request.method == "POST":
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            # A mail client, not a browser: answer in place, no redirect.
            return render(request, "newsletter/unsubscribed.html")
        return redirect("newsletter:unsubscribed")
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return render(request, "newsletter/unsubscribed.html")
    # A page with a button, not an unsubscribe on GET: link scanners in
    # mail systems open every link, and must not sign anyone out.
    return render(
        request,
        "newsletter/unsubscribe.html",
        {"subscriber": subscriber, "token": token},
    )


@require_http_methods(["GET", "HEAD"])
def unsubscribed(request):
    return render(request, "newsletter/unsubscribed.html")
