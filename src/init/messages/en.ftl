# English messages. Figures and dates come from data/report.toml.
{NOTE}
language-name = {NAME}
language-switcher = Languages
report-title = My report
report-author = My organization
report-description = A bilingual report made with report.
contents = Contents
page-label = Page
published-on = Published { DATETIME($date, dateStyle: "long") }

intro-title = Introduction
intro-body =
    This report reaches { $people } people, { NUMBER($share, style: "percent") } of the
    audience, on a budget of { NUMBER($budget, style: "currency", currency: "USD", notation: "compact") }.

    Write the words in *locales/{TAG}/* and the figures in **data/report.toml**.
next-title = Next steps
next-body = Run *report check* before publishing, and *report render* for every edition.
