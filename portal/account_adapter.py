"""allauth adapter: plain-English messages in the GOV.UK style."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # ACCOUNT_RATE_LIMITS["login_failed"] is 5 in 5 minutes.
        "too_many_login_attempts": "Too many failed attempts. Try again in 5 minutes.",
        "email_password_mismatch": "The email address or password is not right",
    }
