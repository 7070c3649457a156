"""CSV and JSON exports of any filtered statement list, streamed row by row, so a
million rows never sit in memory: the rows come from a server-side cursor
(`iterator(chunk_size=...)`) and go out as they are written."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.roles import analyst_required

from .queries import EXPORT_FIELDS, filtered_statements, statement_row

CHUNK_SIZE = 2000
# Spreadsheets run cells that start with these as formulas; a leading apostrophe stops it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _export_queryset(request):
    return filtered_statements(request.GET).order_by("statement_date", "id")


def _filename(extension: str) -> str:
    return f"statements-{timezone.now():%Y%m%d-%H%M}.{extension}"


def csv_rows(qs) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(EXPORT_FIELDS)  # BOM: spreadsheets then read UTF-8
    for statement in qs.iterator(chunk_size=CHUNK_SIZE):
        row = statement_row(statement)
        yield writer.writerow([_safe_cell(row[name]) for name in EXPORT_FIELDS])


def json_rows(qs) -> Iterator[str]:
    yield "["
    first = True
    for statement in qs.iterator(chunk_size=CHUNK_SIZE):
        prefix = "\n" if first else ",\n"
        first = False
        yield prefix + json.dumps(statement_row(statement), ensure_ascii=False)
    yield "\n]\n"


@require_GET
@analyst_required
def export_csv(request):
    response = StreamingHttpResponse(
        csv_rows(_export_queryset(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@require_GET
@analyst_required
def export_json(request):
    response = StreamingHttpResponse(
        json_rows(_export_queryset(request)), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
