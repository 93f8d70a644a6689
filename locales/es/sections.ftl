# Texto de las secciones. Las cifras y las fechas vienen de data/report.toml.

## Resumen

summary-title = Resumen
summary-body =
    La Habana y Moscú hablan de «una nueva etapa de cooperación». El Kremlin
    estrecha sus lazos económicos con la isla desde que Vladímir Putin llegó al
    poder, pero la invasión de Ucrania aceleró el acercamiento hasta el punto de
    que el informe describe a Cuba como el *aliado preferido* de Putin.^[[@acet-cfc; @voz-media].]

    El apoyo cubano tiene cuatro caras, que este resumen repasa por orden:
    1. los votos en las Naciones Unidas;
    2. los jóvenes cubanos que combaten del lado ruso;
    3. el posible vínculo con el llamado síndrome de La Habana;
    4. el petróleo que Rusia envía a una economía en crisis.
key-points-title = Claves
key-points =
    - En 2022, Cuba se alineó con Moscú en tres votaciones de las Naciones Unidas.^[[@un-hrc-2022; @un-ga-2022-03; @un-ga-2022-09].]
    - Jóvenes cubanos engañados combaten del lado ruso: entre { $low } y { $high }, según la estimación de The Wall Street Journal.^[[@wsj], citado en [@acet-cfc].]
    - Una investigación de tres periódicos relaciona a la unidad { $unit } del GRU con el llamado síndrome de La Habana.^[[@acet-cfc].]
    - Desde la invasión de Ucrania, Cuba ha recibido al menos { NUMBER($oil, style: "currency", currency: "USD", notation: "compact") } en petróleo ruso.^[[@acet-cfc].]

## Apoyo diplomático

diplomacy-title = Apoyo diplomático
diplomacy-body =
    Según el informe, Cuba funciona como un altavoz constante de la propaganda del
    Kremlin: defiende la versión de Moscú dentro de la isla y fuera de ella. La
    prensa oficial repite que Rusia estaría «liberando» al pueblo ucraniano, y la
    diplomacia cubana traduce ese discurso en votos.^[[@acet-cfc].]

    En 2022, año de la invasión, la delegación cubana se alineó con Moscú en tres
    votaciones clave de las Naciones Unidas.
diplomacy-after =
    El respaldo no se queda en los votos ni en la cobertura mediática. Incluye
    gestos militares visibles, como los ejercicios conjuntos en Venezuela en
    { NUMBER($exercises, useGrouping: "false") } y los encuentros entre ministros de
    Defensa.^[[@acet-cfc; @voz-media].]

vote-hrc = Cuba vota en contra de celebrar un debate urgente sobre Ucrania en el Consejo de Derechos Humanos.^[[@un-hrc-2022].]
vote-unga = Cuba se abstiene, junto a Nicaragua, en la votación de la Asamblea General que condena la invasión rusa.^[[@un-ga-2022-03].]
vote-zelensky = Cuba vota en contra de que el presidente Zelenski intervenga por vídeo ante la Asamblea General.^[[@un-ga-2022-09].]
vote-date = { DATETIME($date, dateStyle: "long") }

## Reclutas cubanos

recruits-title = Reclutas cubanos en el frente
recruits-body =
    Lejos de su país, jóvenes cubanos combaten en secreto contra Ucrania. Muchos
    cuentan que fueron engañados: viajaron a Rusia con la promesa de un empleo en
    la construcción y terminaron en el frente.

    Frank Darío relata que firmó un contrato en ruso que no entendía; cuando
    comprendió lo que ocurría, ya estaba disparando desde un búnker. Andorf
    Antonio Velázquez García y Alex Rolando Vega Díaz contaron algo parecido: les
    hablaron de recoger escombros y cavar trincheras, y al llegar recibieron un
    uniforme, un fusil y la orden de partir hacia Ucrania.^[Testimonios recogidos en [@acet-cfc].]
recruits-quote = «Vinimos a hacer trabajos de albañilería.»
recruits-quote-source = Frank Darío, recluta cubano, en el informe
recruits-estimate =
    Nadie sabe cuántos cubanos hay en el campo de batalla. El informe cita una
    estimación de The Wall Street Journal: entre { $low } y { $high } combatientes.^[[@wsj], citado en [@acet-cfc].]
recruits-denial =
    El Gobierno cubano niega cualquier responsabilidad y anunció haber
    desmantelado una supuesta red de tráfico de combatientes. Las fuentes del
    informe dudan de esa versión. Chris Simmons, exoficial de contrainteligencia
    de la DEA, recuerda que la primera reacción del régimen ante un delito
    descubierto suele ser negarlo y encarcelar a unos pocos. Juan Antonio Blanco,
    antiguo oficial de inteligencia cubano, considera «absolutamente imposible»
    que Cuba no tenga relación con esa red.^[Ambos testimonios, en [@acet-cfc].]
recruits-figure = cubanos combatiendo por Rusia, según la estimación citada
recruits-range = { $low }–{ $high }

## Síndrome de La Habana

havana-title = El vínculo con el síndrome de La Habana
havana-body =
    Una investigación de tres periódicos apunta a un posible «nexo ruso» en los
    casos del llamado síndrome de La Habana. Según esa investigación, la unidad
    { $unit } del GRU, la inteligencia militar rusa, habría usado armas acústicas
    no letales contra diplomáticos estadounidenses y sus familias en distintos
    países.

    Los primeros casos se registraron en la capital cubana en { NUMBER($year, useGrouping: "false") }:
    varios funcionarios oyeron ruidos intensos y sufrieron mareos, migrañas e
    insomnio. Para la { -acet }, esa unidad no pudo actuar en suelo cubano sin el
    permiso, o al menos el conocimiento, del Gobierno de la isla.^[[@acet-cfc].]

## Apoyo económico

economy-title = Apoyo económico
economy-body =
    Desde la invasión de Ucrania, Cuba ha recibido petróleo ruso por valor de al
    menos { NUMBER($oil, style: "currency", currency: "USD", notation: "compact") },
    la mayor cantidad que llega a la isla desde el colapso de la Unión Soviética.^[[@acet-cfc].]

    Esa ayuda es vital para un Gobierno que intenta sanear sus cuentas en plena
    crisis. Faltan alimentos y medicinas, los apagones afectan a casi todo el país
    y la gente ha salido a la calle al grito de «¡No hay pan, no hay corriente!».^[[@acet-cfc; @voz-media].]
economy-wfp =
    En { DATETIME($date, month: "long", year: "numeric") }, por primera vez en su
    historia, Cuba pidió ayuda al Programa Mundial de Alimentos de la ONU: ya no
    podía repartir la leche subvencionada a los menores de { $age } años.^[[@wfp-2024; @voz-media].]
economy-figure = en petróleo ruso desde la invasión de Ucrania
economy-oil = { NUMBER($oil, style: "currency", currency: "USD", notation: "compact") }

## «Una relación de amor»

interview-title = «Una relación de amor»
interview-body =
    Matías Jove, director ejecutivo de la { -acet }, habló con Voz Media sobre la
    estrecha relación entre La Habana y Moscú, que resume en pocas palabras:
    «una relación de amor».^[[@voz-media].]

    La conversación gira en torno a cuatro preguntas:
    1. cuándo empezó todo;
    2. qué gana Rusia;
    3. qué gana Cuba;
    4. qué significa para los Estados Unidos.

## Qué dibujan las piezas

conclusions-title = Qué dibujan las piezas
conclusions-body =
    Ninguna de estas piezas basta por sí sola para hablar de una alianza. Juntas
    dibujan otra cosa: un Gobierno que presta a Moscú su voto en los foros
    internacionales y su voz en la propaganda, y de cuyo territorio salen jóvenes
    que acaban en el frente, mientras recibe a cambio el combustible que necesita
    para sostenerse.^[[@acet-cfc].]

    Varias piezas siguen sin confirmar. Nadie conoce la cifra exacta de
    combatientes cubanos, el Gobierno de la isla niega cualquier papel en el
    reclutamiento y el vínculo con el síndrome de La Habana procede de una
    investigación periodística, no de una investigación oficial.^[[@acet-cfc; @wsj].]

## Sobre este resumen

about-title = Sobre este resumen
about-body =
    Este documento resume, con palabras propias, el informe *Cuba, el aliado
    preferido de Putin*, elaborado por la { -acet } y el { -cfc }, y el artículo
    que Voz Media le dedicó.^[[@acet-cfc; @voz-media].] Las cifras, las fechas y
    las citas proceden de esas dos fuentes; aquí no se han verificado por otros
    medios.

    Las citas textuales son breves y llevan el nombre de quien habla. Cada nota
    remite a la lista de fuentes del final, que todas las ediciones generan a
    partir de un mismo archivo de bibliografía.

## Fuentes

sources-note = Este resumen es una edición de muestra de la herramienta *report*. Las cifras y las fechas proceden del artículo de Voz Media; el texto es nuestro.
