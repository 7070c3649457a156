FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY config ./config
COPY accounts ./accounts
COPY articles ./articles
COPY positions ./positions
COPY templates ./templates
COPY static ./static
COPY manage.py ./
RUN pip install . && useradd --create-home stance && mkdir -p /app/var && chown stance /app/var
COPY . .
USER stance
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
