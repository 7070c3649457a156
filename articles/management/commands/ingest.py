"""manage.py ingest: bring articles in from the command line."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import services
from articles.models import Feed, IngestionJob

Status = IngestionJob.Status


def _is_url(value: str) -> bool:
    return "://" in value


def broker_is_real() -> bool:
    return not settings.CELERY_BROKER_URL.startswith(("filesystem://", "memory://"))


class Command(BaseCommand):
    help = (
        "Ingest articles from URLs, .html/.htm/.txt files, folders of them and .zip files, "
        "or poll an RSS/Atom feed with --feed. Several inputs make one batch. Text files "
        "may start with the evaluation corpus's header lines (url:, outlet:, published:, "
        "title:, then a blank line). With no real Celery broker configured (the default "
        "filesystem:// one) jobs run here, in this process; with one, they are queued for "
        "the workers and this command waits for them unless --no-wait is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="*", help="URLs, files, folders or .zip files")
        parser.add_argument(
            "--feed",
            action="append",
            default=[],
            metavar="URL",
            help="register this feed (if new) and poll it now",
        )
        parser.add_argument("--user", help="username to record as the one who started the jobs")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--in-process",
            action="store_true",
            help="run the jobs here even if a broker is configured",
        )
        mode.add_argument(
            "--queue", action="store_true", help="queue the jobs for the Celery workers"
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="with --queue: do not wait for the jobs to finish",
        )

    def handle(self, *args, **options):
        if not options["inputs"] and not options["feed"]:
            raise CommandError("Give at least one URL, file, folder or .zip, or --feed URL.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user called {options['user']!r}.")
        in_process = options["in_process"] or not (options["queue"] or broker_is_real())

        with transaction.atomic():
            top = self._create_jobs(options["inputs"], options["feed"], user)
            if not in_process:
                for job in top:
                    if job.is_batch:
                        services.batch_enqueue(batch=job)
                    else:
                        services.job_enqueue(job=job)

        if in_process:
            self._run_here(top)
        elif options["no_wait"]:
            ids = ", ".join(f"#{job.pk}" for job in top)
            self.stdout.write(f"Queued {ids}; follow them at /ingest/jobs/.")
            return
        else:
            self._wait(top)
        self._summary(top)

    # --- creating -------------------------------------------------------------------------

    def _files_in(self, path: Path) -> list[Path]:
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in services.FILE_EXTENSIONS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )

    def _create_jobs(self, inputs, feeds, user) -> list[IngestionJob]:
        """Top-level jobs: one per feed, one per zip (a batch), and the rest either as a
        single job or, when there are several, one batch."""
        top: list[IngestionJob] = []
        loose: list[tuple[str, object]] = []
        for value in inputs:
            if _is_url(value):
                loose.append(("url", value))
                continue
            path = Path(value)
            if path.is_dir():
                files = self._files_in(path)
                if not files:
                    raise CommandError(f"{path} holds no .html, .htm or .txt files.")
                loose.extend(("file", p) for p in files)
            elif path.suffix.lower() == ".zip" and path.is_file():
                top.append(
                    services.batch_create_from_zip(path_or_file=path, source=str(path), user=user)
                )
            elif path.is_file():
                loose.append(("file", path))
            else:
                raise CommandError(f"{value} is neither a URL nor an existing file or folder.")

        parent = None
        if len(loose) > 1:
            parent = services.batch_create(
                source=f"{len(loose)} inputs from the command line", user=user
            )
            top.append(parent)
        for kind, value in loose:
            if kind == "url":
                job = services.job_create_url(url=value, user=user, parent=parent)
            else:
                size = value.stat().st_size
                with value.open("rb") as handle:
                    data = handle.read(settings.INGEST_MAX_BYTES + 1)
                job = services.job_create_file(
                    name=value.name, data=data, size=size, user=user, parent=parent
                )
            if parent is None:
                top.append(job)
        if parent is not None:
            services.batch_refresh(batch_id=parent.pk)

        for url in feeds:
            feed = Feed.objects.filter(url=url).first()
            if feed is None:
                feed = services.feed_create(url=url, user=user)
                self.stdout.write(f"Registered feed {url}")
            top.append(services.feed_poll_job_create(feed=feed, user=user))
        return top

    # --- running ------------------------------------------------------------------------

    def _pending(self, job: IngestionJob) -> list[int]:
        if job.is_batch:
            return list(job.children.filter(status=Status.QUEUED).values_list("pk", flat=True))
        return [job.pk]

    def _run_here(self, top: list[IngestionJob]) -> None:
        for job in top:
            ids = self._pending(job)
            for done, job_id in enumerate(ids, start=1):
                services.job_run_inline(job_id=job_id)
                if job.is_batch:
                    self._progress(done, len(ids))
            if job.kind == IngestionJob.Kind.FEED:
                # The poll queued one URL job per new entry; run those here too.
                queued = job.children.filter(status=Status.QUEUED)
                children = list(queued.values_list("pk", flat=True))
                for done, child_id in enumerate(children, start=1):
                    services.job_run_inline(job_id=child_id)
                    self._progress(done, len(children))

    def _wait(self, top: list[IngestionJob]) -> None:
        ids = [job.pk for job in top]
        while True:
            jobs = list(IngestionJob.objects.filter(pk__in=ids))
            done = sum(job.progress for job in jobs) // max(1, len(jobs))
            self._progress(done, 100)
            if all(job.is_finished for job in jobs):
                return
            time.sleep(1)

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(1, total)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if self.stdout.isatty():
            self.stdout.write(f"\r{line}", ending="")
            if done >= total:
                self.stdout.write("")
        elif done >= total or done % 10 == 0:
            self.stdout.write(line)

    # --- reporting ----------------------------------------------------------------------

    def _summary(self, top: list[IngestionJob]) -> None:
        ids = [job.pk for job in top]
        jobs = list(
            IngestionJob.objects.filter(pk__in=ids) | IngestionJob.objects.filter(parent_id__in=ids)
        )
        leaves = [job for job in jobs if not job.is_batch and job.kind != IngestionJob.Kind.FEED]
        feeds = [job for job in jobs if job.kind == IngestionJob.Kind.FEED]
        batches = [
            job
            for job in jobs
            if job.is_batch and job.status == Status.FAILED and not job.counts.get("total")
        ]
        for job in sorted(leaves + feeds + batches, key=lambda j: j.pk):
            self.stdout.write(self._line(job))
        counts = dict.fromkeys(Status.values, 0)
        for job in leaves:
            counts[job.status] += 1
        statements = sum(job.counts.get("statements", 0) for job in leaves)
        self.stdout.write(
            f"{len(leaves)} job(s): {counts['succeeded']} succeeded, {counts['duplicate']} "
            f"duplicate, {counts['failed']} failed, {counts['queued'] + counts['running']} "
            f"unfinished; {statements} statement(s) found."
        )
        failed = counts["failed"] + len(batches) + sum(job.status == Status.FAILED for job in feeds)
        if failed:
            # A non-zero exit, so scripts notice.
            raise CommandError(f"{failed} input(s) failed; see the reasons above.")

    def _line(self, job: IngestionJob) -> str:
        label = f"#{job.pk} {job.source}"
        if job.status == Status.SUCCEEDED:
            if job.kind == IngestionJob.Kind.FEED:
                return self.style.SUCCESS(
                    f"{label}: polled, {job.counts.get('new', 0)} new entr(ies)"
                )
            return self.style.SUCCESS(
                f"{label}: article {job.article_id}, {job.counts.get('statements', 0)} statement(s)"
            )
        if job.status == Status.DUPLICATE:
            return self.style.WARNING(f"{label}: duplicate of article {job.article_id}")
        if job.status == Status.FAILED:
            return self.style.ERROR(f"{label}: failed: {job.error}")
        return f"{label}: {job.get_status_display().lower()}"
