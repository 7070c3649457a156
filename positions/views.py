from django.shortcuts import render

from accounts.roles import analyst_required

from .models import Topic


@analyst_required
def home(request):
    topics = Topic.objects.filter(is_active=True)
    return render(request, "positions/home.html", {"topics": topics})
