# Mensajes en español. Las cifras y fechas vienen de data/report.toml.

language-name = Español
language-switcher = Idiomas
report-title = Mi informe
report-author = Mi organización
report-description = Un informe bilingüe hecho con report.
contents = Índice
page-label = Página
published-on = Publicado el { DATETIME($date, dateStyle: "long") }

intro-title = Introducción
intro-body =
    Este informe llega a { $people } personas, el { NUMBER($share, style: "percent") } del
    público, con un presupuesto de { NUMBER($budget, style: "currency", currency: "USD", notation: "compact") }.

    Escriba el texto en *locales/{TAG}/* y las cifras en **data/report.toml**.
next-title = Próximos pasos
next-body = Ejecute *report check* antes de publicar y *report render* para cada edición.
