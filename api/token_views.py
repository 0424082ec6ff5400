"""The account's API tokens: create one (shown once), see each one's last use, revoke. Administrators see and revoke
everyone's in the admin site."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api import tokens
from api.forms import NewTokenForm
from api.models import ApiToken
from core.forms import add_service_errors


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = NewTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            row, secret = tokens.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                read_only=form.cleaned_data["access"] == "read",
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # Shown on this answer only: the token is not stored, so it cannot be shown again.
            created = {"token": row, "secret": secret}
            form = NewTokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "created": created, "tokens": ApiToken.objects.of(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request):
    """Revoke one of the user's own tokens, named by `token` in the POST; another's is not found, as a missing one."""
    pk = request.POST.get("token", "")
    token = ApiToken.objects.of(request.user).filter(pk=pk).first() if pk.isascii() and pk.isdigit() else None
    if token is None:
        messages.error(request, _("ไม่พบโทเค็นที่เลือกในบัญชีของท่าน"))
    elif tokens.revoke_token(token=token, by=request.user, request=request):
        messages.success(request, _("เพิกถอนโทเค็น “%(name)s” แล้ว ใช้เรียก API ไม่ได้อีก") % {"name": token.name})
    else:
        messages.info(request, _("โทเค็น “%(name)s” ถูกเพิกถอนไปก่อนแล้ว") % {"name": token.name})
    return redirect("api_tokens:list")
