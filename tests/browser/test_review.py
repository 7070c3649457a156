"""An editor works the review queue with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from positions.models import Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_confirms_a_statement_with_the_keyboard(
    page, live_server, login, editor, screenshot
):
    first = StatementFactory(confidence=0.2, needs_review=True, speaker_mention="the minister")
    second = StatementFactory(confidence=0.6)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    login(editor)
    page.goto(f"{live_server.url}/review/")
    loaded_at = page.evaluate("window.stanceTrackerLoadedAt")
    row = page.locator(f"#stmt-{first.pk}")
    expect(row).to_be_focused()
    expect(row.locator("[data-review-state]")).to_have_text("Unreviewed")

    page.keyboard.press("c")

    expect(row.locator("[data-review-state]")).to_have_text("Confirmed")
    # The confirmed row stays on the page; the focus moved on to the next statement.
    expect(page.locator(f"#stmt-{second.pk}")).to_be_focused()
    assert page.evaluate("window.stanceTrackerLoadedAt") == loaded_at  # no reload
    first.refresh_from_db()
    assert first.review_state == Statement.ReviewState.CONFIRMED
    assert first.history.first().history_user == editor

    # Set a stance on the focused row, then open the help overlay.
    page.keyboard.press("s")
    expect(page.locator(f"#stmt-{second.pk} [data-stance]")).to_have_text("Support")
    page.keyboard.press("?")
    expect(page.locator("#review-help")).to_be_visible()
    screenshot("review-queue")
    page.keyboard.press("Escape")
    expect(page.locator("#review-help")).to_be_hidden()

    # e opens the row's editor with the focus in its first field; Escape closes it.
    page.keyboard.press("k")
    expect(row).to_be_focused()
    page.keyboard.press("e")
    expect(page.locator(f"#actor-q-{first.pk}")).to_be_focused()
    screenshot("review-row-editor")
    page.keyboard.press("Escape")
    expect(row).to_be_focused()
    expect(row.locator(".review-edit")).to_have_count(0)
    # No CSP violation and no script error (the browser's own favicon request may 404).
    assert [e for e in errors if "Failed to load resource" not in e] == []


def test_an_editor_tags_a_span_by_selecting_it(page, live_server, login, editor, screenshot):
    from tests.factories import ActorFactory, ArticleFactory, TopicFactory

    # Pasted text keeps Windows line breaks, which the browser's HTML parser turns into \n.
    article = ArticleFactory(
        text="Ελληνικά 😀 first.\r\nThe minister said:\r\n“We will not stand in the way.” Then."
    )
    ActorFactory(name="Mira Holm")
    topic = TopicFactory(title="Strikes")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    login(editor)
    page.goto(f"{live_server.url}/review/articles/{article.pk}/tag/")
    quote = "The minister said:\r\n“We will not stand in the way.”"
    start = article.text.index(quote)
    dom_start = len(article.text[:start].replace("\r\n", "\n"))
    dom_end = dom_start + len(quote.replace("\r\n", "\n"))
    # Select the quote (with white space either side, which the script trims) in the page.
    page.evaluate(
        """([from, to]) => {
            const node = document.querySelector('[data-span-source]').firstChild;
            const text = node.textContent;
            const units = (n) => Array.from(text).slice(0, n).join('').length;
            const range = document.createRange();
            range.setStart(node, units(from));
            range.setEnd(node, units(to));
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [dom_start - 1, dom_end + 1],
    )
    expect(page.locator("#id_quote")).to_have_value(quote)
    expect(page.locator("#id_start")).to_have_value(str(start))
    expect(page.locator("#id_end")).to_have_value(str(start + len(quote)))
    page.fill("#tag-actor-q", "holm")
    expect(page.locator("#id_actor option")).to_have_text("Mira Holm")
    page.select_option("#id_topic", str(topic.pk))
    page.select_option("#id_stance", "oppose")
    screenshot("review-tag-span")
    page.click("form[data-tag-form] button[type=submit]")
    statement = Statement.objects.get()
    expect(page.locator(f"#tagged-{statement.pk}")).to_contain_text("We will not stand")
    assert statement.quote == quote and statement.start == start
    assert [e for e in errors if "Failed to load resource" not in e] == []
    assert statement.origin == Statement.Origin.EDITOR
