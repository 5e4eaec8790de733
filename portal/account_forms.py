"""allauth's forms with error messages that name what is missing (GOV.UK pattern), set through
allauth's documented ``ACCOUNT_FORMS`` setting. allauth's defaults say "This field is required."
for every field, so a sign-up with nothing filled in showed the same sentence three times."""

from allauth.account.forms import SignupForm as AllauthSignupForm

SIGNUP_REQUIRED = {
    "email": "Enter your email address",
    "password1": "Enter a password",
    "password2": "Enter the password again",
}


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in SIGNUP_REQUIRED.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
