from cms.highlight import highlight, query_terms, snippet

MARK = '<mark class="app-search-result__highlight">'


def test_marks_whole_words_case_insensitively_and_word_forms():
    assert highlight("Annual Reviews and a reviewed plan", "annual review") == (
        f"{MARK}Annual</mark> {MARK}Reviews</mark> and a {MARK}reviewed</mark> plan"
    )


def test_does_not_mark_inside_other_words_or_stop_words():
    assert highlight("The preview of the plan", "review the") == "The preview of the plan"


def test_escapes_text_around_and_inside_marks():
    assert (
        highlight("<b>Tribunal</b> & appeals", "tribunal")
        == f"&lt;b&gt;{MARK}Tribunal</mark>&lt;/b&gt; &amp; appeals"
    )


def test_query_markup_cannot_break_out():
    assert "<script>" not in highlight("a <script> tag", "<script>")
    assert query_terms('"><script>') == ["script"]


def test_snippet_is_a_window_around_the_first_match():
    text = " ".join(f"word{n}" for n in range(100)) + " mediation " + " ".join(f"tail{n}" for n in range(100))
    result = snippet(text, "mediation", words=20)
    assert result.startswith("… ") and result.endswith(" …")
    assert f"{MARK}mediation</mark>" in result
    assert len(result.split()) <= 24


def test_snippet_without_a_match_starts_at_the_beginning():
    assert snippet("First words of the page", "xylophone", words=3) == "First words of …"
    assert snippet("", "anything") == ""
