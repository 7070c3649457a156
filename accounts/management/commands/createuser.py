import secrets

from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import user_set_role


class Command(BaseCommand):
    help = "Create a user (or change an existing one) with a role: analyst, editor or admin."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help="analyst, editor or admin")
        parser.add_argument("--password", help="defaults to a random one, printed once")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, password, email, **options):
        try:
            chosen = Role.from_name(role)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        user_set_role(username=username, role=chosen, password=password, email=email)
        self.stdout.write(f"{username}: role {chosen.group_name}")
        if generated:
            self.stdout.write(f"password: {password}")
