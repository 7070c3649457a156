from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role, has_role
from api.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for USER (who needs the analyst role) and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"no user {username!r}") from None
        if not has_role(user, Role.ANALYST):
            self.stderr.write(f"warning: {username} has no analyst role; the API will refuse it")
        _, raw = api_token_create(user=user, name=name)
        self.stdout.write(raw)
