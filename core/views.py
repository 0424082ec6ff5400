from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.scope import home_province_id, is_national
from provinces.models import Province


@login_required
def home(request):
    """Province staff land on their province; HQ and administrators on the list of all provinces."""
    if is_national(request.user):
        return redirect("provinces:list")
    province_id = home_province_id(request.user)
    if province_id:
        return redirect("provinces:detail", code=Province.objects.get(pk=province_id).code)
    return render(request, "core/no_role.html", status=403)
