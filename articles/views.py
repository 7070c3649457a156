from django.shortcuts import get_object_or_404, render

from accounts.roles import analyst_required

from .models import Article


@analyst_required
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    return render(request, "articles/article_detail.html", {"article": article})
