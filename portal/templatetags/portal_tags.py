"""Template helpers for GOV.UK markup on the portal and account pages."""

from django import template
from django.forms import MultiValueField

from portal import timeline

register = template.Library()

STATUS_TAG_CLASSES = {
    timeline.DONE: "govuk-tag--green",
    timeline.EVENT: "govuk-tag--grey",
    timeline.DONE_LATE: "govuk-tag--orange",
    timeline.ON_TIME: "govuk-tag--blue",
    timeline.DUE_SOON: "govuk-tag--yellow",
    timeline.OVERDUE: "govuk-tag--red",
    timeline.OPEN: "govuk-tag--turquoise",
    timeline.CLOSED: "govuk-tag--grey",
}


@register.filter
def status_tag_class(status):
    return STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")


@register.filter
def govuk_date(value):
    """1 March 2027 (GOV.UK style: no leading zero, month in full)."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


@register.filter
def plural_days(days):
    return f"{days} day" if days == 1 else f"{days} days"


def field_anchor(form, name):
    """The id of the first input of a field, for error summary links."""
    if name not in form.fields:
        return next(iter(form.fields), "main-content")
    if isinstance(form.fields[name], MultiValueField):
        return f"{name}-day"
    return name


@register.inclusion_tag("portal/includes/error_summary.html")
def error_summary(form):
    errors = []
    for name, messages in form.errors.items():
        anchor = field_anchor(form, name if name != "__all__" else "")
        for message in messages:
            errors.append({"anchor": anchor, "message": message})
    return {"errors": errors}


@register.filter
def field_error(field):
    """The first error of a bound field, or ""."""
    return field.errors[0] if field.errors else ""
