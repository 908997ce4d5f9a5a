"""Stage render/site: the published website, as Markdown pages built into HTML by mkdocs.

Read it in the order the build runs (`build.build_site`): `catalog` (lookups over the
database), `pages` (which pages exist and what each shows, with the year comparisons from
`diff.compare_pairs`), `render_html` and `charts` (data to safe HTML), the templates in
`templates/site/`, `nav`, then mkdocs itself, in `build` or, for a large site, `parallel`.
The Markdown needs no mkdocs plugin, so another static builder could take it over.
"""
