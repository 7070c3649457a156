"""The role model (DESIGN §4), in one place.

Roles are Django groups and nest: an editor can do all an analyst can, an admin all an
editor can. Views say which role they need with `role_required`; templates read the
`can` dict that `accounts.context_processors.roles` puts in every page.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from functools import wraps

from django.core.exceptions import PermissionDenied


class Role(IntEnum):
    ANALYST = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def group_name(self) -> str:
        return self.name.lower()

    @classmethod
    def from_name(cls, name: str) -> Role:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(role.group_name for role in cls)
            raise ValueError(f"unknown role {name!r}; choose one of {choices}") from None


ROLE_GROUPS = [role.group_name for role in Role]


def user_role(user) -> Role | None:
    """The highest role a user holds, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    cached = getattr(user, "_stance_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    held = [role for role in Role if role.group_name in names]
    role = max(held) if held else None
    user._stance_role = role
    return role


def has_role(user, role: Role) -> bool:
    held = user_role(user)
    return held is not None and held >= role


def role_required(role: Role) -> Callable:
    """Refuse (403) a logged-in user below `role`. Login itself is enforced by middleware."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, role):
                raise PermissionDenied(f"This page needs the {role.group_name} role.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


analyst_required = role_required(Role.ANALYST)
editor_required = role_required(Role.EDITOR)
admin_required = role_required(Role.ADMIN)
