"""Setting up the second factor in a real browser: accessible pages, and a CSP the pages obey."""

from django.conf import settings as django_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenkaart.core.login.second_factor import PENDING_KEY
from ketenkaart.core.sessions import SessionStore
from ketenkaart.testing import factories as f


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_a_first_login_sets_up_the_authenticator_app(page, login, assert_accessible, settings):
    settings.TWO_FACTOR_REQUIRED = True
    account = f.ProfessionalFactory(user__username="tweestaps-test").user

    login("tweestaps-test")

    assert page.url.endswith("/inloggen/instellen")
    assert page.locator(".kk-qr svg").is_visible()
    assert_accessible(page)
    # The app being set up waits in the session until its first code fits: nothing stored yet.
    assert not TOTPDevice.objects.filter(user=account).exists()
    cookie = next(
        c for c in page.context.cookies() if c["name"] == django_settings.SESSION_COOKIE_NAME
    )
    key = SessionStore(session_key=cookie["value"]).load()[PENDING_KEY]
    page.get_by_label("Code").fill(code_for(TOTPDevice(key=key)))
    page.get_by_role("button", name="Instellen en inloggen").click()
    page.get_by_role("heading", name="Uw herstelcodes").wait_for()
    assert page.locator(".kk-recovery-codes code").count() == 10
    assert TOTPDevice.objects.filter(user=account, confirmed=True).count() == 1
    assert_accessible(page)


def test_the_pages_break_no_rule_of_their_csp(browser, live_url, settings):
    settings.TWO_FACTOR_REQUIRED = True
    f.ProfessionalFactory(user__username="csp-test")
    context = browser.new_context(base_url=live_url, locale="nl-NL")  # CSP enforced
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    try:
        page.goto("/inloggen")
        page.locator("input[name=username]").fill("csp-test")
        page.locator("input[name=password]").fill("geheim-wachtwoord")
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) [type=submit]").click()
        assert page.url.endswith("/inloggen/instellen")
        page.reload()
    finally:
        context.close()
    assert not [text for text in violations if "Content Security Policy" in text]
