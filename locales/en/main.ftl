# ATD Atlas interface wording, English. Every id here exists in es/ and fr/ too (a test checks).
# Data values (programme names, summaries, sources) are never translated: they stay as sourced.

## Shell
skip-link = Skip to main content
nav-main = Main
nav-search = Search
nav-about = About
nav-language = Language
footer-data = Data: practices compiled from public sources; every record links its source.
footer-licence = Data licence: CC BY 4.0 (each source keeps its own terms).
footer-about-link = About the data, method and how to cite
search-label = Search practices
search-button = Search
record-language-note = { $language ->
    [es] Record text is shown in Spanish, as published by its sources.
    [fr] Record text is shown in French, as published by its sources.
   *[en] Record text is shown in English, as published by its sources.
}
record-not-yet-released = { $reference }, accepted on { $date }, is on the site but not yet in a numbered release of the data.
translation-machine = { $from ->
    [es] Machine translation from Spanish · show the original
    [fr] Machine translation from French · show the original
   *[en] Machine translation from English · show the original
}
translation-human = { $from ->
    [es] Translated from Spanish · show the original
    [fr] Translated from French · show the original
   *[en] Translated from English · show the original
}
translation-stale = { $from ->
    [es] The Spanish text changed after this translation was made: it may be out of date.
    [fr] The French text changed after this translation was made: it may be out of date.
   *[en] The English text changed after this translation was made: it may be out of date.
}
translation-mark = machine translation

## Search page
search-title = Alternatives to immigration detention
search-title-query = “{ $query }” – search
search-heading = Find alternatives to immigration detention
search-lede = Laws, policies and programmes that let people live in the community while their immigration status is resolved, with their costs and results.
search-hint = Words in English, Spanish or French; use quotes for a phrase. Spelling mistakes and acronyms are understood.
sort-label = Sort by
sort-button = Sort
sort-relevance = Relevance
sort-cost-asc = Cost per day, lowest first
sort-cost-desc = Cost per day, highest first
sort-newest = Newest first
sort-country = Country (A–Z)
filters = Filters
filters-active = { $count ->
    [one] { $shown } active
   *[other] { $shown } active
}
facet-more = More ({ $shown })
range-cost = Cost per day (USD { $year })
range-year = Start year
range-compliance = Compliance (%)
range-outcome = Outcome share (%)
range-outcome-hint = An outcome share of a measure ticked under “Has a figure of” (absconding, return, appearance …), or any outcome share when none is ticked.
chip-outcome = Outcome share
range-from = From
range-to = To
show-results = { $count ->
    [0] Show results (none match)
    [one] Show { $shown } result
   *[other] Show { $shown } results
}
facet-region = Region
facet-subregion = Sub-region
facet-country = Country
facet-kind = Kind of measure
facet-atd-type = Type of alternative
facet-population = Population
facet-cap-stage = CAP stage
facet-status = Status
facet-organisation-type = Organisation type
facet-measure = Has a figure of
results-count = { $count ->
    [0] No practices match
    [one] { $shown } practice
   *[other] { $shown } practices
}
results-count-query = { $count ->
    [0] No practices match “{ $query }”
    [one] { $shown } practice matches “{ $query }”
   *[other] { $shown } practices match “{ $query }”
}
relaxed-notice = No practice has every word you typed; these have most of them, best matches first.
notice-how-read = How your search was read:
reading-text-cut = only the first { $count } characters of the search were used
reading-words-cut = only the first { $count } words were used
reading-filters-cut = only the first { $count } filter values were used
reading-unknown-sort = unknown sort order; sorted by relevance
reading-not-a-number = ignored the { $limit } limit “{ $text }”: not a number
reading-unknown-value = ignored the { $facet } filter “{ $value }”: the atlas has no such value
reading-limit-cost = cost
reading-limit-year = year
reading-limit-compliance = compliance
chips-label = Active filters:
chip-remove = Remove filter
chip-value = { $facet }: { $value }
clear-all = Clear all filters
range-between = { $from }–{ $to }
range-from-only = from { $from }
range-up-to = up to { $to }
chip-cost = Cost per day ({ $year } USD)
page-past-end = { $last ->
    [one] Page { $page } is past the end: this search has one page of results.
   *[other] Page { $page } is past the end: this search has { $last } pages of results.
}
go-last-page = Go to the last page
go-first-page = Go to the first page
empty-try = Try one of these:
empty-clear-filters = Clear all filters and keep the words
empty-check-spelling = Check the spelling or use fewer words.
empty-keep-filters = Keep the filters without the words
empty-browse = Browse all practices
did-you-mean = Did you mean:
nearest-values = Or start from one of these:
figures-none = No cost or compliance figures published.
figure-cost = Cost
figure-detention = Detention
figure-compliance = Compliance
per-day-constant = { $amount }/day{ $unit } ({ $year } USD)
per-day-published = { $amount }/day{ $unit } ({ $year }, not converted)
per-day-published-no-year = { $amount }/day{ $unit } (year not published)
pages-label = Result pages
page-previous = Previous page
page-next = Next page
page-number = Page { $page }
years-from = from { $start }
years-until = until { $end }

## Record page
overview = Overview
field-country = Country
field-region = Region
field-kind = Kind of measure
field-organisation = Organisation
field-status = Status
field-years = Years
field-populations = Populations
field-atd-types = Types of alternative
field-cap-stages = CAP stages
field-participants = Participants
not-published = not published
not-available = not available
cost-per-day = Cost per day
cost-alternative = Alternative
cost-detention = Detention
as-published = As published
as-published-code-year = As published ({ $code }, { $year })
as-published-code = As published ({ $code }, year not published)
usd-at-year-rate = US dollars at the { $year } average rate
usd-at-unknown-rate = US dollars at the cost year's average rate
constant-usd = Constant { $year } US dollars
saving-label = Daily saving against detention ({ $year } USD):
saving-no-detention = not published (the source gives no detention cost)
saving-unavailable = not available (needs both costs in dollars)
saving-none = none: the alternative costs { $amount } more per day
cost-hint = Converted at the year's average exchange rate, then to { $year } dollars with the US consumer price index.
cost-hint-link = How the figures are computed
outcomes = Outcomes
field-compliance = Compliance
compliance-note = (share who appeared or reported as required)
field-other-outcomes = Other outcomes
source = Source
source-hint = The published figures on this page come from this source; dollar figures are derived from them.
cite-record = Cite this record
back-to-search = Back to search

## About page
about-title = About ATD Atlas
about-toc = On this page
about-data = The data
about-method = How dollar figures are computed
about-vocabularies = Vocabularies
about-search = How search reads your words
about-licence = Licence
about-cite = How to cite
about-api = JSON API
about-release = Data release
about-data-intro = ATD Atlas is a searchable, open database of alternatives to immigration detention (ATD): laws, policies and programmes that let migrants, asylum seekers and children live in the community while their immigration status is resolved, instead of being detained.
about-data-count = { $count ->
    [one] It holds { $shown } practice compiled from public sources.
   *[other] It holds { $shown } practices compiled from public sources.
}
about-data-nocount = Its practices are compiled from public sources.
about-data-sources = Each record names its source and links to it, so every published figure can be checked. Where a source gives no figure, the field is empty: nothing is estimated.
about-data-language = Records are written in English, as their sources are quoted; the interface, vocabulary labels and country names are in English, Spanish and French.
about-search-link = Search the practices
about-method-intro = Each cost is recorded as published: an amount per day, its currency, its unit (per person, per family or per child) and the year it refers to. Two figures are derived from it:
about-method-usd = US dollars of the cost year, at that year's annual average exchange rate:
about-method-constant = Constant { $year } US dollars, with the US consumer price index (CPI-U):
about-method-saving = The daily saving is the detention cost minus the alternative's cost, both in constant { $year } dollars, where the source gives both. When the year or the exchange rate is unknown, the derived figure is left empty rather than guessed.
about-method-sources = Sources of the tables
about-fx-source = Exchange rates: { $source }.
about-cpi-source = Consumer prices: { $source }.
about-coverage = { $currencies ->
    [one] Coverage: exchange rates for { $currencies } currency, { $fx_years }; consumer prices { $cpi_years }.
   *[other] Coverage: exchange rates for { $currencies } currencies, { $fx_years }; consumer prices { $cpi_years }.
}
about-vocab-intro = Records are tagged with these controlled terms; the labels of searchable terms link to the practices that use them.
vocab-key = Key
vocab-label = Label
vocab-definition = Definition
vocab-kind = Kinds of measure
vocab-organisation-type = Organisation types
vocab-status = Statuses
vocab-population = Populations
vocab-atd-type = Types of alternative to detention
vocab-cap-stage = CAP stages (Community Assessment and Placement model)
vocab-cost-unit = Cost units
vocab-bound = Bounds of amounts
vocab-year-basis = Basis of cost years
vocab-region = Regions (UN M49)
vocab-subregion = Sub-regions (UN M49)
vocab-measure = Measures of figures
vocab-measure-kind = Kinds of figure
vocab-source-type = Who produced a figure
vocab-origin = Origin of a figure
vocab-independence = Independence of a figure's producer
about-search-intro = Search looks for your words in the programme names, the record text, and every vocabulary label and country name in English, Spanish and French. Accents are optional ("detencion" finds "detención"), word endings are ignored ("detentions" finds "detention"), one spelling mistake is forgiven in words of five letters or more and two in words of nine or more. Quotes find an exact phrase.
about-synonyms-intro = A word or acronym in one cell also finds the others in the same row:
synonyms-terms = Words that find each other
synonyms-meaning = Meaning
about-licence-text = The data is published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): you may share and adapt it, for any purpose, if you credit ATD Atlas.
about-licence-sources = The sources each keep their own terms: quote them as their terms allow.
about-cite-intro = Cite the dataset as:
about-cite-release = ATD Atlas: alternatives to immigration detention, data release { $release } ({ $date }). Licensed CC BY 4.0.
about-cite-norelease = ATD Atlas: alternatives to immigration detention. Licensed CC BY 4.0.
about-cite-advice = Add the address of the page you used and the date you accessed it. To cite one record, use its page (/practices/…) and name its original source as well.
about-public-url = Citations, record addresses and feeds name this site as:
about-api-search = The search of this site as JSON, with the same parameters as the search page (q, the facets such as country or atd_type, cost_min, cost_max, year_min, year_max, compliance_min, compliance_max, sort, page).
about-api-example = Example:
about-api-practice = One record as JSON, with its derived dollar figures.
about-api-any = Any search on this site can be turned into an API call by keeping its parameters.
about-api-english = The API returns the data as recorded, in English, with vocabulary keys.
about-release-none = No information about the data release is available right now.
release-number = Release
release-imported = Imported
release-practices = Practices

## Errors
error-status = Error { $status }
error-title-404 = Not found
error-title-400 = Bad request
error-title-500 = Something went wrong
error-title-403 = Forbidden
error-title-413 = Too large
error-title-414 = Address too long
error-title-429 = Too many requests
error-title-431 = Headers too large
error-title-503 = Unavailable
error-no-page = There is no page at this address.
error-no-practice = There is no practice with this address.
error-no-country = There is no country with this code. Country pages use two-letter ISO codes, e.g. /countries/MX.
error-no-data-file = There is no such data file.
error-unreadable-search = This search address could not be read ({ $reason }). Try a new search.
error-unreadable-comparison = This comparison address could not be read ({ $reason }).
error-unreadable-address = This address could not be read ({ $reason }).
error-internal = The server could not answer this request. Please try again in a moment.
error-address-too-long = This address is too long. Shorten the search and try again.
error-headers-too-large = This request's headers are too large.
error-body-too-large = This request's body is too large.
error-too-many-requests = Too many requests from your address. Wait a moment and try again.
error-busy = The server is busy. Please try again in a moment.
error-timeout = The server took too long to answer. Please try again in a moment.
error-body-timeout = The request's body arrived too slowly. Please send it again.
error-cross-site = Proposals are accepted only from this site's own form.
error-proposal-too-large = This proposal is too large. Shorten the longest fields and send it again.
error-not-a-proposal = The body is not a proposal: { $reason }
error-json-only = Send the proposal as JSON, with Content-Type: application/json.
error-proposals-unavailable = Proposals cannot be received right now; try again later.
error-too-many-proposals = Too many proposals from this address; try again later.
error-moderation-queue-full = Too many proposals are waiting for a moderator; try again later.
error-read-only-mirror = This site is a read-only mirror and takes no proposals.
error-home = Go to the home page and browse all practices

## Research pages: compare, countries, insights, data, exports
nav-insights = Insights
nav-data = Data
search-its-practices = search its practices
about-api-exports = Every row a search matches, with the same parameters.
about-all-downloads = All downloads
about-api-openapi = The OpenAPI 3.1 description of the API;
about-api-openapi-page = read it as a page
compare-selected = Compare selected
compare-pick = Compare
downloads-all = Download all results:
compare-title = Compare practices
compare-too-many = A comparison shows up to four practices; the first four are shown.
compare-not-found = Not found: { $ids }.
compare-choose = Choose two to four practices to compare: tick them in the search results and press “Compare selected”.
compare-chosen = Chosen so far: { $practice }.
compare-go-search = Go to the search
compare-hint = Costs in constant US dollars use the year's average exchange rate and the US consumer price index.
compare-caption = Practices side by side
compare-cost-published = Cost per day, as published
compare-cost-usd = Cost per day, US$ at the year's rate
compare-cost-constant = Cost per day, constant US$ ({ $year })
compare-detention-published = Detention per day, as published
compare-detention-constant = Detention per day, constant US$ ({ $year })
compare-saving = Daily saving against detention
compare-check-title = Like for like?
compare-check-intro = What separates the figures of each row above. Constant dollars remove exchange rates and inflation, not differences in what a figure counts, when or how exactly.
compare-check-cost = Cost per day:
compare-check-detention = Detention cost per day:
compare-check-compliance = Compliance:
compare-check-too-few = fewer than two of these practices have one; nothing to set side by side.
compare-check-alike = same measure, unit, period, price year and bound, as far as the sources say.
unlike-measure = different measures ({ $measures }): they count different things.
unlike-measure-link = What each measure counts.
unlike-unit = different units ({ $units }): a place, a family and a person are not the same cost.
unlike-period = { $years ->
    [0] different periods within the same year.
    [one] different periods, { $years } year apart.
   *[other] different periods, { $years } years apart.
}
unlike-price-year = money of different years ({ $years }), each converted to { $year } dollars at its own year's rate and prices.
unlike-bound = not all exact ({ $bounds }): a bound says "more than" or "up to", not how much.
unlike-year-assumed = the year of some is assumed from the publication date.
saving-none-short = none: costs { $amount } more
constant-usd-short = constant { $year } US$
country-count = { $count ->
    [0] no recorded practices
    [one] { $shown } recorded practice
   *[other] { $shown } recorded practices
}
country-none-yet = No practice in { $country } is recorded in the atlas yet.
country-propose = Do you know of one in { $country }? Propose it
country-nearby = Practices nearby: { $area }
country-neighbours = Countries with practices:
country-search-area = Search the practices of { $area }
country-search-within = Search within these practices
country-download-csv = Download them as CSV
country-compare = Compare them side by side
country-coverage = What the recorded practices cover
country-coverage-hint = “Not covered” means no recorded practice covers it, not that nothing exists: the data only holds what public sources document.
country-all-on-map = All countries on the map
country-practice = Practice
country-kind-status = Kind · status
country-cost = Cost per day ({ $heading })
country-detention = Detention per day ({ $heading })
coverage-count = { $title }: { $covered } of { $total } covered
coverage-covered-by = Covered by
coverage-not-covered = not covered
practices-column = Practices
table-of = Table: { $title }
insights-title = Insights
insights-lede = { $count ->
    [one] The whole dataset at a glance: { $shown } practice. Each chart is followed by its numbers in a table.
   *[other] The whole dataset at a glance: { $shown } practices. Each chart is followed by its numbers in a table.
}
insights-toc-costs = Cost against detention
insights-toc-region = By region
insights-toc-atd-type = By type of alternative
insights-toc-population = By population
insights-toc-cap-stage = By CAP stage
insights-by-country = Practices by country
insights-by-region = Practices by region
insights-by-atd-type = Practices by type of alternative
insights-by-population = Practices by population
insights-by-cap-stage = Practices by CAP stage
insights-map-hint = Darker means more practices. Select a country for its page; small states have a round marker.
insights-map-credit = Shapes: Natural Earth (public domain) via world-atlas (ISC). Borders show de facto control and imply no position on any dispute.
insights-map-label = World map: number of practices per country
insights-map-countries = Countries on the map
insights-country-table = { $count ->
    [one] Table: practices by country ({ $shown } country)
   *[other] Table: practices by country ({ $shown } countries)
}
insights-costs-title = Cost per day of the alternative against detention
insights-costs-intro = Programmes whose source publishes a cost per day, in { $heading } ({ $shown } of { $total } practices). Units differ (per person, per family): read the unit in the table before comparing programmes.
insights-costs-chart = Cost per day in { $heading }: alternative and detention, by programme
insights-costs-table = Table: cost per day against detention
insights-programme = Programme
insights-alternative = Alternative ({ $heading })
insights-detention = Detention ({ $heading })
insights-saving = Daily saving
insights-cost-year = Cost year
insights-method = Dollar figures: the year's average exchange rate, then the US consumer price index to { $year }.
insights-method-link = Method
insights-multi = A practice can have several; it counts once under each.
insights-costs-bounded = The chart counts all { $shown } by cost band; the table lists the { $rows } with the cheapest alternative.
insights-costs-bands = Practices by cost per day in { $heading }: alternative and detention
insights-costs-band = Cost per day ({ $heading })
insights-costs-table-cheapest = Table: the { $rows } cheapest alternatives
insights-costs-more = { $count ->
    [one] { $shown } more practice publishes an alternative's cost. Search lists every practice from { $from } a day, cheapest first.
   *[other] { $shown } more practices publish an alternative's cost. Search lists every practice from { $from } a day, cheapest first.
}
insights-costs-more-search = See them all in search, sorted by cost
insights-costs-more-detention = { $count ->
    [one] { $shown } more practice publishes only a detention cost.
   *[other] { $shown } more practices publish only a detention cost.
}
insights-costs-all-csv = The CSV of all practices lists them.
histogram-cost = Results by cost per day (US$ { $year })
histogram-cost-note = { $shown } of { $total } results publish a cost (US$ { $year } per day). Columns: 0–5, 5–10, 10–25, 25–50, 50–100, 100–250, 250+; select one to filter.
histogram-compliance = Results by compliance rate
histogram-compliance-note = { $shown } of { $total } results publish a compliance rate. Columns: under 50%, then steps of 10 to 100%; select one to filter.
histogram-open-bin = { $low } or more
cite-ris = RIS (Zotero, EndNote, Mendeley)
cite-hint = The address is this record's stable URL; cite the original source too when you quote its figures.
similar-title = Similar practices
similar-shares = Shares: { $tags }
similar-compare = Compare this practice with these
about-tables = The tables
about-tables-intro = Both tables are published with their sources, row by row:
about-tables-fx = exchange rates (CSV)
about-tables-cpi = consumer prices (CSV)
about-tables-and = and
about-all-data = All data downloads
about-cpi-table = US CPI-U by year and the factor to { $year } dollars
about-cpi-year = Year
about-cpi-factor = × to { $year } US$
data-title = Download the data
data-lede = { $site } data, version { $version }, under CC BY 4.0. Every file below is what this site serves; nothing is behind a login.
data-everything = Everything, ready for a spreadsheet
data-all-csv = All practices as CSV
data-all-csv-text = opens cleanly in Excel or LibreOffice: UTF-8 with a byte-order mark, dot decimals, cost columns in the original currency, in US dollars of the cost year and in constant { $year } US dollars. Text cells that a spreadsheet would run as a formula start with an apostrophe.
data-all-json = All practices as JSON
data-all-json-text = the same rows with raw values, for scripts.
data-every-search = Every search has the same two downloads for exactly its results: add .csv or .json to /practices and keep the search parameters, for example:
data-package = The dataset as published
data-package-intro = The source files with their Frictionless Data Package description (validated with the frictionless tool):
data-file-practices = The practices as compiled (UTF-8, one row per practice; tags separated by “;”). Described by datapackage.json.
data-file-vocabularies = The controlled vocabularies, with labels and definitions in English, Spanish and French.
data-file-countries = ISO 3166-1 countries with UN M49 regions and names in three languages.
data-file-currencies = ISO 4217 currencies.
data-file-fx = Annual average exchange rates, units of each currency per US dollar, with sources.
data-file-cpi = US consumer price index (CPI-U) annual averages, with source.
data-file-synonyms = Search synonyms and acronyms: the words in one row find each other.
data-file-sources = The sources of each practice: title, address, where on the page, which figures each one supports, and when it was checked.
data-file-translations = Each practice's text in Spanish and French: machine translations (marked as such until a person reviews them), with the fingerprint of the English they were made from.
data-file-figures = Every published figure — costs per day, case or year, outcome shares, counts, budgets — of a practice or a country: measure, value, period, unit, the quoted sentence and its page, and the facts that grade it.
data-file-changelog = The data releases: what each one added, removed and changed, field by field.
data-file-datapackage = Frictionless Data Package: every column's type, constraints and meaning, and the licences.
data-file-readme = How the data was compiled, column by column, and the method for dollar figures.
data-file-licence = The data licence: Creative Commons Attribution 4.0 International (CC BY 4.0).
data-file-citation = how to cite the dataset (Citation File Format).
data-cite-advice = Add the date you accessed it. Each record page has a ready citation for that record (text, BibTeX and RIS).
api-docs-title = API documentation
api-docs-english = This technical reference is generated from the code and is in English.
rebuilding-title = The search index is being rebuilt
rebuilding-message = The site will be back in a few seconds. Please try again shortly.

## Proposals: propose a practice or a correction
nav-propose = Propose
cf-title-new = Propose a practice
cf-title-correction = Suggest a correction
cf-correcting = You are correcting:
cf-lede = A moderator checks every proposal against its source before anything is published. Nothing you send appears on the site until then.
cf-off = This copy of ATD Atlas is a read-only mirror: it does not take proposals.
cf-unavailable = Proposals cannot be received here right now: the place where they are kept is not available. Searching and reading work as usual.
cf-other-way = To propose a practice or a correction another way, send its source (the document or page with the facts) to the people who publish the atlas, named on the about page.
cf-save-failed = Your proposal could not be saved because of a problem on our side. Everything you typed is still below: please send it again in a few minutes.
cf-errors = { $count ->
    [one] The proposal has one problem to fix
   *[other] The proposal has { $count } problems to fix
}
cf-required-note = Fields marked “required” must be filled in; everything else is optional. Leave a field empty rather than guess.
cf-required = (required)
cf-optional = (optional)
cf-choose = Choose…
cf-group-practice = The practice
cf-group-who = Who it is for and how it works
cf-group-results = Results
cf-group-source = Summary and source
cf-group-more = More columns
cf-group-you = About you
cf-you-note = Your name and email are kept only for the moderators, to ask you about this proposal. They are never published, exported or shown on the site.
cf-honeypot = Leave this field empty
cf-send = Send the proposal
cf-label-practice = The record
cf-label-iso2 = Country
cf-label-programme = Name of the law, policy or programme
cf-label-text_lang = Language of your text
cf-hint-text_lang = The language you write the name, summary and notes in. It need not be this page's language: the record will be shown as written, marked in that language.
cf-text-lang-name = { $language ->
    [es] Spanish
    [fr] French
   *[en] English
}
cf-label-kind = Type
cf-label-organisation = Organisation that runs it
cf-label-organisation_type = Type of organisation
cf-label-status = Status
cf-label-status_as_of = Status as of (date of the latest source stating it)
cf-label-start_year = Start year
cf-label-end_year = End year
cf-label-populations = Populations
cf-label-atd_types = Types of alternative
cf-label-cap_stages = CAP stages
cf-label-participants = Participants
cf-label-participants_note = About the participants
cf-label-cost_per_day = Cost per day
cf-label-cost_currency = Currency
cf-label-cost_unit = Cost unit
cf-label-cost_year = Year of the cost
cf-label-detention_cost_per_day = Detention cost per day
cf-label-cost_bound = How the source gives the cost
cf-label-detention_cost_bound = How the source gives the detention cost
cf-label-cost_year_basis = Where the year of the cost comes from
cf-label-last_verified = Last checked against the source (YYYY-MM-DD)
cf-label-cost_per_day_high = Cost per day, top of the range
cf-label-detention_cost_per_day_high = Detention cost per day, top of the range
cf-label-outcome_compliance_pct = Compliance (%)
cf-label-outcome_other = Other results
cf-label-summary = Summary
cf-label-source_title = Source title
cf-label-source_url = Source address (URL)
cf-label-submitter = Your name or organisation
cf-label-email = Your email
cf-hint-programme = The name people use for it.
cf-hint-start_year = A year such as 2019.
cf-hint-outcome_other = Costs and results with their figures, as the source states them (for example "costs USD 38 per family per day (2017)"); a moderator records each figure with its source.
cf-hint-summary = One to three sentences: what it does and for whom.
cf-hint-source_url = The web address (http or https) of the document or page where every figure can be checked.
cf-group-why = Why this correction
cf-label-why = Why the values change
cf-label-why_source = Source of the new values (URL)
cf-hint-why = Required when you change a figure (years, status, participants, costs or results): what changed, and where the source says so.
cf-hint-why_source = Required when you change a figure: the web address (http or https) of the document or page that gives the new values.
cf-hint-kind = A law, a policy, or a programme that people take part in.
cf-hint-organisation_type = Who runs it: a government body, a non-governmental organisation, a UN agency, or a partnership of several.
cf-hint-status = Whether it runs today, as the latest source says.
cf-hint-status_as_of = The date (YYYY-MM-DD) of the latest source that gives the status; leave it empty if you do not know it.
cf-hint-populations = Tick everyone it is for; leave all unticked if the source does not say.
cf-hint-atd_types = Tick each kind of alternative it uses.
cf-hint-cap_stages = The stages of the Community Assessment and Placement model it covers, if the source says.
cf-error-required = This field is required.
cf-error-invalid = This value cannot be accepted as it is:
cf-error-email = Enter an email address such as name@example.org, or leave it empty.
cf-error-submitter = Use at most 200 characters, without control characters.
cf-error-nothing-changed = Nothing was changed. Edit the fields that are wrong, then send.
cf-error-unknown-practice = This record is not in the atlas (any more).
cf-receipt-title = Thank you: your proposal was received
cf-receipt-reference = Your reference:
cf-receipt-keep = Keep it if you want to ask about your proposal.
cf-receipt-next = What happens next
cf-receipt-next-text = A moderator checks your proposal against its source. If it is accepted, it appears in the atlas with the next data release; if you left an email, the moderators may write to you about it. Until then nothing on the site changes.
cf-receipt-same = The atlas may already have this practice (the same source address, or a similar name in the same country); the moderators will compare them:
cf-receipt-status = Its status page tells you what becomes of it: received, accepted (with the record and the release it enters) or not accepted (with the moderator's reason).
cf-receipt-status-link = Follow your proposal
ps-title = Proposal { $reference }
ps-what-new = A new practice:
ps-what-correction = A correction of:
ps-received = Received on { $date }.
ps-pending = Waiting for a moderator, who checks it against its source.
ps-accepted = Accepted on { $date }.
ps-in-release = It entered the atlas in release { $version } ({ $date }).
ps-not-yet-released = Not yet in a release: accepted on { $date }, it joins the next one.
ps-record = The record:
ps-not-yet-published = The record appears on the site when the data is next published.
ps-rejected = Not accepted (decided on { $date }).
ps-reason = The moderator's reason:
ps-no-reason = The moderator gave no reason.
ps-private = Anyone with this page's address can see it: keep the address to yourself.
cf-receipt-another = Propose another practice
cf-suggest-correction = Suggest a correction
about-proposals = Proposals
about-proposals-text = Anyone can propose a practice or a correction with the proposal form; a moderator checks each proposal against its source before it is published.
about-proposals-privacy = A name and email left with a proposal are kept only in the moderators' proposals database: never in the published data, the downloads, the API or the server logs.
cf-too-many = You have sent several proposals in a short time. This one is kept below: please send it again later.
cf-full = Many proposals are waiting for the moderators, so no more can be taken for now. This one is kept below: please send it again later.
cf-error-check = Check this value; the reason is beside the field.
cf-reason-formula = It starts like a spreadsheet formula (=, +, - or @): start it with a word or a number.
cf-reason-invisible = It holds an invisible or control character: retype it.
cf-reason-line-break = It holds a line break: keep it on one line.
cf-reason-not-a-number = What you typed is not a number.
cf-reason-negative = It is below zero.
cf-reason-out-of-range = This number is outside what the field takes.
cf-reason-not-an-address = What you typed is not a web address.
cf-error-year = Enter a year from 1950 to this year (an end year not before the start year).
cf-error-amount = Enter a number such as 12.50, without the currency sign; the currency goes in its own field.
cf-error-count = Enter a whole number.
cf-error-percent = Enter a number from 0 to 100.
cf-error-currency = Enter a three-letter currency code such as EUR; it is needed when there is a cost.
cf-error-url = Enter a web address that starts with http:// or https://.
cf-error-choose = Choose a value from the list.
cf-error-tick = Tick values from the list.

## Provenance: bounds, cost years, sources, verification and releases
bound-range-to = range up to { $amount }
bound-range-to-usd = range up to { $amount } ({ $original })
year-assumed = year assumed: { $year }
unit-not-stated = unit not stated
bound-of = { $what }: { $bound }
bound-heading = Bounds of the published amounts:
year-basis-publication = The year of these costs ({ $year }) is assumed: the source does not date them, so its publication year is used. Every dollar figure above rests on that assumption.
year-basis-stated = The year of these costs ({ $year }) is stated by the source.
sources-title = Sources and the figures they support
source-locator = Where
source-supports = Supports
source-supports-context = context only, no figure
source-checked = Checked
last-verified = Facts last verified on { $date }.
release-added = Added in data release { $version }
release-changed = last changed in release { $version }
column-start-year = start year
column-end-year = end year
column-status = status
column-participants = participants
column-cost-per-day = cost per day
column-cost-currency = currency
column-cost-unit = cost unit
column-cost-year = cost year
column-detention-cost-per-day = detention cost per day
column-outcome-compliance-pct = compliance rate
column-status-as-of = status date
changes-title = Data releases
changes-intro = Each release of the data: the practices it added, removed and changed, newest first.
changes-follow = Follow the releases (Atom feed)
changes-reverified = { $count ->
    [one] Re-verified against its sources: { $count } record.
   *[other] Re-verified against their sources: { $count } records.
}
changes-empty-value = none
column-id = Identifier
column-country = Country name
column-cost_bound = What the cost figure is (exact, lower or upper bound, range)
column-detention_cost_bound = What the detention cost figure is
column-cost_year_basis = Where the cost year comes from
column-last_verified = Last verified
column-text_lang = Language of the text
column-status_as_of = Date of the latest source stating the status (YYYY, YYYY-MM or YYYY-MM-DD)
column-cost_per_day_high = Cost per day, top of the range
column-detention_cost_per_day_high = Detention cost per day, top of the range
changes-none = No release is recorded yet.
changes-unreleased = Not yet released
changes-unreleased-intro = Proposals a moderator has accepted: already on the site, they enter the next data release.
changes-accepted-added = added, accepted on { $date }
changes-accepted-changed = corrected, accepted on { $date }
changes-release = Release { $version }
changes-counts = { $added } added, { $removed } removed, { $changed } changed
changes-added = Added
changes-removed = Removed
changes-changed = Changed (fields)
changes-figures-counts = Figures: { $added } added, { $removed } removed, { $changed } changed
changes-figures-added = Figures added
changes-figures-removed = Figures removed
changes-figures-changed = Figures changed
changes-feed-title = ATD Atlas: data releases
feed-all-title = ATD Atlas: newest practices
feed-search-title = ATD Atlas: newest practices — { $search }
follow-search = Follow this search
follow-words = Words: “{ $query }”
follow-title = Follow this search
follow-lede = Get the practices of this search in a feed reader: when a release of the atlas adds or changes one, your reader shows it, without a visit to this site.
follow-search-heading = The search
follow-everything = Every practice in the atlas (no words, no filters).
follow-matching = { $count ->
    [0] No practice matches it today; the feed will list the first one added.
    [one] { $shown } practice matches it today.
   *[other] { $shown } practices match it today.
}
follow-what-heading = What is a feed?
follow-what = A feed (here in the Atom format) is an address that a feed reader checks for you, as often as you like. It lists the newest practices of the search first. There is no account and no e-mail: the site does not know who follows it.
follow-how-heading = How to follow it
follow-step-copy = Copy the feed address below.
follow-step-add = In your feed reader (for example Thunderbird, NetNewsWire, Feedly or Inoreader), choose “Add feed” or “Subscribe” and paste the address.
follow-step-done = The reader then checks the feed by itself and shows new practices as they come.
follow-address-label = Feed address
follow-open-feed = Open the feed itself (Atom XML, for feed readers)
follow-back = Back to this search
data-changes-link = What each release added and changed
about-api-feeds = Atom feeds: a search (the parameters of /) with the newest additions first, and the data releases.

## Figures as evidence (record page, /grades)
evidence-title = Evidence
evidence-intro = Every figure published about this practice, with its period, unit and the facts that grade it. The cost and compliance figures above are the headline ones chosen from these.
evidence-caption = Figures, as published
evidence-measure = Measure
evidence-value = Value
evidence-period = Period
evidence-unit = Unit and scope
evidence-grade = Grade
evidence-source = Quote and source
evidence-quote = Quote
evidence-undated = not dated
evidence-year-assumed = { $period } (year assumed)
evidence-original = Quoted from:
evidence-sample = Over { $count } people, families or cases.
evidence-checked = Read on the page on { $date }.
detention-series-title = Detention cost per day in { $country }
detention-series-intro = Every detention cost per day recorded for this country, as published and in { $heading } (converted at the year's average exchange rate, then by US consumer prices). Figures differ in unit, scope and source: a cost per place counts beds whether or not they are occupied; read the scope before comparing two of them.
detention-series-desc = { $count ->
    [one] One figure for { $country } in { $heading }, by year; the table below gives it with its unit, scope and source.
   *[other] { $count } figures for { $country } in { $heading }, by year; circles count a person, squares a place; the table below gives each with its unit, scope and source.
}
detention-series-caption = Detention costs per day in { $country }, as published
pairing-title = Against detention in { $country }
pairing-intro = Each daily cost of this alternative beside the detention cost per day recorded for the same country in the nearest year, both in constant { $year } US dollars. They are set side by side only when they count the same unit (a person or participant, a family, a place); the years apart, the scopes and the sources still differ, so read them before quoting the difference.
pairing-caption = Costs of this alternative against the detention cost in { $country }
pairing-atd = Cost of the alternative per day
pairing-detention = Detention cost per day in { $country }
pairing-gap = Years apart
pairing-difference = Detention minus the alternative
pairing-see-series = See the country's series.
pairing-gap-same = Same year
pairing-gap-earlier = { $years ->
    [one] Detention figure { $years } year earlier
   *[other] Detention figure { $years } years earlier
}
pairing-gap-later = { $years ->
    [one] Detention figure { $years } year later
   *[other] Detention figure { $years } years later
}
pairing-year-assumed = a year assumed from the publication date
pairing-diff-exact = { $amount }
pairing-diff-about = about { $amount }
pairing-diff-at-least = at least { $amount }
pairing-diff-at-most = at most { $amount }
pairing-diff-uncertain = { $amount } (the bounds of the two figures pull in opposite directions)
pairing-costs-more = none: the alternative costs { $amount } more
pairing-declined-not-convertible = Not compared: this cost has no year, or no exchange rate or price index for its currency and year, so it has no value in constant dollars.
pairing-declined-unit-unstated = Not compared: the source does not say per whom or what this cost is.
pairing-declined-none = Not compared: no detention cost per day is recorded for { $country }.
pairing-declined-units = Not compared: this cost is { $unit }, and every detention cost per day recorded for the country is { $units }; the two count different things.
evidence-map-title = Evidence map
evidence-map-intro-population = Each cell counts the practices of one type of alternative that serve one population, and all the figures (costs, outcome shares, counts, budgets) recorded about them; it links to those practices. An empty cell is a gap: no recorded practice of that type serves that population. A practice of several types or populations counts in each of its cells.
evidence-map-intro-measure = Each cell counts the practices of one type of alternative that have a figure of one measure, and those figures; it links to those practices. An empty cell is a gap: no recorded practice of that type has a figure of that measure. A practice of several types counts in each of its rows.
evidence-map-by = Show the map by
evidence-map-by-population = population
evidence-map-by-measure = measure
evidence-map-gaps = { $count ->
    [0] No gaps.
    [one] { $count } cell is a gap.
   *[other] { $count } cells are gaps.
}
evidence-map-caption-population = Types of alternative (rows) by population (columns): practices and figures
evidence-map-caption-measure = Types of alternative (rows) by measure (columns): practices and figures
evidence-map-corner = Type of alternative
evidence-map-practices = { $count ->
    [one] { $count } practice
   *[other] { $count } practices
}
evidence-map-figures = { $count ->
    [0] no figure
    [one] { $count } figure
   *[other] { $count } figures
}
evidence-map-gap = gap
insights-evidence-map = The evidence map: which types of alternative are documented for which populations and measures, and where the gaps are.
grade-superseded = superseded
grade-legend-link = What the grade means.
grades-title = How figures are graded
grades-intro = Every figure carries a badge of facts, not a score: who produced it, whether the page is that producer's own document or quotes another, whether the producer runs or funds the programme, and whether a later figure replaced it. Weigh a figure with them; the atlas never turns them into a rating.
grades-badge-example = A badge reads, for example: Audit or inspection · Secondary · Independent.
grade-superseded-title = Superseded
grade-superseded-text = A later figure of the same measure for the same programme or country replaced this one. It stays visible, marked superseded, and is never a headline figure.
grades-measures-intro = What each figure measures, what counts and over what. A measure's kind decides how it is checked: a percentage stays within 0–100, a count is whole, money has a currency and a unit, and nothing is divided into a cost per day.
## Status dates and links between records
data-file-links = Records that describe one programme: which record succeeds, is a phase of, or is part of which other, with the page that says so.
status-as-of = as of { $date }
status-last-reported = last reported active in { $year }
links-heading = Related records
link-successor_of = { $count ->
    [one] Earlier phase
   *[other] Earlier phases
}
link-predecessor_of = { $count ->
    [one] Successor
   *[other] Successors
}
link-phase_of = Phase of
link-has_phase = { $count ->
    [one] Phase
   *[other] Phases
}
link-part_of = Part of
link-has_part = Includes
