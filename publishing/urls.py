from django.urls import path

from publishing import views

app_name = "publishing"

urlpatterns = [
    path("", views.fact_check_list, name="fact-check-list"),
    path("<int:claim_id>/", views.fact_check_detail, name="fact-check"),
]
