import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_logs_in_and_sees_the_home_page(page, live_server, login, analyst, screenshot):
    login(analyst)
    assert page.locator("nav").get_by_text("Log out").is_visible()
    assert page.evaluate("typeof window.stanceTrackerLoadedAt") == "number"
    screenshot("home")


def test_a_bad_password_is_refused(page, live_server, analyst):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", analyst.username)
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").is_visible()
