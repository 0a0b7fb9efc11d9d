"""The demo newsroom loaded by ``manage.py seed_demo``: a fictional publication.

- ``publication``: the site's identity, its staff, the demo logins, the site pages;
- ``phrasebook`` and ``desks``: the phrase banks stories are written from, one desk
  (category) per module;
- ``writing``: turns the phrase banks into article plans, deterministically;
- ``images``: hero images and avatars, drawn with Pillow;
- ``build``: writes whatever is missing to the database.
"""
