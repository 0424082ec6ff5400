"""The session store: Django's database sessions, read on every page by SQL written once per process
(accounts.account_reads); saving, creating and deleting are Django's."""

from django.contrib.sessions.backends import db
from django.utils import timezone

from accounts.account_reads import first_instance


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        now = timezone.now()
        session = first_instance(
            self.model,
            "t.session_key = %s AND t.expire_date > %s",
            [self.session_key, now],
            by_the_orm=lambda: self.model.objects.filter(session_key=self.session_key, expire_date__gt=now).first(),
        )
        if session is None:
            # As Django's store: a key with no live session is dropped, and a new one is made if the session is saved.
            self._session_key = None
        return session
