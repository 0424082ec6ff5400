"""Signals other apps listen to, so that the registry needs to know nothing of them."""

from django.dispatch import Signal

# Sent after a volunteer moved to another province (sender: Volunteer; volunteer, from_province, to_province): the
# province they left changed too, though none of its volunteers' rows did.
volunteer_moved = Signal()
