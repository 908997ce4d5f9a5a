"""Editing the database for writers: one safe command per step of the yearly cycle.

Every command reads the files it changes in ruamel's round-trip mode, so comments,
key order and quoting stay as the writer left them; builds the database as it would
be after the change and validates it; and only then writes, atomically, all files or
none. See `session.Session` for the shared sequence and `content/redaktorsguide.md`
for the writers' guide.
"""
