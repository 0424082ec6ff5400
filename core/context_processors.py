from accounts.scope import staff_context


def portal(request):
    return staff_context(request.user) if getattr(request, "user", None) else {}
