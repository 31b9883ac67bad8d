from django.urls import include, path

from annotate import colours, views

app_name = "annotate"

# Under /desk/.
desk_patterns = [
    path("articles/<int:article_id>/mark/", views.mark, name="mark"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/bulk/", views.bulk, name="bulk"),
    path("verdicts/", views.verdicts_page, name="verdicts"),
    path("verdict-colours.css", colours.verdict_colours, name="verdict-colours"),
    path("claims/<int:claim_id>/", views.claim_page, name="claim"),
    path("claims/<int:claim_id>/pane/", views.claim_pane, name="pane"),
    path("claims/<int:claim_id>/history/", views.claim_history, name="history"),
    path("claims/<int:claim_id>/accept/", views.accept, name="accept"),
    path("claims/<int:claim_id>/dismiss/", views.dismiss, name="dismiss"),
    path("claims/<int:claim_id>/restore/", views.restore, name="restore"),
    path("claims/<int:claim_id>/claimant/", views.claimant, name="claimant"),
    path("claims/<int:claim_id>/assign/", views.assign, name="assign"),
    path("claims/<int:claim_id>/unassign/", views.unassign, name="unassign"),
    path("claims/<int:claim_id>/publish/", views.publish, name="publish"),
    path("claims/<int:claim_id>/unpublish/", views.unpublish, name="unpublish"),
    path("claims/<int:claim_id>/review/save/", views.review_save, name="review-save"),
    path("claims/<int:claim_id>/review/submit/", views.review_submit, name="review-submit"),
    path("claims/<int:claim_id>/sources/", views.source_add, name="source-add"),
    path(
        "claims/<int:claim_id>/sources/<int:source_id>/remove/",
        views.source_remove,
        name="source-remove",
    ),
    path("claims/<int:claim_id>/adjudicate/", views.adjudicate, name="adjudicate"),
]

urlpatterns = [
    # The article page is the desk's: the article to read, its claims to review.
    path("articles/<int:article_id>/", views.article, name="article"),
    path("desk/", include(desk_patterns)),
]
