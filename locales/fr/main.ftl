# Textes de l'interface d'ATD Atlas, français.

## Shell
skip-link = Aller au contenu principal
nav-main = Principal
nav-search = Rechercher
nav-about = À propos
nav-language = Langue
footer-data = Données : pratiques compilées à partir de sources publiques ; chaque fiche renvoie à sa source.
footer-licence = Licence des données : CC BY 4.0 (chaque source conserve ses propres conditions).
footer-about-link = À propos des données, de la méthode et de la citation
search-label = Rechercher des pratiques
search-button = Rechercher
record-language-note = { $language ->
    [es] Le texte de la fiche est affiché en espagnol, tel que publié par ses sources.
    [fr] Le texte de la fiche est affiché en français, tel que publié par ses sources.
   *[en] Le texte de la fiche est affiché en anglais, tel que publié par ses sources.
}
record-not-yet-released = { $reference }, acceptée le { $date }, est déjà sur le site mais pas encore dans une version numérotée des données.
translation-machine = { $from ->
    [es] Traduction automatique de l’espagnol · voir l’original
    [fr] Traduction automatique du français · voir l’original
   *[en] Traduction automatique de l’anglais · voir l’original
}
translation-human = { $from ->
    [es] Traduit de l’espagnol · voir l’original
    [fr] Traduit du français · voir l’original
   *[en] Traduit de l’anglais · voir l’original
}
translation-stale = { $from ->
    [es] Le texte espagnol a changé depuis cette traduction : elle peut ne plus être à jour.
    [fr] Le texte français a changé depuis cette traduction : elle peut ne plus être à jour.
   *[en] Le texte anglais a changé depuis cette traduction : elle peut ne plus être à jour.
}
translation-mark = traduction automatique

## Search page
search-title = Alternatives à la rétention administrative
search-title-query = « { $query } » – recherche
search-heading = Trouver des alternatives à la rétention des personnes migrantes
search-lede = Lois, politiques et programmes qui permettent aux personnes de vivre dans la communauté pendant l’examen de leur situation administrative, avec leurs coûts et leurs résultats.
search-hint = Mots en français, anglais ou espagnol ; des guillemets pour une expression. Les fautes de frappe et les sigles sont compris.
sort-label = Trier par
sort-button = Trier
sort-relevance = Pertinence
sort-cost-asc = Coût par jour, croissant
sort-cost-desc = Coût par jour, décroissant
sort-newest = Les plus récentes d’abord
sort-country = Pays (A–Z)
filters = Filtres
filters-active = { $count ->
    [one] { $shown } actif
   *[other] { $shown } actifs
}
facet-more = Plus ({ $shown })
range-cost = Coût par jour (USD { $year })
range-year = Année de début
range-compliance = Respect des obligations (%)
range-outcome = Part de résultat (%)
range-outcome-hint = Une part de résultat d’une mesure cochée sous « A un chiffre de » (fuite, retour, présentation…), ou n’importe laquelle si aucune n’est cochée.
chip-outcome = Part de résultat
range-from = De
range-to = À
show-results = { $count ->
    [0] Afficher les résultats (aucun ne correspond)
    [one] Afficher { $shown } résultat
   *[other] Afficher { $shown } résultats
}
facet-region = Région
facet-subregion = Sous-région
facet-country = Pays
facet-kind = Type de mesure
facet-atd-type = Type d’alternative
facet-population = Population
facet-cap-stage = Étape CAP
facet-status = Statut
facet-organisation-type = Type d’organisation
facet-measure = A un chiffre de
results-count = { $count ->
    [0] Aucune pratique ne correspond
    [one] { $shown } pratique
   *[other] { $shown } pratiques
}
results-count-query = { $count ->
    [0] Aucune pratique ne correspond à « { $query } »
    [one] { $shown } pratique correspond à « { $query } »
   *[other] { $shown } pratiques correspondent à « { $query } »
}
relaxed-notice = Aucune pratique ne contient tous les mots saisis ; celles-ci en contiennent la plupart, les plus pertinentes d’abord.
notice-how-read = Comment votre recherche a été lue :
reading-text-cut = seuls les { $count } premiers caractères de la recherche ont été utilisés
reading-words-cut = seuls les { $count } premiers mots ont été utilisés
reading-filters-cut = seules les { $count } premières valeurs de filtre ont été utilisées
reading-unknown-sort = ordre de tri inconnu ; tri par pertinence
reading-not-a-number = limite ignorée pour { $limit } : « { $text } » n’est pas un nombre
reading-unknown-value = filtre { $facet } « { $value } » ignoré : l’atlas n’a pas cette valeur
reading-limit-cost = le coût
reading-limit-year = l’année
reading-limit-compliance = le respect des obligations
chips-label = Filtres actifs :
chip-remove = Retirer le filtre
chip-value = { $facet } : { $value }
clear-all = Retirer tous les filtres
range-between = { $from }–{ $to }
range-from-only = à partir de { $from }
range-up-to = jusqu’à { $to }
chip-cost = Coût par jour (USD de { $year })
page-past-end = { $last ->
    [one] La page { $page } est au-delà de la fin : cette recherche a une page de résultats.
   *[other] La page { $page } est au-delà de la fin : cette recherche a { $last } pages de résultats.
}
go-last-page = Aller à la dernière page
go-first-page = Aller à la première page
empty-try = Essayez l’une de ces pistes :
empty-clear-filters = Retirer tous les filtres et garder les mots
empty-check-spelling = Vérifiez l’orthographe ou utilisez moins de mots.
empty-keep-filters = Garder les filtres sans les mots
empty-browse = Parcourir toutes les pratiques
did-you-mean = Vouliez-vous dire :
nearest-values = Ou partez de l’un de ces choix :
figures-none = Aucun chiffre de coût ni de respect des obligations publié.
figure-cost = Coût
figure-detention = Rétention
figure-compliance = Respect des obligations
per-day-constant = { $amount }/jour{ $unit } (USD de { $year })
per-day-published = { $amount }/jour{ $unit } ({ $year }, non converti)
per-day-published-no-year = { $amount }/jour{ $unit } (année non publiée)
pages-label = Pages de résultats
page-previous = Page précédente
page-next = Page suivante
page-number = Page { $page }
years-from = depuis { $start }
years-until = jusqu’en { $end }

## Record page
overview = Vue d’ensemble
field-country = Pays
field-region = Région
field-kind = Type de mesure
field-organisation = Organisation
field-status = Statut
field-years = Années
field-populations = Populations
field-atd-types = Types d’alternative
field-cap-stages = Étapes CAP
field-participants = Participants
not-published = non publié
not-available = non disponible
cost-per-day = Coût par jour
cost-alternative = Alternative
cost-detention = Rétention
as-published = Tel que publié
as-published-code-year = Tel que publié ({ $code }, { $year })
as-published-code = Tel que publié ({ $code }, année non publiée)
usd-at-year-rate = Dollars américains au taux moyen de { $year }
usd-at-unknown-rate = Dollars américains au taux moyen de l’année du coût
constant-usd = Dollars américains constants de { $year }
saving-label = Économie quotidienne par rapport à la rétention (USD de { $year }) :
saving-no-detention = non publiée (la source ne donne pas le coût de la rétention)
saving-unavailable = non disponible (il faut les deux coûts en dollars)
saving-none = aucune : l’alternative coûte { $amount } de plus par jour
cost-hint = Converti au taux de change moyen de l’année, puis en dollars de { $year } avec l’indice des prix à la consommation des États-Unis.
cost-hint-link = Comment les chiffres sont calculés
outcomes = Résultats
field-compliance = Respect des obligations
compliance-note = (part des personnes qui se sont présentées comme exigé)
field-other-outcomes = Autres résultats
source = Source
source-hint = Les chiffres publiés sur cette page proviennent de cette source ; les chiffres en dollars en sont dérivés.
cite-record = Citer cette fiche
back-to-search = Retour à la recherche

## About page
about-title = À propos d’ATD Atlas
about-toc = Sur cette page
about-data = Les données
about-method = Comment les chiffres en dollars sont calculés
about-vocabularies = Vocabulaires
about-search = Comment la recherche lit vos mots
about-licence = Licence
about-cite = Comment citer
about-api = API JSON
about-release = Version des données
about-data-intro = ATD Atlas est une base de données ouverte et consultable d’alternatives à la rétention des personnes migrantes (ATD) : lois, politiques et programmes qui permettent aux personnes migrantes, demandeuses d’asile et aux enfants de vivre dans la communauté pendant l’examen de leur situation, au lieu d’être enfermés.
about-data-count = { $count ->
    [one] Elle contient { $shown } pratique compilée à partir de sources publiques.
   *[other] Elle contient { $shown } pratiques compilées à partir de sources publiques.
}
about-data-nocount = Ses pratiques sont compilées à partir de sources publiques.
about-data-sources = Chaque fiche nomme sa source et y renvoie, afin que chaque chiffre publié puisse être vérifié. Quand une source ne donne pas de chiffre, le champ reste vide : rien n’est estimé.
about-data-language = Les fiches sont rédigées en anglais, comme leurs sources sont citées ; l’interface, les libellés des vocabulaires et les noms de pays sont en français, anglais et espagnol.
about-search-link = Rechercher dans les pratiques
about-method-intro = Chaque coût est enregistré tel que publié : un montant par jour, sa devise, son unité (par personne, par famille ou par enfant) et l’année à laquelle il se rapporte. Deux chiffres en sont dérivés :
about-method-usd = Dollars américains de l’année du coût, au taux de change annuel moyen de cette année :
about-method-constant = Dollars américains constants de { $year }, avec l’indice des prix à la consommation des États-Unis (CPI-U) :
about-method-saving = L’économie quotidienne est le coût de la rétention moins le coût de l’alternative, tous deux en dollars constants de { $year }, quand la source donne les deux. Si l’année ou le taux de change est inconnu, le chiffre dérivé reste vide plutôt que d’être deviné.
about-method-sources = Sources des tables
about-fx-source = Taux de change : { $source }.
about-cpi-source = Prix à la consommation : { $source }.
about-coverage = { $currencies ->
    [one] Couverture : taux de change pour { $currencies } devise, { $fx_years } ; prix à la consommation { $cpi_years }.
   *[other] Couverture : taux de change pour { $currencies } devises, { $fx_years } ; prix à la consommation { $cpi_years }.
}
about-vocab-intro = Les fiches sont étiquetées avec ces termes contrôlés ; les libellés des termes consultables renvoient aux pratiques qui les utilisent.
vocab-key = Clé
vocab-label = Libellé
vocab-definition = Définition
vocab-kind = Types de mesure
vocab-organisation-type = Types d’organisation
vocab-status = Statuts
vocab-population = Populations
vocab-atd-type = Types d’alternative à la rétention
vocab-cap-stage = Étapes CAP (modèle d’évaluation et de placement dans la communauté)
vocab-cost-unit = Unités de coût
vocab-bound = Bornes des montants
vocab-year-basis = Base de l’année du coût
vocab-region = Régions (M49 de l’ONU)
vocab-subregion = Sous-régions (M49 de l’ONU)
vocab-measure = Mesures des chiffres
vocab-measure-kind = Types de chiffre
vocab-source-type = Qui a produit un chiffre
vocab-origin = Origine d’un chiffre
vocab-independence = Indépendance du producteur d’un chiffre
about-search-intro = La recherche trouve vos mots dans les noms des programmes, le texte des fiches et tous les libellés des vocabulaires et noms de pays en français, anglais et espagnol. Les accents sont facultatifs (« retention » trouve « rétention »), les terminaisons sont ignorées (« rétentions » trouve « rétention »), une faute de frappe est pardonnée dans les mots de cinq lettres ou plus et deux dans les mots de neuf lettres ou plus. Les guillemets cherchent une expression exacte.
about-synonyms-intro = Un mot ou un sigle d’une cellule trouve aussi les autres de la même ligne :
synonyms-terms = Mots qui se trouvent les uns les autres
synonyms-meaning = Sens
about-licence-text = Les données sont publiées sous la licence Creative Commons Attribution 4.0 International (CC BY 4.0) : vous pouvez les partager et les adapter, à toute fin, en citant ATD Atlas.
about-licence-sources = Chaque source conserve ses propres conditions : citez-les comme elles le permettent.
about-cite-intro = Citez le jeu de données ainsi :
about-cite-release = ATD Atlas : alternatives à la rétention des personnes migrantes, version des données { $release } ({ $date }). Licence CC BY 4.0.
about-cite-norelease = ATD Atlas : alternatives à la rétention des personnes migrantes. Licence CC BY 4.0.
about-cite-advice = Ajoutez l’adresse de la page utilisée et la date de consultation. Pour citer une fiche, utilisez sa page (/practices/…) et nommez aussi sa source originale.
about-public-url = Les citations, les adresses des fiches et les flux désignent ce site ainsi :
about-api-search = La recherche de ce site en JSON, avec les mêmes paramètres que la page de recherche (q, les facettes comme country ou atd_type, cost_min, cost_max, year_min, year_max, compliance_min, compliance_max, sort, page).
about-api-example = Exemple :
about-api-practice = Une fiche en JSON, avec ses chiffres dérivés en dollars.
about-api-any = Toute recherche sur ce site peut devenir un appel à l’API en gardant ses paramètres.
about-api-english = L’API renvoie les données telles qu’enregistrées, en anglais, avec les clés des vocabulaires.
about-release-none = Aucune information sur la version des données n’est disponible pour le moment.
release-number = Version
release-imported = Importée
release-practices = Pratiques

## Errors
error-status = Erreur { $status }
error-title-404 = Page introuvable
error-title-400 = Requête incorrecte
error-title-500 = Un problème est survenu
error-title-403 = Interdit
error-title-413 = Trop volumineux
error-title-414 = Adresse trop longue
error-title-429 = Trop de requêtes
error-title-431 = En-têtes trop volumineux
error-title-503 = Indisponible
error-no-page = Il n’y a aucune page à cette adresse.
error-no-practice = Il n’y a aucune pratique à cette adresse.
error-no-country = Il n’y a aucun pays avec ce code. Les pages pays utilisent les codes ISO à deux lettres, par ex. /countries/MX.
error-no-data-file = Ce fichier de données n’existe pas.
error-unreadable-search = Cette adresse de recherche n’a pas pu être lue ({ $reason }). Essayez une nouvelle recherche.
error-unreadable-comparison = Cette adresse de comparaison n’a pas pu être lue ({ $reason }).
error-unreadable-address = Cette adresse n’a pas pu être lue ({ $reason }).
error-internal = Le serveur n’a pas pu répondre à cette demande. Veuillez réessayer dans un instant.
error-address-too-long = Cette adresse est trop longue. Raccourcissez la recherche et réessayez.
error-headers-too-large = Les en-têtes de cette requête sont trop volumineux.
error-body-too-large = Le corps de cette requête est trop volumineux.
error-too-many-requests = Trop de requêtes depuis votre adresse. Patientez un instant et réessayez.
error-busy = Le serveur est occupé. Veuillez réessayer dans un instant.
error-timeout = Le serveur a mis trop de temps à répondre. Veuillez réessayer dans un instant.
error-body-timeout = Le corps de la requête est arrivé trop lentement. Veuillez la renvoyer.
error-cross-site = Les propositions ne sont acceptées que depuis le formulaire de ce site.
error-proposal-too-large = Cette proposition est trop volumineuse. Raccourcissez les champs les plus longs et renvoyez-la.
error-not-a-proposal = Le corps n’est pas une proposition : { $reason }
error-json-only = Envoyez la proposition en JSON, avec Content-Type: application/json.
error-proposals-unavailable = Les propositions ne peuvent pas être reçues pour le moment ; réessayez plus tard.
error-too-many-proposals = Trop de propositions depuis cette adresse ; réessayez plus tard.
error-moderation-queue-full = Trop de propositions attendent un modérateur ; réessayez plus tard.
error-read-only-mirror = Ce site est une copie en lecture seule et ne reçoit pas de propositions.
error-home = Aller à l’accueil et parcourir toutes les pratiques

## Research pages: compare, countries, insights, data, exports
nav-insights = Panorama
nav-data = Données
search-its-practices = rechercher ses pratiques
about-api-exports = Toutes les lignes qui correspondent à une recherche, avec les mêmes paramètres.
about-all-downloads = Tous les téléchargements
about-api-openapi = La description OpenAPI 3.1 de l’API ;
about-api-openapi-page = la lire comme une page
compare-selected = Comparer la sélection
compare-pick = Comparer
downloads-all = Télécharger tous les résultats :
compare-title = Comparer des pratiques
compare-too-many = Une comparaison montre jusqu’à quatre pratiques ; les quatre premières sont affichées.
compare-not-found = Introuvables : { $ids }.
compare-choose = Choisissez de deux à quatre pratiques à comparer : cochez-les dans les résultats de recherche et appuyez sur « Comparer la sélection ».
compare-chosen = Choisie jusqu’ici : { $practice }.
compare-go-search = Aller à la recherche
compare-hint = Les coûts en dollars américains constants utilisent le taux de change moyen de l’année et l’indice des prix à la consommation des États-Unis.
compare-caption = Pratiques côte à côte
compare-cost-published = Coût par jour, tel que publié
compare-cost-usd = Coût par jour, en dollars US au taux de l’année
compare-cost-constant = Coût par jour, en dollars US constants ({ $year })
compare-detention-published = Rétention par jour, telle que publiée
compare-detention-constant = Rétention par jour, en dollars US constants ({ $year })
compare-saving = Économie quotidienne par rapport à la rétention
compare-check-title = Comparables ?
compare-check-intro = Ce qui sépare les chiffres de chaque ligne ci-dessus. Les dollars constants effacent les taux de change et l’inflation, pas les différences dans ce qu’un chiffre compte, quand ni avec quelle exactitude.
compare-check-cost = Coût par jour :
compare-check-detention = Coût de la rétention par jour :
compare-check-compliance = Respect des obligations :
compare-check-too-few = moins de deux de ces pratiques en ont un ; rien à mettre côte à côte.
compare-check-alike = même mesure, unité, période, année des prix et borne, d’après les sources.
unlike-measure = mesures différentes ({ $measures }) : elles comptent des choses différentes.
unlike-measure-link = Ce que compte chaque mesure.
unlike-unit = unités différentes ({ $units }) : une place, une famille et une personne ne coûtent pas la même chose.
unlike-period = { $years ->
    [0] périodes différentes au sein de la même année.
    [one] périodes différentes, à { $years } an d’écart.
   *[other] périodes différentes, à { $years } ans d’écart.
}
unlike-price-year = montants d’années différentes ({ $years }), chacun converti en dollars de { $year } au taux et aux prix de son année.
unlike-bound = pas toutes exactes ({ $bounds }) : une borne dit « plus de » ou « jusqu’à », pas combien.
unlike-year-assumed = l’année de certains est supposée d’après la date de publication.
saving-none-short = aucune : coûte { $amount } de plus
constant-usd-short = dollars US constants de { $year }
country-count = { $count ->
    [0] aucune pratique enregistrée
    [one] { $shown } pratique enregistrée
   *[other] { $shown } pratiques enregistrées
}
country-none-yet = Aucune pratique n’est encore recensée dans l’atlas pour ce pays.
country-propose = Vous en connaissez une dans ce pays ? Proposez-la
country-nearby = Pratiques voisines : { $area }
country-neighbours = Pays ayant des pratiques :
country-search-area = Chercher les pratiques de : { $area }
country-search-within = Rechercher parmi ces pratiques
country-download-csv = Les télécharger en CSV
country-compare = Les comparer côte à côte
country-coverage = Ce que couvrent les pratiques enregistrées
country-coverage-hint = « Non couvert » signifie qu’aucune pratique enregistrée ne le couvre, pas que rien n’existe : les données ne contiennent que ce que documentent les sources publiques.
country-all-on-map = Tous les pays sur la carte
country-practice = Pratique
country-kind-status = Nature · statut
country-cost = Coût par jour ({ $heading })
country-detention = Rétention par jour ({ $heading })
coverage-count = { $title } : { $covered } sur { $total } couverts
coverage-covered-by = Couvert par
coverage-not-covered = non couvert
practices-column = Pratiques
table-of = Tableau : { $title }
insights-title = Panorama
insights-lede = { $count ->
    [one] L’ensemble des données d’un coup d’œil : { $shown } pratique. Chaque graphique est suivi de ses chiffres dans un tableau.
   *[other] L’ensemble des données d’un coup d’œil : { $shown } pratiques. Chaque graphique est suivi de ses chiffres dans un tableau.
}
insights-toc-costs = Coût par rapport à la rétention
insights-toc-region = Par région
insights-toc-atd-type = Par type d’alternative
insights-toc-population = Par population
insights-toc-cap-stage = Par étape CAP
insights-by-country = Pratiques par pays
insights-by-region = Pratiques par région
insights-by-atd-type = Pratiques par type d’alternative
insights-by-population = Pratiques par population
insights-by-cap-stage = Pratiques par étape CAP
insights-map-hint = Plus c’est foncé, plus il y a de pratiques. Sélectionnez un pays pour sa page ; les petits États ont un repère rond.
insights-map-credit = Formes : Natural Earth (domaine public) via world-atlas (ISC). Les frontières montrent le contrôle de fait et n’impliquent aucune position sur aucun différend.
insights-map-label = Carte du monde : nombre de pratiques par pays
insights-map-countries = Pays de la carte
insights-country-table = { $count ->
    [one] Tableau : pratiques par pays ({ $shown } pays)
   *[other] Tableau : pratiques par pays ({ $shown } pays)
}
insights-costs-title = Coût par jour de l’alternative par rapport à la rétention
insights-costs-intro = Programmes dont la source publie un coût par jour, en { $heading } ({ $shown } sur { $total } pratiques). Les unités diffèrent (par personne, par famille) : lisez l’unité dans le tableau avant de comparer des programmes.
insights-costs-chart = Coût par jour en { $heading } : alternative et rétention, par programme
insights-costs-table = Tableau : coût par jour par rapport à la rétention
insights-programme = Programme
insights-alternative = Alternative ({ $heading })
insights-detention = Rétention ({ $heading })
insights-saving = Économie quotidienne
insights-cost-year = Année du coût
insights-method = Chiffres en dollars : le taux de change moyen de l’année, puis l’indice des prix à la consommation des États-Unis jusqu’à { $year }.
insights-method-link = Méthode
insights-multi = Une pratique peut en avoir plusieurs ; elle compte une fois sous chacun.
insights-costs-bounded = Le graphique compte les { $shown } par tranche de coût ; le tableau liste les { $rows } dont l’alternative coûte le moins.
insights-costs-bands = Pratiques par coût par jour en { $heading } : alternative et rétention
insights-costs-band = Coût par jour ({ $heading })
insights-costs-table-cheapest = Tableau : les { $rows } alternatives les moins chères
insights-costs-more = { $count ->
    [one] { $shown } pratique de plus publie le coût d’une alternative. La recherche liste toutes les pratiques à partir de { $from } par jour, de la moins chère à la plus chère.
   *[other] { $shown } pratiques de plus publient le coût d’une alternative. La recherche liste toutes les pratiques à partir de { $from } par jour, de la moins chère à la plus chère.
}
insights-costs-more-search = Les voir toutes dans la recherche, triées par coût
insights-costs-more-detention = { $count ->
    [one] { $shown } pratique de plus ne publie qu’un coût de rétention.
   *[other] { $shown } pratiques de plus ne publient qu’un coût de rétention.
}
insights-costs-all-csv = Le CSV de toutes les pratiques les contient.
histogram-cost = Résultats par coût par jour (dollars US de { $year })
histogram-cost-note = { $shown } sur { $total } résultats publient un coût (dollars US de { $year } par jour). Colonnes : 0–5, 5–10, 10–25, 25–50, 50–100, 100–250, 250+ ; sélectionnez-en une pour filtrer.
histogram-compliance = Résultats par taux de respect des obligations
histogram-compliance-note = { $shown } sur { $total } résultats publient un taux de respect des obligations. Colonnes : moins de 50 %, puis par tranches de 10 jusqu’à 100 % ; sélectionnez-en une pour filtrer.
histogram-open-bin = { $low } ou plus
cite-ris = RIS (Zotero, EndNote, Mendeley)
cite-hint = L’adresse est l’URL stable de cette fiche ; citez aussi la source d’origine quand vous reprenez ses chiffres.
similar-title = Pratiques similaires
similar-shares = En commun : { $tags }
similar-compare = Comparer cette pratique avec celles-ci
about-tables = Les tables
about-tables-intro = Les deux tables sont publiées avec leurs sources, ligne par ligne :
about-tables-fx = taux de change (CSV)
about-tables-cpi = prix à la consommation (CSV)
about-tables-and = et
about-all-data = Tous les téléchargements de données
about-cpi-table = CPI-U des États-Unis par année et le facteur vers les dollars de { $year }
about-cpi-year = Année
about-cpi-factor = × vers dollars US de { $year }
data-title = Télécharger les données
data-lede = Données d’{ $site }, version { $version }, sous CC BY 4.0. Chaque fichier ci-dessous est ce que sert ce site ; rien n’exige de connexion.
data-everything = Tout, prêt pour un tableur
data-all-csv = Toutes les pratiques en CSV
data-all-csv-text = s’ouvre proprement dans Excel ou LibreOffice : UTF-8 avec indicateur d’ordre des octets, décimales avec point, colonnes de coût dans la devise d’origine, en dollars US de l’année du coût et en dollars US constants de { $year }. Les cellules de texte qu’un tableur exécuterait comme formule commencent par une apostrophe.
data-all-json = Toutes les pratiques en JSON
data-all-json-text = les mêmes lignes avec les valeurs brutes, pour les scripts.
data-every-search = Chaque recherche a les deux mêmes téléchargements pour exactement ses résultats : ajoutez .csv ou .json à /practices et gardez les paramètres de recherche, par exemple :
data-package = Le jeu de données tel que publié
data-package-intro = Les fichiers sources avec leur description Frictionless Data Package (validée avec l’outil frictionless) :
data-file-practices = Les pratiques telles que compilées (UTF-8, une ligne par pratique ; étiquettes séparées par « ; »). Décrites par datapackage.json.
data-file-vocabularies = Les vocabulaires contrôlés, avec libellés et définitions en anglais, espagnol et français.
data-file-countries = Pays ISO 3166-1 avec les régions M49 de l’ONU et les noms en trois langues.
data-file-currencies = Devises ISO 4217.
data-file-fx = Taux de change moyens annuels, unités de chaque devise par dollar US, avec sources.
data-file-cpi = Indice des prix à la consommation des États-Unis (CPI-U), moyennes annuelles, avec source.
data-file-synonyms = Synonymes et sigles de la recherche : les mots d’une même ligne se trouvent les uns les autres.
data-file-sources = Les sources de chaque pratique : titre, adresse, où dans la page, quels chiffres chacune étaye, et quand elle a été vérifiée.
data-file-translations = Le texte de chaque pratique en espagnol et en français : traductions automatiques (signalées comme telles jusqu’à leur relecture par une personne), avec l’empreinte du texte anglais dont elles sont issues.
data-file-figures = Chaque chiffre publié — coûts par jour, dossier ou an, parts de résultats, effectifs, budgets — d’une pratique ou d’un pays : mesure, valeur, période, unité, la phrase citée et sa page, et les faits qui le qualifient.
data-file-changelog = Les versions des données : ce que chacune a ajouté, retiré et modifié, champ par champ.
data-file-datapackage = Frictionless Data Package : le type, les contraintes et le sens de chaque colonne, et les licences.
data-file-readme = Comment les données ont été compilées, colonne par colonne, et la méthode des chiffres en dollars.
data-file-licence = La licence des données : Creative Commons Attribution 4.0 International (CC BY 4.0).
data-file-citation = comment citer le jeu de données (Citation File Format).
data-cite-advice = Ajoutez la date de consultation. Chaque page de fiche propose une citation prête pour cette fiche (texte, BibTeX et RIS).
api-docs-title = Documentation de l’API
api-docs-english = Cette référence technique est générée à partir du code et elle est en anglais.
rebuilding-title = L’index de recherche est en cours de reconstruction
rebuilding-message = Le site sera de retour dans quelques secondes. Veuillez réessayer sous peu.

## Propositions : proposer une pratique ou une correction
nav-propose = Proposer
cf-title-new = Proposer une pratique
cf-title-correction = Suggérer une correction
cf-correcting = Vous corrigez :
cf-lede = Une personne chargée de la modération vérifie chaque proposition auprès de sa source avant toute publication. Rien de ce que vous envoyez n’apparaît sur le site d’ici là.
cf-off = Cette copie d’ATD Atlas est un miroir en lecture seule : elle ne reçoit pas de propositions.
cf-unavailable = Les propositions ne peuvent pas être reçues ici pour le moment : l’endroit où elles sont conservées n’est pas disponible. La recherche et la lecture fonctionnent normalement.
cf-other-way = Pour proposer une pratique ou une correction autrement, envoyez sa source (le document ou la page qui contient les faits) aux personnes qui publient l’atlas, indiquées sur la page « À propos ».
cf-save-failed = Votre proposition n’a pas pu être enregistrée à cause d’un problème de notre côté. Tout ce que vous avez saisi est toujours ci-dessous : renvoyez-la dans quelques minutes.
cf-errors = { $count ->
    [one] La proposition comporte un problème à corriger
   *[other] La proposition comporte { $count } problèmes à corriger
}
cf-required-note = Les champs marqués « obligatoire » doivent être remplis ; tout le reste est facultatif. Mieux vaut laisser un champ vide que deviner.
cf-required = (obligatoire)
cf-optional = (facultatif)
cf-choose = Choisir…
cf-group-practice = La pratique
cf-group-who = Pour qui et comment
cf-group-results = Résultats
cf-group-source = Résumé et source
cf-group-more = Autres colonnes
cf-group-you = À propos de vous
cf-you-note = Votre nom et votre adresse électronique ne sont conservés que pour l’équipe de modération, afin de vous interroger sur cette proposition. Ils ne sont jamais publiés, exportés ni affichés sur le site.
cf-honeypot = Laissez ce champ vide
cf-send = Envoyer la proposition
cf-label-practice = La fiche
cf-label-iso2 = Pays
cf-label-programme = Nom de la loi, de la politique ou du programme
cf-label-text_lang = Langue de votre texte
cf-hint-text_lang = La langue dans laquelle vous écrivez le nom, le résumé et les notes. Ce n'est pas forcément celle de cette page : la fiche sera affichée telle que vous l'écrivez, marquée dans cette langue.
cf-text-lang-name = { $language ->
    [es] espagnol
    [fr] français
   *[en] anglais
}
cf-label-kind = Type
cf-label-organisation = Organisation qui la met en œuvre
cf-label-organisation_type = Type d’organisation
cf-label-status = Statut
cf-label-status_as_of = Date du statut (date de la source la plus récente qui l’indique)
cf-label-start_year = Année de début
cf-label-end_year = Année de fin
cf-label-populations = Populations
cf-label-atd_types = Types d’alternative
cf-label-cap_stages = Étapes du modèle CAP
cf-label-participants = Participants
cf-label-participants_note = À propos des participants
cf-label-cost_per_day = Coût par jour
cf-label-cost_currency = Devise
cf-label-cost_unit = Unité du coût
cf-label-cost_year = Année du coût
cf-label-detention_cost_per_day = Coût de la détention par jour
cf-label-cost_bound = Comment la source donne le coût
cf-label-detention_cost_bound = Comment la source donne le coût de la rétention
cf-label-cost_year_basis = D’où vient l’année du coût
cf-label-last_verified = Dernière vérification auprès de la source (AAAA-MM-JJ)
cf-label-cost_per_day_high = Coût par jour, haut de la fourchette
cf-label-detention_cost_per_day_high = Coût de la rétention par jour, haut de la fourchette
cf-label-outcome_compliance_pct = Respect des obligations (%)
cf-label-outcome_other = Autres résultats
cf-label-summary = Résumé
cf-label-source_title = Titre de la source
cf-label-source_url = Adresse de la source (URL)
cf-label-submitter = Votre nom ou organisation
cf-label-email = Votre adresse électronique
cf-hint-programme = Le nom sous lequel elle est connue.
cf-hint-start_year = Une année comme 2019.
cf-hint-outcome_other = Coûts et résultats avec leurs chiffres, tels que la source les donne (par exemple « coûte 38 USD par famille et par jour (2017) ») ; une personne modératrice enregistre chaque chiffre avec sa source.
cf-hint-summary = Une à trois phrases : ce qu’elle fait et pour qui.
cf-hint-source_url = L’adresse web (http ou https) du document ou de la page où chaque chiffre peut être vérifié.
cf-group-why = Pourquoi cette correction
cf-label-why = Pourquoi les valeurs changent
cf-label-why_source = Source des nouvelles valeurs (URL)
cf-hint-why = Obligatoire si vous changez un chiffre (années, statut, participants, coûts ou résultats) : ce qui a changé, et où la source le dit.
cf-hint-why_source = Obligatoire si vous changez un chiffre : l’adresse web (http ou https) du document ou de la page qui donne les nouvelles valeurs.
cf-hint-kind = Une loi, une politique ou un programme auquel des personnes participent.
cf-hint-organisation_type = Qui le gère : un organisme public, une organisation non gouvernementale, une agence de l’ONU ou un partenariat de plusieurs.
cf-hint-status = S’il fonctionne aujourd’hui, selon la source la plus récente.
cf-hint-status_as_of = La date (AAAA-MM-JJ) de la source la plus récente qui indique le statut ; laissez vide si vous ne la connaissez pas.
cf-hint-populations = Cochez toutes les populations concernées ; ne cochez rien si la source ne le dit pas.
cf-hint-atd_types = Cochez chaque type d’alternative utilisé.
cf-hint-cap_stages = Les étapes du modèle d’évaluation et de placement communautaire (CAP) couvertes, si la source le dit.
cf-error-required = Ce champ est obligatoire.
cf-error-invalid = Cette valeur ne peut pas être acceptée telle quelle.
cf-error-email = Saisissez une adresse comme nom@example.org, ou laissez le champ vide.
cf-error-submitter = 200 caractères au plus, sans caractères de contrôle.
cf-error-nothing-changed = Rien n’a été modifié. Corrigez les champs erronés, puis envoyez.
cf-error-unknown-practice = Cette fiche n’est pas (ou plus) dans l’atlas.
cf-receipt-title = Merci : votre proposition a été reçue
cf-receipt-reference = Votre référence :
cf-receipt-keep = Conservez-la si vous souhaitez vous renseigner sur votre proposition.
cf-receipt-next = La suite
cf-receipt-next-text = Une personne chargée de la modération vérifie votre proposition auprès de sa source. Si elle est acceptée, elle apparaît dans l’atlas avec la prochaine version des données ; si vous avez laissé une adresse, l’équipe de modération peut vous écrire à son sujet. D’ici là, rien ne change sur le site.
cf-receipt-same = L’atlas a peut-être déjà cette pratique (la même adresse de source, ou un nom proche dans le même pays) ; l’équipe de modération les comparera :
cf-receipt-status = Sa page de suivi vous dira ce qu’elle devient : reçue, acceptée (avec la fiche et la version dans laquelle elle entre) ou non acceptée (avec le motif de la personne chargée de la modération).
cf-receipt-status-link = Suivre votre proposition
ps-title = Proposition { $reference }
ps-what-new = Une nouvelle pratique :
ps-what-correction = Une correction de :
ps-received = Reçue le { $date }.
ps-pending = En attente d’une personne chargée de la modération, qui la vérifie auprès de sa source.
ps-accepted = Acceptée le { $date }.
ps-in-release = Elle est entrée dans l’atlas avec la version { $version } ({ $date }).
ps-not-yet-released = Pas encore dans une version : acceptée le { $date }, elle entrera dans la prochaine.
ps-record = La fiche :
ps-not-yet-published = La fiche apparaîtra sur le site à la prochaine publication des données.
ps-rejected = Non acceptée (décision du { $date }).
ps-reason = Le motif de la personne chargée de la modération :
ps-no-reason = La personne chargée de la modération n’a donné aucun motif.
ps-private = Toute personne qui a l’adresse de cette page peut la voir : gardez-la pour vous.
cf-receipt-another = Proposer une autre pratique
cf-suggest-correction = Suggérer une correction
about-proposals = Propositions
about-proposals-text = Chacun peut proposer une pratique ou une correction avec le formulaire de proposition ; une personne chargée de la modération vérifie chaque proposition auprès de sa source avant de la publier.
about-proposals-privacy = Le nom et l’adresse électronique laissés avec une proposition ne sont conservés que dans la base des propositions de l’équipe de modération : jamais dans les données publiées, les téléchargements, l’API ni les journaux du serveur.
cf-too-many = Vous avez envoyé plusieurs propositions en peu de temps. Celle-ci est conservée ci-dessous : renvoyez-la plus tard.
cf-full = De nombreuses propositions attendent l’équipe de modération ; aucune autre ne peut être reçue pour l’instant. Celle-ci est conservée ci-dessous : renvoyez-la plus tard.
cf-error-check = Vérifiez cette valeur ; la raison est indiquée à côté du champ.
cf-reason-formula = Cela commence comme une formule de tableur (=, +, - ou @) : commencez par un mot ou un nombre.
cf-reason-invisible = Cela contient un caractère invisible ou de contrôle : saisissez-le à nouveau.
cf-reason-line-break = Cela contient un saut de ligne : écrivez-le sur une seule ligne.
cf-reason-not-a-number = Ce que vous avez saisi n’est pas un nombre.
cf-reason-negative = C’est inférieur à zéro.
cf-reason-out-of-range = Ce nombre est en dehors de ce que le champ accepte.
cf-reason-not-an-address = Ce que vous avez saisi n’est pas une adresse web.
cf-error-year = Saisissez une année entre 1950 et l’année en cours (l’année de fin ne peut précéder celle de début).
cf-error-amount = Saisissez un nombre comme 12.50, sans symbole monétaire ; la devise a son propre champ.
cf-error-count = Saisissez un nombre entier.
cf-error-percent = Saisissez un nombre de 0 à 100.
cf-error-currency = Saisissez un code de devise à trois lettres comme EUR ; il est nécessaire lorsqu’il y a un coût.
cf-error-url = Saisissez une adresse web qui commence par http:// ou https://.
cf-error-choose = Choisissez une valeur dans la liste.
cf-error-tick = Cochez des valeurs dans la liste.

## Provenance : bornes, années des coûts, sources, vérification et versions
bound-range-to = fourchette jusqu’à { $amount }
bound-range-to-usd = fourchette jusqu’à { $amount } ({ $original })
year-assumed = année supposée : { $year }
unit-not-stated = unité non indiquée
bound-of = { $what } : { $bound }
bound-heading = Bornes des montants publiés :
year-basis-publication = L’année de ces coûts ({ $year }) est supposée : la source ne les date pas, on utilise donc son année de publication. Tous les chiffres en dollars ci-dessus reposent sur cette hypothèse.
year-basis-stated = L’année de ces coûts ({ $year }) est indiquée par la source.
sources-title = Sources et chiffres qu’elles étayent
source-locator = Où
source-supports = Étaye
source-supports-context = contexte seulement, aucun chiffre
source-checked = Vérifiée le
last-verified = Faits vérifiés pour la dernière fois le { $date }.
release-added = Ajoutée dans la version des données { $version }
release-changed = modifiée pour la dernière fois dans la version { $version }
column-start-year = année de début
column-end-year = année de fin
column-status = statut
column-participants = participants
column-cost-per-day = coût par jour
column-cost-currency = devise
column-cost-unit = unité de coût
column-cost-year = année du coût
column-detention-cost-per-day = coût de la rétention par jour
column-outcome-compliance-pct = taux de conformité
column-status-as-of = date du statut
changes-title = Versions des données
changes-intro = Chaque version des données : les pratiques ajoutées, retirées et modifiées, de la plus récente à la plus ancienne.
changes-follow = Suivre les versions (flux Atom)
changes-reverified = { $count ->
    [one] Vérifié à nouveau auprès de ses sources : { $count } fiche.
   *[other] Vérifiées à nouveau auprès de leurs sources : { $count } fiches.
}
changes-empty-value = aucune valeur
column-id = Identifiant
column-country = Nom du pays
column-cost_bound = Nature du chiffre de coût (exact, minimum, maximum, fourchette)
column-detention_cost_bound = Nature du chiffre de coût de la détention
column-cost_year_basis = Origine de l’année du coût
column-last_verified = Dernière vérification
column-text_lang = Langue du texte
column-status_as_of = Date de la source la plus récente qui indique le statut (AAAA, AAAA-MM ou AAAA-MM-JJ)
column-cost_per_day_high = Coût par jour, haut de la fourchette
column-detention_cost_per_day_high = Coût de la détention par jour, haut de la fourchette
changes-none = Aucune version n’est encore enregistrée.
changes-unreleased = Pas encore dans une version
changes-unreleased-intro = Propositions acceptées par un modérateur : déjà sur le site, elles entreront dans la prochaine version des données.
changes-accepted-added = ajoutée, acceptée le { $date }
changes-accepted-changed = corrigée, acceptée le { $date }
changes-release = Version { $version }
changes-counts = { $added } ajoutées, { $removed } retirées, { $changed } modifiées
changes-added = Ajoutées
changes-removed = Retirées
changes-changed = Modifiées (champs)
changes-figures-counts = Chiffres : { $added } ajoutés, { $removed } retirés, { $changed } modifiés
changes-figures-added = Chiffres ajoutés
changes-figures-removed = Chiffres retirés
changes-figures-changed = Chiffres modifiés
changes-feed-title = ATD Atlas : versions des données
feed-all-title = ATD Atlas : pratiques les plus récentes
feed-search-title = ATD Atlas : pratiques les plus récentes — { $search }
follow-search = Suivre cette recherche
follow-words = Mots : « { $query } »
follow-title = Suivre cette recherche
follow-lede = Recevez les pratiques de cette recherche dans un lecteur de flux : quand une version de l’atlas en ajoute ou en modifie une, votre lecteur l’affiche, sans visite sur ce site.
follow-search-heading = La recherche
follow-everything = Toutes les pratiques de l’atlas (sans mots ni filtres).
follow-matching = { $count ->
    [0] Aucune pratique n’y répond aujourd’hui ; le flux affichera la première ajoutée.
    [one] { $shown } pratique y répond aujourd’hui.
   *[other] { $shown } pratiques y répondent aujourd’hui.
}
follow-what-heading = Qu’est-ce qu’un flux ?
follow-what = Un flux (ici au format Atom) est une adresse qu’un lecteur de flux consulte pour vous, aussi souvent que vous le souhaitez. Il présente d’abord les pratiques les plus récentes de la recherche. Ni compte ni courriel : le site ne sait pas qui le suit.
follow-how-heading = Comment la suivre
follow-step-copy = Copiez l’adresse du flux ci-dessous.
follow-step-add = Dans votre lecteur de flux (par exemple Thunderbird, NetNewsWire, Feedly ou Inoreader), choisissez « Ajouter un flux » ou « S’abonner » et collez l’adresse.
follow-step-done = Le lecteur consulte ensuite le flux de lui-même et affiche les nouvelles pratiques à mesure qu’elles arrivent.
follow-address-label = Adresse du flux
follow-open-feed = Ouvrir le flux lui-même (XML Atom, pour les lecteurs de flux)
follow-back = Revenir à cette recherche
data-changes-link = Ce que chaque version a ajouté et modifié
about-api-feeds = Flux Atom : une recherche (les paramètres de /), ajouts les plus récents d’abord, et les versions des données.

## Figures as evidence (record page, /grades)
evidence-title = Données probantes
evidence-intro = Chaque chiffre publié sur cette pratique, avec sa période, son unité et les faits qui le qualifient. Les chiffres de coût et de respect ci-dessus sont les principaux, choisis parmi ceux-ci.
evidence-caption = Chiffres, tels que publiés
evidence-measure = Mesure
evidence-value = Valeur
evidence-period = Période
evidence-unit = Unité et portée
evidence-grade = Qualification
evidence-source = Citation et source
evidence-quote = Citation
evidence-undated = non daté
evidence-year-assumed = { $period } (année supposée)
evidence-original = Cité d’après :
evidence-sample = Sur { $count } personnes, familles ou dossiers.
evidence-checked = Lu sur la page le { $date }.
detention-series-title = Coût journalier de la rétention en { $country }
detention-series-intro = Chaque coût journalier de la rétention enregistré pour ce pays, tel que publié et en { $heading } (converti au taux de change moyen de l’année, puis par les prix à la consommation des États-Unis). Les chiffres diffèrent par l’unité, la portée et la source : un coût par place compte les lits occupés ou non ; lisez la portée avant d’en comparer deux.
detention-series-desc = { $count ->
    [one] Un chiffre pour { $country } en { $heading }, par année ; le tableau ci-dessous le donne avec son unité, sa portée et sa source.
   *[other] { $count } chiffres pour { $country } en { $heading }, par année ; les cercles comptent une personne, les carrés une place ; le tableau ci-dessous donne chacun avec son unité, sa portée et sa source.
}
detention-series-caption = Coûts journaliers de la rétention en { $country }, tels que publiés
pairing-title = Face à la rétention en { $country }
pairing-intro = Chaque coût journalier de cette alternative à côté du coût journalier de la rétention enregistré pour le même pays l’année la plus proche, tous deux en dollars américains constants de { $year }. Ils ne sont mis côte à côte que s’ils comptent la même unité (une personne ou un participant, une famille, une place) ; l’écart d’années, les portées et les sources restent différents : lisez-les avant de citer la différence.
pairing-caption = Coûts de cette alternative face au coût de la rétention en { $country }
pairing-atd = Coût journalier de l’alternative
pairing-detention = Coût journalier de la rétention en { $country }
pairing-gap = Écart d’années
pairing-difference = Détention moins l’alternative
pairing-see-series = Voir la série du pays.
pairing-gap-same = Même année
pairing-gap-earlier = { $years ->
    [one] Chiffre de rétention antérieur de { $years } an
   *[other] Chiffre de rétention antérieur de { $years } ans
}
pairing-gap-later = { $years ->
    [one] Chiffre de rétention postérieur de { $years } an
   *[other] Chiffre de rétention postérieur de { $years } ans
}
pairing-year-assumed = une année supposée d’après la date de publication
pairing-diff-exact = { $amount }
pairing-diff-about = environ { $amount }
pairing-diff-at-least = au moins { $amount }
pairing-diff-at-most = au plus { $amount }
pairing-diff-uncertain = { $amount } (les bornes des deux chiffres tirent en sens opposés)
pairing-costs-more = aucune : l’alternative coûte { $amount } de plus
pairing-declined-not-convertible = Non comparé : ce coût n’a pas d’année, ou pas de taux de change ni d’indice des prix pour sa monnaie et son année ; il n’a donc pas de valeur en dollars constants.
pairing-declined-unit-unstated = Non comparé : la source ne dit pas pour qui ou pour quoi est ce coût.
pairing-declined-none = Non comparé : aucun coût journalier de la rétention n’est enregistré pour { $country }.
pairing-declined-units = Non comparé : ce coût est { $unit }, et tous les coûts journaliers de la rétention enregistrés pour le pays sont { $units } ; les deux comptent des choses différentes.
evidence-map-title = Carte des données probantes
evidence-map-intro-population = Chaque case compte les pratiques d’un type d’alternative qui s’adressent à une population, et tous les chiffres (coûts, parts de résultats, effectifs, budgets) enregistrés à leur sujet ; elle mène à ces pratiques. Une case vide est une lacune : aucune pratique enregistrée de ce type ne s’adresse à cette population. Une pratique de plusieurs types ou populations compte dans chacune de ses cases.
evidence-map-intro-measure = Chaque case compte les pratiques d’un type d’alternative qui ont un chiffre d’une mesure, et ces chiffres ; elle mène à ces pratiques. Une case vide est une lacune : aucune pratique enregistrée de ce type n’a de chiffre de cette mesure. Une pratique de plusieurs types compte dans chacune de ses lignes.
evidence-map-by = Afficher la carte par
evidence-map-by-population = population
evidence-map-by-measure = mesure
evidence-map-gaps = { $count ->
    [0] Aucune lacune.
    [one] { $count } case est une lacune.
   *[other] { $count } cases sont des lacunes.
}
evidence-map-caption-population = Types d’alternative (lignes) par population (colonnes) : pratiques et chiffres
evidence-map-caption-measure = Types d’alternative (lignes) par mesure (colonnes) : pratiques et chiffres
evidence-map-corner = Type d’alternative
evidence-map-practices = { $count ->
    [one] { $count } pratique
   *[other] { $count } pratiques
}
evidence-map-figures = { $count ->
    [0] aucun chiffre
    [one] { $count } chiffre
   *[other] { $count } chiffres
}
evidence-map-gap = lacune
insights-evidence-map = La carte des données probantes : quels types d’alternative sont documentés pour quelles populations et mesures, et où sont les lacunes.
grade-superseded = remplacé
grade-legend-link = Ce que signifie la qualification.
grades-title = Comment les chiffres sont qualifiés
grades-intro = Chaque chiffre porte un badge de faits, pas une note : qui l’a produit, si la page est le document de ce producteur ou en cite un autre, si le producteur gère ou finance le programme, et si un chiffre plus récent l’a remplacé. Pesez chaque chiffre avec eux ; l’atlas ne les transforme jamais en note.
grades-badge-example = Un badge indique par exemple : Audit ou inspection · Secondaire · Indépendant.
grade-superseded-title = Remplacé
grade-superseded-text = Un chiffre plus récent de la même mesure pour le même programme ou pays a remplacé celui-ci. Il reste visible, marqué remplacé, et n’est jamais un chiffre principal.
grades-measures-intro = Ce que mesure chaque chiffre, ce qui est compté et sur quel total. Le type de mesure décide des contrôles : un pourcentage reste entre 0 et 100, un effectif est entier, une somme a une devise et une unité, et rien n’est divisé en coût par jour.
## Status dates and links between records
data-file-links = Fiches qui décrivent un même programme : laquelle succède à laquelle, en est une phase ou en fait partie, avec la page qui le dit.
status-as-of = au { $date }
status-last-reported = dernière activité signalée en { $year }
links-heading = Fiches liées
link-successor_of = { $count ->
    [one] Phase précédente
   *[other] Phases précédentes
}
link-predecessor_of = { $count ->
    [one] Successeur
   *[other] Successeurs
}
link-phase_of = Phase de
link-has_phase = { $count ->
    [one] Phase
   *[other] Phases
}
link-part_of = Fait partie de
link-has_part = Comprend
