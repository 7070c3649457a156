from __future__ import annotations

import pytest
from django.urls import reverse

from articles import services
from tests.factories import ArticleFactory, IngestionJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    return client


@pytest.mark.parametrize("model", ["outlet", "feed", "feedentry", "article", "ingestionjob"])
def test_admin_lists_search_and_filter(superuser_client, model):
    article = ArticleFactory()
    IngestionJobFactory(article=article)
    services.feed_create(url="https://news.example/rss")
    url = reverse(f"admin:articles_{model}_changelist")
    assert superuser_client.get(url).status_code == 200
    assert superuser_client.get(url, {"q": "news"}).status_code == 200


def test_admin_article_page_opens(superuser_client):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert superuser_client.get(url).status_code == 200
