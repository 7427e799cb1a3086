"""The user guide at /help/: the contents, each page with its sections, the screenshots.

Any signed-in user may read the whole guide (it holds no organisation's data).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from jixiao.web.help.guide import INDEX, image_path, load_page, page_names, page_url


@login_required
def help_index(request: HttpRequest) -> HttpResponse:
    return _show(request, INDEX)


@login_required
def help_page(request: HttpRequest, page: str) -> HttpResponse:
    if page == INDEX:
        return redirect("help_index")
    return _show(request, page)


@login_required
def help_image(request: HttpRequest, name: str) -> FileResponse:
    path = image_path(name)
    if path is None:
        raise Http404("没有这张截图。")
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _show(request: HttpRequest, name: str) -> HttpResponse:
    base = reverse("help_index")
    page = load_page(name, base)
    if page is None:
        raise Http404("帮助中没有这一页。")
    contents = []
    for other in page_names():
        loaded = load_page(other, base)
        if loaded is not None:
            contents.append((other, loaded.title, page_url(base, other)))
    context = {"nav": "help", "page": page, "contents": contents, "base": base}
    return render(request, "help/page.html", context)
