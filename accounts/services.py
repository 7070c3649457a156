from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .roles import Role


@transaction.atomic
def user_set_role(*, username: str, role: Role, password: str | None = None, email: str = ""):
    """Create the user if needed and give it exactly `role` (admins get Django admin)."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults={"email": email})
    if password:
        user.set_password(password)
    if email:
        user.email = email
    user.is_staff = role >= Role.ADMIN
    user.is_superuser = role >= Role.ADMIN
    user.save()
    groups = Group.objects.filter(name__in=[r.group_name for r in Role])
    user.groups.remove(*groups)
    group, _ = Group.objects.get_or_create(name=role.group_name)
    user.groups.add(group)
    return user
