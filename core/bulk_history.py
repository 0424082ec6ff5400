"""The "insert" and "update" history of rows a bulk writer (the roster and report imports) writes itself.

pghistory's row trigger attaches the context once per row, which made it most of an import's write; the imports
write the same history rows in one statement per batch instead (rosters.pipeline.insert_with_history). The row
trigger must then not fire. pgtrigger.ignore would still call the trigger's function for every row only to learn it
should do nothing (a tenth of the import's write); the WHEN clause of `insert_event` is checked by PostgreSQL
without calling it.
"""

import pghistory
import pgtrigger

# Named when it stood for inserts only; it now silences the update tracker too. Renaming it would rewrite the
# triggers of four models for a name.
SETTING = "portal.insert_history_written"
NOT_WRITTEN_HERE = f"current_setting('{SETTING}', true) IS DISTINCT FROM 'on'"


def insert_event() -> pghistory.InsertEvent:
    """pghistory's "insert" tracker, silent while `history_written_here` is on."""
    return pghistory.InsertEvent(condition=pgtrigger.Condition(NOT_WRITTEN_HERE))


class _AndNotWrittenHere(pgtrigger.Condition):
    def __init__(self, condition: pgtrigger.Condition):
        super().__init__(NOT_WRITTEN_HERE)
        self.condition = condition

    def resolve(self, model):
        return f"(({self.condition.resolve(model)}) AND {NOT_WRITTEN_HERE})"


def update_event(*, exclude: list[str]) -> pghistory.UpdateEvent:
    """pghistory's "update" tracker for a change to any tracked field but the `exclude`d (those excluded from the
    history) and the automatic ones (updated_at), silent while `history_written_here` is on."""
    return pghistory.UpdateEvent(condition=_AndNotWrittenHere(pgtrigger.AnyChange(exclude=exclude, exclude_auto=True)))


class history_written_here:
    """Inside the block, inserts and updates of models tracked with `insert_event` and `update_event` write no history
    row: the caller writes them.

    The setting is local to the transaction: a failure inside the block rolls it back with everything else, and it
    is turned off again at the block's end, so other inserts of the same transaction keep their history."""

    def __init__(self, cursor):
        self.cursor = cursor

    def __enter__(self):
        self.cursor.execute("SELECT set_config(%s, 'on', true)", [SETTING])
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.cursor.execute("SELECT set_config(%s, '', true)", [SETTING])
        return False
