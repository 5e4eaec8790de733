"""Linking a child to the signed-in account with a caseworker's code and the child's date of birth."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from portal import linking
from portal.forms import LinkChildForm


@never_cache
@login_required
def link_child(request):
    form = LinkChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = linking.redeem(
            request.user, form.cleaned_data["code"], form.cleaned_data["date_of_birth"], request=request
        )
        if result.ok:
            child = result.link.child
            if result.already_linked:
                messages.info(request, f"{child.first_name}'s record was already linked to your account.")
            else:
                messages.success(request, f"{child.first_name}'s record is now linked to your account.")
            return redirect("portal:child", public_id=child.public_id)
        form.add_error(result.field, result.error)
    return render(request, "portal/link_child.html", {"form": form})
