"""The office database: the only layer that speaks SQL, and it raises ``DeskError``s only.

- ``db``: the engine and units of work (SQLite or PostgreSQL); ``migrate``: Alembic.
- ``models``: the tables; ``rows``: the one mapping of domain objects to rows and back.
- ``office``: the office, staff accounts, the catalogue, calendar exceptions, the day's
  sequence of codes; ``people``: people merged by ID number.
- ``dossiers``: writing a dossier, ``save_change`` (the only way a change is recorded),
  loading whole dossiers; ``search``: the list, the search box and lookup by code, all
  in the one summary projection; ``counts``: the day's figures.
- ``bulk``: loading many rows at once (the demo); ``sync_repository`` and
  ``sync_records``: what the provincial sync keeps.
"""
