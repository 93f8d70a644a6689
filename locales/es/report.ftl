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
votes-chart-caption = Las tres votaciones de 2022 en el tiempo
votes-chart-alt = Línea de tiempo de 2022: Cuba vota en contra en el Consejo de Derechos Humanos el 28 de febrero, se abstiene en la Asamblea General el 2 de marzo y vota en contra del discurso de Zelenski el 15 de septiembre.
votes-chart-hrc = En contra del debate urgente (Consejo de DD. HH.)
votes-chart-unga = Abstención ante la condena de la invasión
votes-chart-zelensky = En contra del discurso de Zelenski
recruits-chart-caption = Cubanos combatiendo por Rusia: el intervalo estimado
recruits-chart-alt = Un intervalo sobre una escala de 0 a 3000 combatientes: la estimación va de 400 a 3000.
recruits-chart-source = Fuente: The Wall Street Journal, citado en el informe.
recruits-chart-estimate = Estimación
recruits-chart-axis = Combatientes
