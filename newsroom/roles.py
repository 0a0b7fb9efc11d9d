"""Who is an editor: the newsroom's two roles, named once for every app.

The groups are created by ``articles/migrations/0002_roles.py`` (and widened
by later role migrations). Model permissions say which models a role may
touch; which article rows it may touch is the articles app's rule
(``articles.roles``), built on this one.
"""

EDITORS = "Editors"
JOURNALISTS = "Journalists"


def is_editor(user):
    """Superusers and members of the Editors group (cached on the user)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_newsroom_is_editor"):
        user._newsroom_is_editor = user.groups.filter(name=EDITORS).exists()
    return user._newsroom_is_editor
