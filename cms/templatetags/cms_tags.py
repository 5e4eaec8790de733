from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """The live pages above ``page`` from the site's home page down, as ``(title, url)`` pairs.

    The home page is called "Home", as GOV.UK breadcrumbs do; Wagtail's root page (above every
    site) is never shown."""
    request = context.get("request")
    trail = []
    # Plain (not specific) pages: a title and a URL need no per-type queries.
    for ancestor in page.get_ancestors().filter(depth__gt=1).live():
        url = ancestor.get_url(request=request)
        if url is None:  # a page outside the current site
            continue
        trail.append(("Home" if url == "/" else ancestor.title, url))
    return trail
