# Textos de la interfaz de ATD Atlas, español.

## Shell
skip-link = Saltar al contenido principal
nav-main = Principal
nav-search = Buscar
nav-about = Acerca de
nav-language = Idioma
footer-data = Datos: prácticas recopiladas de fuentes públicas; cada registro enlaza su fuente.
footer-licence = Licencia de los datos: CC BY 4.0 (cada fuente conserva sus propias condiciones).
footer-about-link = Sobre los datos, el método y cómo citar
search-label = Buscar prácticas
search-button = Buscar
record-language-note = { $language ->
    [es] El texto del registro se muestra en español, tal como lo publican sus fuentes.
    [fr] El texto del registro se muestra en francés, tal como lo publican sus fuentes.
   *[en] El texto del registro se muestra en inglés, tal como lo publican sus fuentes.
}
record-not-yet-released = { $reference }, aceptada el { $date }, ya está en el sitio pero aún no forma parte de una versión numerada de los datos.
translation-machine = { $from ->
    [es] Traducción automática del español · ver el original
    [fr] Traducción automática del francés · ver el original
   *[en] Traducción automática del inglés · ver el original
}
translation-human = { $from ->
    [es] Traducido del español · ver el original
    [fr] Traducido del francés · ver el original
   *[en] Traducido del inglés · ver el original
}
translation-stale = { $from ->
    [es] El texto en español cambió después de esta traducción: puede estar desactualizada.
    [fr] El texto en francés cambió después de esta traducción: puede estar desactualizada.
   *[en] El texto en inglés cambió después de esta traducción: puede estar desactualizada.
}
translation-mark = traducción automática

## Search page
search-title = Alternativas a la detención migratoria
search-title-query = «{ $query }» – búsqueda
search-heading = Encuentre alternativas a la detención migratoria
search-lede = Leyes, políticas y programas que permiten a las personas vivir en la comunidad mientras se resuelve su situación migratoria, con sus costos y resultados.
search-hint = Palabras en español, inglés o francés; use comillas para una frase. Se entienden errores de escritura y siglas.
sort-label = Ordenar por
sort-button = Ordenar
sort-relevance = Relevancia
sort-cost-asc = Costo por día, de menor a mayor
sort-cost-desc = Costo por día, de mayor a menor
sort-newest = Más recientes primero
sort-country = País (A–Z)
filters = Filtros
filters-active = { $count ->
    [one] { $shown } activo
   *[other] { $shown } activos
}
facet-more = Más ({ $shown })
range-cost = Costo por día (USD { $year })
range-year = Año de inicio
range-compliance = Cumplimiento (%)
range-outcome = Porcentaje de resultado (%)
range-outcome-hint = Un porcentaje de resultado de una medida marcada en «Tiene una cifra de» (fuga, retorno, comparecencia…), o cualquiera si no hay ninguna marcada.
chip-outcome = Porcentaje de resultado
range-from = Desde
range-to = Hasta
show-results = { $count ->
    [0] Mostrar resultados (ninguno coincide)
    [one] Mostrar { $shown } resultado
   *[other] Mostrar { $shown } resultados
}
facet-region = Región
facet-subregion = Subregión
facet-country = País
facet-kind = Tipo de medida
facet-atd-type = Tipo de alternativa
facet-population = Población
facet-cap-stage = Etapa CAP
facet-status = Estado
facet-organisation-type = Tipo de organización
facet-measure = Tiene una cifra de
results-count = { $count ->
    [0] Ninguna práctica coincide
    [one] { $shown } práctica
   *[other] { $shown } prácticas
}
results-count-query = { $count ->
    [0] Ninguna práctica coincide con «{ $query }»
    [one] { $shown } práctica coincide con «{ $query }»
   *[other] { $shown } prácticas coinciden con «{ $query }»
}
relaxed-notice = Ninguna práctica tiene todas las palabras escritas; estas tienen la mayoría, las más pertinentes primero.
notice-how-read = Cómo se leyó su búsqueda:
reading-text-cut = solo se usaron los primeros { $count } caracteres de la búsqueda
reading-words-cut = solo se usaron las primeras { $count } palabras
reading-filters-cut = solo se usaron los primeros { $count } valores de filtro
reading-unknown-sort = orden desconocido; se ordenó por pertinencia
reading-not-a-number = se ignoró el límite de { $limit } «{ $text }»: no es un número
reading-unknown-value = se ignoró el filtro { $facet } «{ $value }»: el atlas no tiene ese valor
reading-limit-cost = costo
reading-limit-year = año
reading-limit-compliance = cumplimiento
chips-label = Filtros activos:
chip-remove = Quitar filtro
chip-value = { $facet }: { $value }
clear-all = Quitar todos los filtros
range-between = { $from }–{ $to }
range-from-only = desde { $from }
range-up-to = hasta { $to }
chip-cost = Costo por día (USD de { $year })
page-past-end = { $last ->
    [one] La página { $page } está más allá del final: esta búsqueda tiene una página de resultados.
   *[other] La página { $page } está más allá del final: esta búsqueda tiene { $last } páginas de resultados.
}
go-last-page = Ir a la última página
go-first-page = Ir a la primera página
empty-try = Pruebe una de estas opciones:
empty-clear-filters = Quitar todos los filtros y conservar las palabras
empty-check-spelling = Revise la ortografía o use menos palabras.
empty-keep-filters = Conservar los filtros sin las palabras
empty-browse = Ver todas las prácticas
did-you-mean = ¿Quiso decir:
nearest-values = O empiece por una de estas opciones:
figures-none = No se publicaron cifras de costo ni de cumplimiento.
figure-cost = Costo
figure-detention = Detención
figure-compliance = Cumplimiento
per-day-constant = { $amount }/día{ $unit } (USD de { $year })
per-day-published = { $amount }/día{ $unit } ({ $year }, sin convertir)
per-day-published-no-year = { $amount }/día{ $unit } (año no publicado)
pages-label = Páginas de resultados
page-previous = Página anterior
page-next = Página siguiente
page-number = Página { $page }
years-from = desde { $start }
years-until = hasta { $end }

## Record page
overview = Resumen
field-country = País
field-region = Región
field-kind = Tipo de medida
field-organisation = Organización
field-status = Estado
field-years = Años
field-populations = Poblaciones
field-atd-types = Tipos de alternativa
field-cap-stages = Etapas CAP
field-participants = Participantes
not-published = no publicado
not-available = no disponible
cost-per-day = Costo por día
cost-alternative = Alternativa
cost-detention = Detención
as-published = Según la fuente
as-published-code-year = Según la fuente ({ $code }, { $year })
as-published-code = Según la fuente ({ $code }, año no publicado)
usd-at-year-rate = Dólares estadounidenses al tipo de cambio promedio de { $year }
usd-at-unknown-rate = Dólares estadounidenses al tipo de cambio promedio del año del costo
constant-usd = Dólares estadounidenses constantes de { $year }
saving-label = Ahorro diario frente a la detención (USD de { $year }):
saving-no-detention = no publicado (la fuente no da el costo de la detención)
saving-unavailable = no disponible (se necesitan ambos costos en dólares)
saving-none = ninguno: la alternativa cuesta { $amount } más por día
cost-hint = Convertido al tipo de cambio promedio del año y luego a dólares de { $year } con el índice de precios al consumidor de EE. UU.
cost-hint-link = Cómo se calculan las cifras
outcomes = Resultados
field-compliance = Cumplimiento
compliance-note = (proporción de personas que comparecieron o se presentaron según lo exigido)
field-other-outcomes = Otros resultados
source = Fuente
source-hint = Las cifras publicadas en esta página provienen de esta fuente; las cifras en dólares se derivan de ellas.
cite-record = Citar este registro
back-to-search = Volver a la búsqueda

## About page
about-title = Acerca de ATD Atlas
about-toc = En esta página
about-data = Los datos
about-method = Cómo se calculan las cifras en dólares
about-vocabularies = Vocabularios
about-search = Cómo lee la búsqueda sus palabras
about-licence = Licencia
about-cite = Cómo citar
about-api = API JSON
about-release = Versión de los datos
about-data-intro = ATD Atlas es una base de datos abierta y consultable de alternativas a la detención migratoria (ATD): leyes, políticas y programas que permiten a personas migrantes, solicitantes de asilo, niñas y niños vivir en la comunidad mientras se resuelve su situación migratoria, en lugar de ser detenidos.
about-data-count = { $count ->
    [one] Contiene { $shown } práctica recopilada de fuentes públicas.
   *[other] Contiene { $shown } prácticas recopiladas de fuentes públicas.
}
about-data-nocount = Sus prácticas se recopilan de fuentes públicas.
about-data-sources = Cada registro nombra su fuente y la enlaza, de modo que cada cifra publicada puede verificarse. Cuando una fuente no da una cifra, el campo queda vacío: nada se estima.
about-data-language = Los registros están redactados en inglés, tal como se citan sus fuentes; la interfaz, las etiquetas de los vocabularios y los nombres de países están en español, inglés y francés.
about-search-link = Buscar en las prácticas
about-method-intro = Cada costo se registra tal como se publicó: un monto por día, su moneda, su unidad (por persona, por familia o por niño) y el año al que se refiere. De él se derivan dos cifras:
about-method-usd = Dólares estadounidenses del año del costo, al tipo de cambio promedio anual de ese año:
about-method-constant = Dólares estadounidenses constantes de { $year }, con el índice de precios al consumidor de EE. UU. (CPI-U):
about-method-saving = El ahorro diario es el costo de la detención menos el costo de la alternativa, ambos en dólares constantes de { $year }, cuando la fuente da los dos. Si se desconoce el año o el tipo de cambio, la cifra derivada queda vacía en lugar de estimarse.
about-method-sources = Fuentes de las tablas
about-fx-source = Tipos de cambio: { $source }.
about-cpi-source = Precios al consumidor: { $source }.
about-coverage = { $currencies ->
    [one] Cobertura: tipos de cambio de { $currencies } moneda, { $fx_years }; precios al consumidor { $cpi_years }.
   *[other] Cobertura: tipos de cambio de { $currencies } monedas, { $fx_years }; precios al consumidor { $cpi_years }.
}
about-vocab-intro = Los registros se etiquetan con estos términos controlados; las etiquetas de los términos consultables enlazan a las prácticas que los usan.
vocab-key = Clave
vocab-label = Etiqueta
vocab-definition = Definición
vocab-kind = Tipos de medida
vocab-organisation-type = Tipos de organización
vocab-status = Estados
vocab-population = Poblaciones
vocab-atd-type = Tipos de alternativa a la detención
vocab-cap-stage = Etapas CAP (modelo de Evaluación y Ubicación en la Comunidad)
vocab-cost-unit = Unidades de costo
vocab-bound = Límites de las cantidades
vocab-year-basis = Base del año del costo
vocab-region = Regiones (M49 de la ONU)
vocab-subregion = Subregiones (M49 de la ONU)
vocab-measure = Medidas de las cifras
vocab-measure-kind = Tipos de cifra
vocab-source-type = Quién produjo una cifra
vocab-origin = Origen de una cifra
vocab-independence = Independencia de quien produjo una cifra
about-search-intro = La búsqueda encuentra sus palabras en los nombres de los programas, el texto de los registros y todas las etiquetas de vocabulario y nombres de países en español, inglés y francés. Los acentos son opcionales («detencion» encuentra «detención»), se ignoran las terminaciones («detenciones» encuentra «detención»), se perdona un error de escritura en palabras de cinco letras o más y dos en palabras de nueve o más. Las comillas buscan una frase exacta.
about-synonyms-intro = Una palabra o sigla de una celda también encuentra las demás de la misma fila:
synonyms-terms = Palabras que se encuentran entre sí
synonyms-meaning = Significado
about-licence-text = Los datos se publican bajo la licencia Creative Commons Atribución 4.0 Internacional (CC BY 4.0): puede compartirlos y adaptarlos, con cualquier fin, si cita a ATD Atlas.
about-licence-sources = Cada fuente conserva sus propias condiciones: cítelas como lo permitan.
about-cite-intro = Cite el conjunto de datos así:
about-cite-release = ATD Atlas: alternativas a la detención migratoria, versión de datos { $release } ({ $date }). Licencia CC BY 4.0.
about-cite-norelease = ATD Atlas: alternativas a la detención migratoria. Licencia CC BY 4.0.
about-cite-advice = Agregue la dirección de la página que usó y la fecha de consulta. Para citar un registro, use su página (/practices/…) y nombre también su fuente original.
about-public-url = Las citas, las direcciones de los registros y los canales nombran este sitio como:
about-api-search = La búsqueda de este sitio en JSON, con los mismos parámetros que la página de búsqueda (q, las facetas como country o atd_type, cost_min, cost_max, year_min, year_max, compliance_min, compliance_max, sort, page).
about-api-example = Ejemplo:
about-api-practice = Un registro en JSON, con sus cifras derivadas en dólares.
about-api-any = Cualquier búsqueda de este sitio puede convertirse en una llamada a la API conservando sus parámetros.
about-api-english = La API devuelve los datos tal como se registraron, en inglés, con las claves de vocabulario.
about-release-none = Por ahora no hay información sobre la versión de los datos.
release-number = Versión
release-imported = Importada
release-practices = Prácticas

## Errors
error-status = Error { $status }
error-title-404 = No encontrado
error-title-400 = Solicitud incorrecta
error-title-500 = Algo salió mal
error-title-403 = Prohibido
error-title-413 = Demasiado grande
error-title-414 = Dirección demasiado larga
error-title-429 = Demasiadas solicitudes
error-title-431 = Encabezados demasiado grandes
error-title-503 = No disponible
error-no-page = No hay ninguna página en esta dirección.
error-no-practice = No hay ninguna práctica con esta dirección.
error-no-country = No hay ningún país con este código. Las páginas de país usan códigos ISO de dos letras, p. ej. /countries/MX.
error-no-data-file = No existe ese archivo de datos.
error-unreadable-search = No se pudo leer esta dirección de búsqueda ({ $reason }). Intente una nueva búsqueda.
error-unreadable-comparison = No se pudo leer esta dirección de comparación ({ $reason }).
error-unreadable-address = No se pudo leer esta dirección ({ $reason }).
error-internal = El servidor no pudo responder a esta solicitud. Inténtelo de nuevo en un momento.
error-address-too-long = Esta dirección es demasiado larga. Acorte la búsqueda e inténtelo de nuevo.
error-headers-too-large = Los encabezados de esta solicitud son demasiado grandes.
error-body-too-large = El cuerpo de esta solicitud es demasiado grande.
error-too-many-requests = Demasiadas solicitudes desde su dirección. Espere un momento e inténtelo de nuevo.
error-busy = El servidor está ocupado. Inténtelo de nuevo en un momento.
error-timeout = El servidor tardó demasiado en responder. Inténtelo de nuevo en un momento.
error-body-timeout = El cuerpo de la solicitud llegó demasiado despacio. Vuelva a enviarla.
error-cross-site = Las propuestas solo se aceptan desde el formulario de este sitio.
error-proposal-too-large = Esta propuesta es demasiado grande. Acorte los campos más largos y envíela de nuevo.
error-not-a-proposal = El cuerpo no es una propuesta: { $reason }
error-json-only = Envíe la propuesta en JSON, con Content-Type: application/json.
error-proposals-unavailable = Ahora no se pueden recibir propuestas; inténtelo más tarde.
error-too-many-proposals = Demasiadas propuestas desde esta dirección; inténtelo más tarde.
error-moderation-queue-full = Hay demasiadas propuestas esperando a un moderador; inténtelo más tarde.
error-read-only-mirror = Este sitio es una réplica de solo lectura y no recibe propuestas.
error-home = Ir a la página de inicio y ver todas las prácticas

## Research pages: compare, countries, insights, data, exports
nav-insights = Panorama
nav-data = Datos
search-its-practices = buscar sus prácticas
about-api-exports = Todas las filas que coinciden con una búsqueda, con los mismos parámetros.
about-all-downloads = Todas las descargas
about-api-openapi = La descripción OpenAPI 3.1 de la API;
about-api-openapi-page = leerla como página
compare-selected = Comparar seleccionadas
compare-pick = Comparar
downloads-all = Descargar todos los resultados:
compare-title = Comparar prácticas
compare-too-many = Una comparación muestra hasta cuatro prácticas; se muestran las cuatro primeras.
compare-not-found = No encontradas: { $ids }.
compare-choose = Elija de dos a cuatro prácticas para comparar: márquelas en los resultados de búsqueda y pulse «Comparar seleccionadas».
compare-chosen = Elegida hasta ahora: { $practice }.
compare-go-search = Ir a la búsqueda
compare-hint = Los costos en dólares estadounidenses constantes usan el tipo de cambio medio del año y el índice de precios al consumidor de EE. UU.
compare-caption = Prácticas lado a lado
compare-cost-published = Costo por día, tal como se publicó
compare-cost-usd = Costo por día, US$ al tipo del año
compare-cost-constant = Costo por día, US$ constantes ({ $year })
compare-detention-published = Detención por día, tal como se publicó
compare-detention-constant = Detención por día, US$ constantes ({ $year })
compare-saving = Ahorro diario frente a la detención
compare-check-title = ¿Comparables?
compare-check-intro = Lo que separa las cifras de cada fila de arriba. Los dólares constantes eliminan los tipos de cambio y la inflación, no las diferencias en lo que cuenta una cifra, cuándo ni con qué exactitud.
compare-check-cost = Costo por día:
compare-check-detention = Costo de la detención por día:
compare-check-compliance = Cumplimiento:
compare-check-too-few = menos de dos de estas prácticas tienen una; nada que poner lado a lado.
compare-check-alike = misma medida, unidad, periodo, año de precios y límite, según las fuentes.
unlike-measure = medidas distintas ({ $measures }): cuentan cosas distintas.
unlike-measure-link = Qué cuenta cada medida.
unlike-unit = unidades distintas ({ $units }): una plaza, una familia y una persona no cuestan lo mismo.
unlike-period = { $years ->
    [0] periodos distintos dentro del mismo año.
    [one] periodos distintos, con { $years } año de distancia.
   *[other] periodos distintos, con { $years } años de distancia.
}
unlike-price-year = dinero de años distintos ({ $years }), cada uno convertido a dólares de { $year } con el tipo de cambio y los precios de su año.
unlike-bound = no todas exactas ({ $bounds }): un límite dice «más de» o «hasta», no cuánto.
unlike-year-assumed = el año de alguna se supone a partir de la fecha de publicación.
saving-none-short = ninguno: cuesta { $amount } más
constant-usd-short = US$ constantes de { $year }
country-count = { $count ->
    [0] ninguna práctica registrada
    [one] { $shown } práctica registrada
   *[other] { $shown } prácticas registradas
}
country-none-yet = El atlas aún no registra ninguna práctica en { $country }.
country-propose = ¿Conoce alguna en { $country }? Propóngala
country-nearby = Prácticas cercanas: { $area }
country-neighbours = Países con prácticas:
country-search-area = Buscar las prácticas de { $area }
country-search-within = Buscar entre estas prácticas
country-download-csv = Descargarlas en CSV
country-compare = Compararlas lado a lado
country-coverage = Qué cubren las prácticas registradas
country-coverage-hint = «No cubierto» significa que ninguna práctica registrada lo cubre, no que no exista nada: los datos solo contienen lo que documentan las fuentes públicas.
country-all-on-map = Todos los países en el mapa
country-practice = Práctica
country-kind-status = Tipo · estado
country-cost = Costo por día ({ $heading })
country-detention = Detención por día ({ $heading })
coverage-count = { $title }: { $covered } de { $total } cubiertas
coverage-covered-by = Cubierto por
coverage-not-covered = no cubierto
practices-column = Prácticas
table-of = Tabla: { $title }
insights-title = Panorama
insights-lede = { $count ->
    [one] Todo el conjunto de datos de un vistazo: { $shown } práctica. Cada gráfico va seguido de sus cifras en una tabla.
   *[other] Todo el conjunto de datos de un vistazo: { $shown } prácticas. Cada gráfico va seguido de sus cifras en una tabla.
}
insights-toc-costs = Costo frente a la detención
insights-toc-region = Por región
insights-toc-atd-type = Por tipo de alternativa
insights-toc-population = Por población
insights-toc-cap-stage = Por etapa CAP
insights-by-country = Prácticas por país
insights-by-region = Prácticas por región
insights-by-atd-type = Prácticas por tipo de alternativa
insights-by-population = Prácticas por población
insights-by-cap-stage = Prácticas por etapa CAP
insights-map-hint = Cuanto más oscuro, más prácticas. Seleccione un país para ver su página; los Estados pequeños tienen un marcador redondo.
insights-map-credit = Formas: Natural Earth (dominio público) vía world-atlas (ISC). Las fronteras muestran el control de facto y no implican ninguna posición sobre ninguna disputa.
insights-map-label = Mapa del mundo: número de prácticas por país
insights-map-countries = Países del mapa
insights-country-table = { $count ->
    [one] Tabla: prácticas por país ({ $shown } país)
   *[other] Tabla: prácticas por país ({ $shown } países)
}
insights-costs-title = Costo por día de la alternativa frente a la detención
insights-costs-intro = Programas cuya fuente publica un costo por día, en { $heading } ({ $shown } de { $total } prácticas). Las unidades difieren (por persona, por familia): lea la unidad en la tabla antes de comparar programas.
insights-costs-chart = Costo por día en { $heading }: alternativa y detención, por programa
insights-costs-table = Tabla: costo por día frente a la detención
insights-programme = Programa
insights-alternative = Alternativa ({ $heading })
insights-detention = Detención ({ $heading })
insights-saving = Ahorro diario
insights-cost-year = Año del costo
insights-method = Cifras en dólares: el tipo de cambio medio del año y luego el índice de precios al consumidor de EE. UU. hasta { $year }.
insights-method-link = Método
insights-multi = Una práctica puede tener varios; cuenta una vez en cada uno.
insights-costs-bounded = El gráfico cuenta las { $shown } por tramo de costo; la tabla enumera las { $rows } con la alternativa más barata.
insights-costs-bands = Prácticas por costo por día en { $heading }: alternativa y detención
insights-costs-band = Costo por día ({ $heading })
insights-costs-table-cheapest = Tabla: las { $rows } alternativas más baratas
insights-costs-more = { $count ->
    [one] { $shown } práctica más publica el costo de una alternativa. La búsqueda enumera todas las prácticas desde { $from } por día, de la más barata a la más cara.
   *[other] { $shown } prácticas más publican el costo de una alternativa. La búsqueda enumera todas las prácticas desde { $from } por día, de la más barata a la más cara.
}
insights-costs-more-search = Verlas todas en la búsqueda, ordenadas por costo
insights-costs-more-detention = { $count ->
    [one] { $shown } práctica más publica solo un costo de detención.
   *[other] { $shown } prácticas más publican solo un costo de detención.
}
insights-costs-all-csv = El CSV de todas las prácticas las incluye.
histogram-cost = Resultados por costo por día (US$ de { $year })
histogram-cost-note = { $shown } de { $total } resultados publican un costo (US$ de { $year } por día). Columnas: 0–5, 5–10, 10–25, 25–50, 50–100, 100–250, 250+; seleccione una para filtrar.
histogram-compliance = Resultados por tasa de cumplimiento
histogram-compliance-note = { $shown } de { $total } resultados publican una tasa de cumplimiento. Columnas: menos del 50 %, luego tramos de 10 hasta el 100 %; seleccione una para filtrar.
histogram-open-bin = { $low } o más
cite-ris = RIS (Zotero, EndNote, Mendeley)
cite-hint = La dirección es la URL estable de este registro; cite también la fuente original cuando use sus cifras.
similar-title = Prácticas similares
similar-shares = En común: { $tags }
similar-compare = Comparar esta práctica con estas
about-tables = Las tablas
about-tables-intro = Ambas tablas se publican con sus fuentes, fila por fila:
about-tables-fx = tipos de cambio (CSV)
about-tables-cpi = precios al consumidor (CSV)
about-tables-and = y
about-all-data = Todas las descargas de datos
about-cpi-table = IPC-U de EE. UU. por año y el factor a dólares de { $year }
about-cpi-year = Año
about-cpi-factor = × a US$ de { $year }
data-title = Descargar los datos
data-lede = Datos de { $site }, versión { $version }, bajo CC BY 4.0. Cada archivo de abajo es lo que sirve este sitio; nada requiere iniciar sesión.
data-everything = Todo, listo para una hoja de cálculo
data-all-csv = Todas las prácticas en CSV
data-all-csv-text = se abre sin problemas en Excel o LibreOffice: UTF-8 con marca de orden de bytes, decimales con punto, columnas de costo en la moneda original, en dólares estadounidenses del año del costo y en dólares estadounidenses constantes de { $year }. Las celdas de texto que una hoja de cálculo ejecutaría como fórmula empiezan con un apóstrofo.
data-all-json = Todas las prácticas en JSON
data-all-json-text = las mismas filas con los valores sin procesar, para scripts.
data-every-search = Cada búsqueda tiene las mismas dos descargas para exactamente sus resultados: añada .csv o .json a /practices y conserve los parámetros de búsqueda, por ejemplo:
data-package = El conjunto de datos tal como se publica
data-package-intro = Los archivos fuente con su descripción Frictionless Data Package (validada con la herramienta frictionless):
data-file-practices = Las prácticas tal como se recopilaron (UTF-8, una fila por práctica; etiquetas separadas por «;»). Descritas en datapackage.json.
data-file-vocabularies = Los vocabularios controlados, con etiquetas y definiciones en inglés, español y francés.
data-file-countries = Países ISO 3166-1 con regiones M49 de la ONU y nombres en tres idiomas.
data-file-currencies = Monedas ISO 4217.
data-file-fx = Tipos de cambio medios anuales, unidades de cada moneda por dólar estadounidense, con fuentes.
data-file-cpi = Índice de precios al consumidor de EE. UU. (IPC-U), medias anuales, con fuente.
data-file-synonyms = Sinónimos y siglas de la búsqueda: las palabras de una fila se encuentran entre sí.
data-file-sources = Las fuentes de cada práctica: título, dirección, dónde en la página, qué cifras respalda cada una y cuándo se comprobó.
data-file-translations = El texto de cada práctica en español y francés: traducciones automáticas (marcadas como tales hasta que una persona las revise), con la huella del texto en inglés del que se hicieron.
data-file-figures = Cada cifra publicada —costos por día, caso o año, proporciones de resultados, recuentos, presupuestos— de una práctica o de un país: medida, valor, periodo, unidad, la frase citada y su página, y los hechos que la califican.
data-file-changelog = Las versiones de los datos: qué añadió, quitó y cambió cada una, campo por campo.
data-file-datapackage = Frictionless Data Package: el tipo, las restricciones y el significado de cada columna, y las licencias.
data-file-readme = Cómo se recopilaron los datos, columna por columna, y el método de las cifras en dólares.
data-file-licence = La licencia de los datos: Creative Commons Atribución 4.0 Internacional (CC BY 4.0).
data-file-citation = cómo citar el conjunto de datos (Citation File Format).
data-cite-advice = Añada la fecha de consulta. Cada página de registro tiene una cita lista para ese registro (texto, BibTeX y RIS).
api-docs-title = Documentación de la API
api-docs-english = Esta referencia técnica se genera a partir del código y está en inglés.
rebuilding-title = Se está reconstruyendo el índice de búsqueda
rebuilding-message = El sitio volverá en unos segundos. Vuelva a intentarlo en breve.

## Propuestas: proponer una práctica o una corrección
nav-propose = Proponer
cf-title-new = Proponer una práctica
cf-title-correction = Sugerir una corrección
cf-correcting = Está corrigiendo:
cf-lede = Una persona moderadora verifica cada propuesta con su fuente antes de publicar nada. Nada de lo que envíe aparece en el sitio hasta entonces.
cf-off = Esta copia de ATD Atlas es un espejo de solo lectura: no recibe propuestas.
cf-unavailable = Ahora no se pueden recibir propuestas aquí: el lugar donde se guardan no está disponible. La búsqueda y la lectura funcionan como siempre.
cf-other-way = Para proponer una práctica o una corrección por otra vía, envíe su fuente (el documento o la página con los datos) a quienes publican el atlas, indicados en la página «Acerca de».
cf-save-failed = Su propuesta no se pudo guardar por un problema de nuestra parte. Todo lo que escribió sigue abajo: vuelva a enviarla dentro de unos minutos.
cf-errors = { $count ->
    [one] La propuesta tiene un problema que corregir
   *[other] La propuesta tiene { $count } problemas que corregir
}
cf-required-note = Los campos marcados «obligatorio» deben completarse; todo lo demás es opcional. Es mejor dejar un campo vacío que adivinar.
cf-required = (obligatorio)
cf-optional = (opcional)
cf-choose = Elija…
cf-group-practice = La práctica
cf-group-who = A quién se dirige y cómo funciona
cf-group-results = Resultados
cf-group-source = Resumen y fuente
cf-group-more = Más columnas
cf-group-you = Sobre usted
cf-you-note = Su nombre y su correo se guardan solo para el equipo de moderación, para consultarle sobre esta propuesta. Nunca se publican, se exportan ni se muestran en el sitio.
cf-honeypot = Deje este campo vacío
cf-send = Enviar la propuesta
cf-label-practice = El registro
cf-label-iso2 = País
cf-label-programme = Nombre de la ley, política o programa
cf-label-text_lang = Idioma de su texto
cf-hint-text_lang = El idioma en que escribe el nombre, el resumen y las notas. No tiene que ser el de esta página: el registro se mostrará tal como lo escriba, marcado en ese idioma.
cf-text-lang-name = { $language ->
    [es] español
    [fr] francés
   *[en] inglés
}
cf-label-kind = Tipo
cf-label-organisation = Organización que lo gestiona
cf-label-organisation_type = Tipo de organización
cf-label-status = Estado
cf-label-status_as_of = Fecha del estado (fecha de la fuente más reciente que lo indica)
cf-label-start_year = Año de inicio
cf-label-end_year = Año de fin
cf-label-populations = Poblaciones
cf-label-atd_types = Tipos de alternativa
cf-label-cap_stages = Etapas del modelo CAP
cf-label-participants = Participantes
cf-label-participants_note = Sobre las personas participantes
cf-label-cost_per_day = Costo por día
cf-label-cost_currency = Moneda
cf-label-cost_unit = Unidad del costo
cf-label-cost_year = Año del costo
cf-label-detention_cost_per_day = Costo de la detención por día
cf-label-cost_bound = Cómo da la fuente el costo
cf-label-detention_cost_bound = Cómo da la fuente el costo de la detención
cf-label-cost_year_basis = De dónde viene el año del costo
cf-label-last_verified = Última comprobación con la fuente (AAAA-MM-DD)
cf-label-cost_per_day_high = Costo por día, máximo del rango
cf-label-detention_cost_per_day_high = Costo de la detención por día, máximo del rango
cf-label-outcome_compliance_pct = Cumplimiento (%)
cf-label-outcome_other = Otros resultados
cf-label-summary = Resumen
cf-label-source_title = Título de la fuente
cf-label-source_url = Dirección de la fuente (URL)
cf-label-submitter = Su nombre u organización
cf-label-email = Su correo electrónico
cf-hint-programme = El nombre con el que se la conoce.
cf-hint-start_year = Un año como 2019.
cf-hint-outcome_other = Costos y resultados con sus cifras, tal como los da la fuente (por ejemplo «cuesta 38 USD por familia y día (2017)»); una persona moderadora registra cada cifra con su fuente.
cf-hint-summary = De una a tres frases: qué hace y para quién.
cf-hint-source_url = La dirección web (http o https) del documento o la página donde se puede verificar cada cifra.
cf-group-why = Por qué esta corrección
cf-label-why = Por qué cambian los valores
cf-label-why_source = Fuente de los nuevos valores (URL)
cf-hint-why = Obligatorio si cambia una cifra (años, estado, participantes, costos o resultados): qué cambió y dónde lo dice la fuente.
cf-hint-why_source = Obligatorio si cambia una cifra: la dirección web (http o https) del documento o la página que da los nuevos valores.
cf-hint-kind = Una ley, una política o un programa en el que participan personas.
cf-hint-organisation_type = Quién lo gestiona: un organismo público, una organización no gubernamental, un organismo de la ONU o una alianza de varios.
cf-hint-status = Si funciona hoy, según la fuente más reciente.
cf-hint-status_as_of = La fecha (AAAA-MM-DD) de la fuente más reciente que indica el estado; déjela vacía si no la conoce.
cf-hint-populations = Marque todas las poblaciones a las que se dirige; no marque ninguna si la fuente no lo dice.
cf-hint-atd_types = Marque cada tipo de alternativa que utiliza.
cf-hint-cap_stages = Las etapas del modelo de Evaluación y Ubicación Comunitaria (CAP) que cubre, si la fuente lo dice.
cf-error-required = Este campo es obligatorio.
cf-error-invalid = Este valor no se puede aceptar tal como está.
cf-error-email = Escriba una dirección como nombre@example.org, o déjelo vacío.
cf-error-submitter = Use como máximo 200 caracteres, sin caracteres de control.
cf-error-nothing-changed = No se cambió nada. Modifique los campos incorrectos y envíe.
cf-error-unknown-practice = Este registro no está (o ya no está) en el atlas.
cf-receipt-title = Gracias: recibimos su propuesta
cf-receipt-reference = Su referencia:
cf-receipt-keep = Consérvela si quiere preguntar por su propuesta.
cf-receipt-next = Qué sigue
cf-receipt-next-text = Una persona moderadora verifica su propuesta con su fuente. Si se acepta, aparece en el atlas con la próxima versión de los datos; si dejó un correo, el equipo de moderación puede escribirle al respecto. Hasta entonces nada cambia en el sitio.
cf-receipt-same = Puede que el atlas ya tenga esta práctica (la misma dirección de la fuente, o un nombre parecido en el mismo país); el equipo de moderación las comparará:
cf-receipt-status = Su página de estado le dirá qué pasa con ella: recibida, aceptada (con el registro y la versión en la que entra) o no aceptada (con el motivo de la persona moderadora).
cf-receipt-status-link = Seguir su propuesta
ps-title = Propuesta { $reference }
ps-what-new = Una práctica nueva:
ps-what-correction = Una corrección de:
ps-received = Recibida el { $date }.
ps-pending = En espera de una persona moderadora, que la verifica con su fuente.
ps-accepted = Aceptada el { $date }.
ps-in-release = Entró en el atlas con la versión { $version } ({ $date }).
ps-not-yet-released = Aún no está en una versión: aceptada el { $date }, entrará en la próxima.
ps-record = El registro:
ps-not-yet-published = El registro aparecerá en el sitio en la próxima publicación de los datos.
ps-rejected = No aceptada (decidido el { $date }).
ps-reason = El motivo de la persona moderadora:
ps-no-reason = La persona moderadora no indicó ningún motivo.
ps-private = Cualquiera que tenga la dirección de esta página puede verla: no la comparta.
cf-receipt-another = Proponer otra práctica
cf-suggest-correction = Sugerir una corrección
about-proposals = Propuestas
about-proposals-text = Cualquier persona puede proponer una práctica o una corrección con el formulario de propuestas; una persona moderadora verifica cada propuesta con su fuente antes de publicarla.
about-proposals-privacy = El nombre y el correo que acompañan una propuesta se guardan solo en la base de propuestas del equipo de moderación: nunca en los datos publicados, las descargas, la API ni los registros del servidor.
cf-too-many = Ha enviado varias propuestas en poco tiempo. Esta se conserva abajo: vuelva a enviarla más tarde.
cf-full = Muchas propuestas esperan al equipo de moderación, así que por ahora no se pueden recibir más. Esta se conserva abajo: vuelva a enviarla más tarde.
cf-error-check = Revise este valor; el motivo está junto al campo.
cf-reason-formula = Empieza como una fórmula de hoja de cálculo (=, +, - o @): empiece con una palabra o un número.
cf-reason-invisible = Contiene un carácter invisible o de control: vuelva a escribirlo.
cf-reason-line-break = Contiene un salto de línea: escríbalo en una sola línea.
cf-reason-not-a-number = Lo que escribió no es un número.
cf-reason-negative = Es menor que cero.
cf-reason-out-of-range = Este número está fuera de lo que admite el campo.
cf-reason-not-an-address = Lo que escribió no es una dirección web.
cf-error-year = Escriba un año entre 1950 y el actual (el año de fin no puede ser anterior al de inicio).
cf-error-amount = Escriba un número como 12.50, sin símbolo de moneda; la moneda va en su propio campo.
cf-error-count = Escriba un número entero.
cf-error-percent = Escriba un número de 0 a 100.
cf-error-currency = Escriba un código de moneda de tres letras como EUR; es necesario cuando hay un costo.
cf-error-url = Escriba una dirección web que empiece por http:// o https://.
cf-error-choose = Elija un valor de la lista.
cf-error-tick = Marque valores de la lista.

## Procedencia: límites, años de costo, fuentes, verificación y versiones
bound-range-to = rango hasta { $amount }
bound-range-to-usd = rango hasta { $amount } ({ $original })
year-assumed = año supuesto: { $year }
unit-not-stated = unidad no indicada
bound-of = { $what }: { $bound }
bound-heading = Límites de las cantidades publicadas:
year-basis-publication = El año de estos costos ({ $year }) es un supuesto: la fuente no los fecha, así que se usa su año de publicación. Todas las cifras en dólares de arriba dependen de ese supuesto.
year-basis-stated = El año de estos costos ({ $year }) lo indica la fuente.
sources-title = Fuentes y las cifras que respaldan
source-locator = Dónde
source-supports = Respalda
source-supports-context = solo contexto, ninguna cifra
source-checked = Comprobada
last-verified = Datos verificados por última vez el { $date }.
release-added = Añadida en la versión de datos { $version }
release-changed = modificada por última vez en la versión { $version }
column-start-year = año de inicio
column-end-year = año de fin
column-status = estado
column-participants = participantes
column-cost-per-day = costo por día
column-cost-currency = moneda
column-cost-unit = unidad de costo
column-cost-year = año del costo
column-detention-cost-per-day = costo de la detención por día
column-outcome-compliance-pct = tasa de cumplimiento
column-status-as-of = fecha del estado
changes-title = Versiones de los datos
changes-intro = Cada versión de los datos: las prácticas que añadió, quitó y cambió, de la más reciente a la más antigua.
changes-follow = Seguir las versiones (canal Atom)
changes-reverified = { $count ->
    [one] Verificado de nuevo con sus fuentes: { $count } registro.
   *[other] Verificados de nuevo con sus fuentes: { $count } registros.
}
changes-empty-value = ninguno
column-id = Identificador
column-country = Nombre del país
column-cost_bound = Qué es la cifra de costo (exacta, límite inferior o superior, rango)
column-detention_cost_bound = Qué es la cifra de costo de la detención
column-cost_year_basis = De dónde viene el año del costo
column-last_verified = Última verificación
column-text_lang = Idioma del texto
column-status_as_of = Fecha de la fuente más reciente que indica el estado (AAAA, AAAA-MM o AAAA-MM-DD)
column-cost_per_day_high = Costo por día, máximo del rango
column-detention_cost_per_day_high = Costo de la detención por día, máximo del rango
changes-none = Aún no hay ninguna versión registrada.
changes-unreleased = Aún sin versión
changes-unreleased-intro = Propuestas aceptadas por un moderador: ya están en el sitio y entrarán en la próxima versión de los datos.
changes-accepted-added = añadida, aceptada el { $date }
changes-accepted-changed = corregida, aceptada el { $date }
changes-release = Versión { $version }
changes-counts = { $added } añadidas, { $removed } quitadas, { $changed } cambiadas
changes-added = Añadidas
changes-removed = Quitadas
changes-changed = Cambiadas (campos)
changes-figures-counts = Cifras: { $added } añadidas, { $removed } quitadas, { $changed } cambiadas
changes-figures-added = Cifras añadidas
changes-figures-removed = Cifras quitadas
changes-figures-changed = Cifras cambiadas
changes-feed-title = ATD Atlas: versiones de los datos
feed-all-title = ATD Atlas: prácticas más recientes
feed-search-title = ATD Atlas: prácticas más recientes — { $search }
follow-search = Seguir esta búsqueda
follow-words = Palabras: «{ $query }»
follow-title = Seguir esta búsqueda
follow-lede = Reciba las prácticas de esta búsqueda en un lector de canales: cuando una versión del atlas añade o cambia una, su lector la muestra, sin visitar este sitio.
follow-search-heading = La búsqueda
follow-everything = Todas las prácticas del atlas (sin palabras ni filtros).
follow-matching = { $count ->
    [0] Hoy ninguna práctica coincide; el canal mostrará la primera que se añada.
    [one] Hoy coincide { $shown } práctica.
   *[other] Hoy coinciden { $shown } prácticas.
}
follow-what-heading = ¿Qué es un canal?
follow-what = Un canal (aquí en formato Atom) es una dirección que un lector de canales consulta por usted, con la frecuencia que elija. Muestra primero las prácticas más recientes de la búsqueda. No hay cuenta ni correo electrónico: el sitio no sabe quién lo sigue.
follow-how-heading = Cómo seguirla
follow-step-copy = Copie la dirección del canal que aparece abajo.
follow-step-add = En su lector de canales (por ejemplo Thunderbird, NetNewsWire, Feedly o Inoreader), elija «Añadir canal» o «Suscribirse» y pegue la dirección.
follow-step-done = El lector consulta el canal por sí solo y muestra las prácticas nuevas a medida que llegan.
follow-address-label = Dirección del canal
follow-open-feed = Abrir el canal (XML Atom, para lectores de canales)
follow-back = Volver a esta búsqueda
data-changes-link = Qué añadió y cambió cada versión
about-api-feeds = Canales Atom: una búsqueda (los parámetros de /) con las incorporaciones más recientes primero, y las versiones de los datos.

## Figures as evidence (record page, /grades)
evidence-title = Evidencia
evidence-intro = Cada cifra publicada sobre esta práctica, con su periodo, su unidad y los hechos que la califican. Las cifras de costo y de cumplimiento de arriba son las principales, elegidas entre estas.
evidence-caption = Cifras, tal como se publicaron
evidence-measure = Medida
evidence-value = Valor
evidence-period = Periodo
evidence-unit = Unidad y alcance
evidence-grade = Calificación
evidence-source = Cita y fuente
evidence-quote = Cita
evidence-undated = sin fecha
evidence-year-assumed = { $period } (año supuesto)
evidence-original = Citada de:
evidence-sample = Sobre { $count } personas, familias o casos.
evidence-checked = Leída en la página el { $date }.
detention-series-title = Costo diario de la detención en { $country }
detention-series-intro = Cada costo diario de la detención registrado para este país, tal como se publicó y en { $heading } (convertido al tipo de cambio medio del año y luego por los precios al consumo de EE. UU.). Las cifras difieren en unidad, alcance y fuente: un costo por plaza cuenta las camas estén ocupadas o no; lea el alcance antes de comparar dos de ellas.
detention-series-desc = { $count ->
    [one] Una cifra para { $country } en { $heading }, por año; la tabla de abajo la da con su unidad, alcance y fuente.
   *[other] { $count } cifras para { $country } en { $heading }, por año; los círculos cuentan una persona, los cuadrados una plaza; la tabla de abajo da cada una con su unidad, alcance y fuente.
}
detention-series-caption = Costos diarios de la detención en { $country }, tal como se publicaron
pairing-title = Frente a la detención en { $country }
pairing-intro = Cada costo diario de esta alternativa junto al costo diario de la detención registrado para el mismo país en el año más cercano, ambos en dólares estadounidenses constantes de { $year }. Solo se ponen lado a lado cuando cuentan la misma unidad (una persona o participante, una familia, una plaza); los años de distancia, los alcances y las fuentes siguen siendo distintos: léalos antes de citar la diferencia.
pairing-caption = Costos de esta alternativa frente al costo de la detención en { $country }
pairing-atd = Costo diario de la alternativa
pairing-detention = Costo diario de la detención en { $country }
pairing-gap = Años de distancia
pairing-difference = Detención menos la alternativa
pairing-see-series = Ver la serie del país.
pairing-gap-same = Mismo año
pairing-gap-earlier = { $years ->
    [one] Cifra de detención { $years } año anterior
   *[other] Cifra de detención { $years } años anterior
}
pairing-gap-later = { $years ->
    [one] Cifra de detención { $years } año posterior
   *[other] Cifra de detención { $years } años posterior
}
pairing-year-assumed = un año supuesto a partir de la fecha de publicación
pairing-diff-exact = { $amount }
pairing-diff-about = unos { $amount }
pairing-diff-at-least = al menos { $amount }
pairing-diff-at-most = como máximo { $amount }
pairing-diff-uncertain = { $amount } (los límites de las dos cifras tiran en sentidos opuestos)
pairing-costs-more = ninguno: la alternativa cuesta { $amount } más
pairing-declined-not-convertible = No se compara: este costo no tiene año, o no hay tipo de cambio o índice de precios para su moneda y año, así que no tiene valor en dólares constantes.
pairing-declined-unit-unstated = No se compara: la fuente no dice por quién o por qué es este costo.
pairing-declined-none = No se compara: no hay ningún costo diario de la detención registrado para { $country }.
pairing-declined-units = No se compara: este costo es { $unit } y todos los costos diarios de la detención registrados para el país son { $units }; los dos cuentan cosas distintas.
evidence-map-title = Mapa de la evidencia
evidence-map-intro-population = Cada celda cuenta las prácticas de un tipo de alternativa que atienden a una población, y todas las cifras (costos, porcentajes de resultados, recuentos, presupuestos) registradas sobre ellas; enlaza con esas prácticas. Una celda vacía es un vacío: ninguna práctica registrada de ese tipo atiende a esa población. Una práctica de varios tipos o poblaciones cuenta en cada una de sus celdas.
evidence-map-intro-measure = Cada celda cuenta las prácticas de un tipo de alternativa que tienen una cifra de una medida, y esas cifras; enlaza con esas prácticas. Una celda vacía es un vacío: ninguna práctica registrada de ese tipo tiene una cifra de esa medida. Una práctica de varios tipos cuenta en cada una de sus filas.
evidence-map-by = Mostrar el mapa por
evidence-map-by-population = población
evidence-map-by-measure = medida
evidence-map-gaps = { $count ->
    [0] Ningún vacío.
    [one] { $count } celda es un vacío.
   *[other] { $count } celdas son vacíos.
}
evidence-map-caption-population = Tipos de alternativa (filas) por población (columnas): prácticas y cifras
evidence-map-caption-measure = Tipos de alternativa (filas) por medida (columnas): prácticas y cifras
evidence-map-corner = Tipo de alternativa
evidence-map-practices = { $count ->
    [one] { $count } práctica
   *[other] { $count } prácticas
}
evidence-map-figures = { $count ->
    [0] ninguna cifra
    [one] { $count } cifra
   *[other] { $count } cifras
}
evidence-map-gap = vacío
insights-evidence-map = El mapa de la evidencia: qué tipos de alternativa están documentados para qué poblaciones y medidas, y dónde están los vacíos.
grade-superseded = reemplazada
grade-legend-link = Qué significa la calificación.
grades-title = Cómo se califican las cifras
grades-intro = Cada cifra lleva una insignia de hechos, no una puntuación: quién la produjo, si la página es el documento propio de ese productor o cita otro, si el productor gestiona o financia el programa, y si una cifra posterior la reemplazó. Pondere cada cifra con ellos; el atlas nunca los convierte en una nota.
grades-badge-example = Una insignia dice, por ejemplo: Auditoría o inspección · Secundaria · Independiente.
grade-superseded-title = Reemplazada
grade-superseded-text = Una cifra posterior de la misma medida para el mismo programa o país reemplazó a esta. Sigue visible, marcada como reemplazada, y nunca es una cifra principal.
grades-measures-intro = Qué mide cada cifra, qué cuenta y sobre qué total. El tipo de medida decide cómo se comprueba: un porcentaje queda entre 0 y 100, un recuento es entero, el dinero tiene moneda y unidad, y nada se divide en un costo por día.
## Status dates and links between records
data-file-links = Registros que describen un mismo programa: cuál sucede a cuál, es una fase o forma parte de otro, con la página que lo dice.
status-as-of = a fecha de { $date }
status-last-reported = última constancia de actividad en { $year }
links-heading = Registros relacionados
link-successor_of = { $count ->
    [one] Fase anterior
   *[other] Fases anteriores
}
link-predecessor_of = { $count ->
    [one] Sucesor
   *[other] Sucesores
}
link-phase_of = Fase de
link-has_phase = { $count ->
    [one] Fase
   *[other] Fases
}
link-part_of = Forma parte de
link-has_part = Incluye
