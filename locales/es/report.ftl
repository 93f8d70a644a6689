# Portada, metadatos e interfaz de la edición en español.

language-name = Español
language-switcher = Idiomas

-acet = Asociación Cubana Española en Transición
-cfc = Center for a Free Cuba

report-title = Cuba, el aliado preferido de Putin
report-subtitle = Cómo La Habana respalda a Moscú desde la invasión de Ucrania: votos, soldados, espionaje y petróleo
report-author = { -acet } y { -cfc }
report-keywords = Cuba, Rusia, Ucrania, Naciones Unidas, reclutamiento, síndrome de La Habana, petróleo
report-description = Resumen del informe «Cuba, el aliado preferido de Putin» sobre la alianza entre Cuba y Rusia.
report-short-title = Cuba y Rusia
cover-kicker = Informe
cover-based-on = Resumen del informe de la { -acet } y el { -cfc }
cover-date = Publicado el { DATETIME($date, dateStyle: "long") }
contents = Índice
page-label = Página
sources = Fuentes
timeline-caption = Votos de Cuba en las Naciones Unidas, 2022
timeline-date = Fecha
timeline-vote = Votación
votes-figure-caption = Las tres votaciones de 2022 en una línea de tiempo (fechas en formato ISO)
votes-figure-alt = Línea de tiempo de 2022 con tres puntos: 28 de febrero, 2 de marzo y 15 de septiembre.
