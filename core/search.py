"""Search boxes that keep a national ID out of every URL.

A URL lands in the access log, the browser's history and the Referer header of the next request, so a full national
ID typed into a search must never become one. The list pages' search forms therefore POST to core:search with the
page to go back to in `next`; `search_redirect` turns the POST into that page's GET URL (so it can be reloaded,
bookmarked and paginated), but a search text that holds a national ID is kept in the session behind a short random
token, and the URL carries `?search=<token>` instead. `search_params` reads the token back for the filter form; the
page's links and exports keep the token.
"""

import re
import secrets

from django.http import HttpResponseRedirect, QueryDict
from django.utils.http import MAX_URL_REDIRECT_LENGTH

from core import thai

TOKEN_PARAM = "search"
SESSION_KEY = "searches"
# Searches kept per session: enough for the tabs an officer has open, not a growing pile of IDs.
KEEP = 20


def holds_national_id(text) -> bool:
    """Thirteen digits or more, whatever separates them: a full ID however it was typed. A false alarm (two phone
    numbers in one search) costs only a token in the URL."""
    return len(re.findall(r"\d", thai.normalize_national_id(text or ""))) >= 13


def _stash(request, text: str) -> str:
    searches = dict(request.session.get(SESSION_KEY) or {})
    for token, kept in searches.items():
        if kept == text:
            return token
    token = secrets.token_urlsafe(6)
    searches[token] = text
    while len(searches) > KEEP:
        searches.pop(next(iter(searches)))
    request.session[SESSION_KEY] = searches
    return token


# Fields of a search form that are not part of the search: the CSRF token, where to go back to, the page number
# (a new search starts on page 1).
NOT_SEARCHED = {"csrfmiddlewaretoken", "next", "page"}


def id_free_query(request, data, *, text_field: str = "q") -> QueryDict:
    """The form's non-empty values as a query, with a search text that holds an ID swapped for a token."""
    query = QueryDict(mutable=True)
    for name in data:
        values = [value for value in data.getlist(name) if value not in ("", None)]
        if name in NOT_SEARCHED or not values:
            continue
        if name == text_field and holds_national_id(values[-1]):
            query[TOKEN_PARAM] = _stash(request, values[-1])
        else:
            query.setlist(name, values)
    return query


def search_redirect(request, url: str, *, text_field: str = "q") -> HttpResponseRedirect:
    """The search form posted to core:search (or a GET whose search holds an ID) as the list page's URL, the ID left
    out of it."""
    data = request.POST if request.method == "POST" else request.GET
    query = id_free_query(request, data, text_field=text_field)
    target = f"{url}?{query.urlencode()}" if query else url
    if len(target) > MAX_URL_REDIRECT_LENGTH:
        # Django refuses to redirect to a longer address (a 400); no real filter is that long, so the search goes
        # on without the other parameters.
        target = f"{url}?{TOKEN_PARAM}={query[TOKEN_PARAM]}" if TOKEN_PARAM in query else url
    return HttpResponseRedirect(target)


def needs_redirect(request, *, text_field: str = "q") -> bool:
    """A list page's GET that must be sent on to the ID-free URL: its search text holds an ID (an old bookmark,
    a hand-typed address)."""
    return request.method == "GET" and holds_national_id(request.GET.get(text_field))


def search_params(request, *, text_field: str = "q") -> QueryDict:
    """request.GET with `?search=<token>` read back from the session, for binding the filter form; a token this
    session does not know (signed out since, another browser) searches for nothing."""
    params = request.GET.copy()
    token = params.pop(TOKEN_PARAM, [None])[-1]
    if token is not None:
        params[text_field] = (request.session.get(SESSION_KEY) or {}).get(token, "")
    return params
