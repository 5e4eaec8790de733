from django.urls import path

from cms import bot_api, feedback_views, search_views

app_name = "cms"

urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("feedback/", feedback_views.page_feedback, name="page_feedback"),
    path("internal/bot/faq/<slug:key>/", bot_api.faq_answer, name="bot_faq"),
    path("internal/bot/knowledge/", bot_api.knowledge_answer, name="bot_knowledge"),
    path("internal/bot/guides/search/", bot_api.guide_search, name="bot_guide_search"),
]
