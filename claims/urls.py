from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("new/", views.article_new, name="article-new"),
    path("<int:article_id>/progress/", views.article_progress, name="article-progress"),
    path("<int:article_id>/retry/", views.article_retry, name="article-retry"),
]
