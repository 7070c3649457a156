from .roles import Role, has_role


def roles(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "can": {
            "analyse": has_role(user, Role.ANALYST),
            "edit": has_role(user, Role.EDITOR),
            "administer": has_role(user, Role.ADMIN),
        }
    }
