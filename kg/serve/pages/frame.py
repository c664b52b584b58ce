"""The frame of every HTML page of ``kg serve`` except the query page: head with the style
sheet and a strict Content-Security-Policy, a header with the site links and the language
switch (links keep the page language), and a footer with the licence. Light: the standard
library.
"""

from __future__ import annotations

from kg.serve.pages.html import CSS, esc
from kg.serve.pages.i18n import LANG_NAMES, LANGS
from kg.serve.pages.view import View

__all__ = ["page_html"]


def page_html(view: View, title: str, main: str, head: str = "") -> str:
    """A whole page around ``main``: header with the site links and the language switch
    (links keep the page language), style sheet and footer."""
    lang = view.lang
    switch = " ".join(
        f'<strong lang="{code}" aria-current="page">{LANG_NAMES[code]}</strong>'
        if code == lang
        else f'<a href="?lang={code}" lang="{code}" hreflang="{code}">{LANG_NAMES[code]}</a>'
        for code in LANGS
    )
    ui = view.ui
    site = (
        f'<a class="home" href="{view.href("/")}">rujp-kg</a>'
        f'<a href="{view.href("/")}">{esc(ui["nav_query"])}</a>'
        f'<a href="{view.href("/dataset")}">{esc(ui["nav_dataset"])}</a>'
        f'<a href="{view.href("/ontology")}">{esc(ui["nav_ontology"])}</a>'
    )
    licence = (
        f"{esc(ui['licence'])}: "
        '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> · '
        f'<a href="{view.href("/ontology")}">rujp ontology</a>'
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)} — rujp</title>\n"
        '<link rel="icon" href="data:,">\n'
        f"{head}\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><nav class="site">{site}</nav><nav class="langs">{switch}</nav></header>\n'
        f"<main>\n{main}\n</main>\n"
        f"<footer>{licence}</footer>\n</body>\n</html>\n"
    )
