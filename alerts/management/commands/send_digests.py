from django.core.management.base import BaseCommand

from alerts.services import digests_send


class Command(BaseCommand):
    help = "E-mail every user the alerts they have not been mailed yet (one digest each)."

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"{sent} digest(s) sent")
