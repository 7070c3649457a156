from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("statements/<int:pk>/row/", views.statement_row, name="statement_row"),
    path("statements/<int:pk>/confirm/", views.statement_confirm, name="statement_confirm"),
    path("statements/<int:pk>/reject/", views.statement_reject, name="statement_reject"),
    path("statements/<int:pk>/stance/", views.statement_stance, name="statement_stance"),
    path("statements/<int:pk>/direct/", views.statement_direct, name="statement_direct"),
    path("statements/<int:pk>/actor/", views.statement_actor, name="statement_actor"),
    path("statements/<int:pk>/date/", views.statement_date, name="statement_date"),
    path("statements/<int:pk>/tags/", views.statement_tags, name="statement_tags"),
    path("statements/<int:pk>/note/", views.statement_note, name="statement_note"),
    path("statements/<int:pk>/history/", views.statement_history, name="statement_history"),
    path("actors/", views.actor_list, name="actor_list"),
    path("actors/options/", views.actor_options, name="actor_options"),
    path("actors/new/", views.actor_create, name="actor_create"),
    path("actors/<int:pk>/", views.actor_edit, name="actor_edit"),
    path("actors/<int:pk>/aliases/", views.actor_alias_add, name="actor_alias_add"),
    path(
        "actors/<int:pk>/aliases/<int:alias_pk>/remove/",
        views.actor_alias_remove,
        name="actor_alias_remove",
    ),
    path("actors/<int:pk>/merge/", views.actor_merge, name="actor_merge"),
    path("articles/<int:pk>/tag/", views.tag_span, name="tag_span"),
]
