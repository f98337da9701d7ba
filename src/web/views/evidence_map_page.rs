//! `/evidence`: the evidence map — types of alternative by population (or by measure), each
//! cell counting the practices and their figures and linking to their search; an empty cell
//! is shown as a gap, so what nobody has documented is as visible as what is known.

use std::collections::BTreeMap;

use maud::{Markup, html};

use super::layout::layout;
use super::links::{self, Here};
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Reference, Vocab};
use crate::overview::Overview;
use crate::search::{FacetName, SearchQuery};
use crate::web::urls;

/// What the columns of the map are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EvidenceAxis {
    /// The populations a practice serves; a cell counts all the figures of its practices.
    #[default]
    Population,
    /// The measures of a practice's figures; a cell counts the figures of that measure.
    Measure,
}

impl EvidenceAxis {
    /// The value of the `by` parameter.
    pub fn param(self) -> &'static str {
        match self {
            EvidenceAxis::Population => "population",
            EvidenceAxis::Measure => "measure",
        }
    }

    /// The axis a `by` parameter asks for; anything else is the default (never an error).
    pub fn from_param(param: Option<&str>) -> EvidenceAxis {
        match param {
            Some("measure") => EvidenceAxis::Measure,
            _ => EvidenceAxis::Population,
        }
    }

    fn facet(self) -> FacetName {
        match self {
            EvidenceAxis::Population => FacetName::Population,
            EvidenceAxis::Measure => FacetName::Measure,
        }
    }

    fn vocab(self) -> Vocab {
        match self {
            EvidenceAxis::Population => Vocab::Population,
            EvidenceAxis::Measure => Vocab::Measure,
        }
    }
}

pub fn evidence_map_page(
    overview: &Overview,
    reference: &Reference,
    axis: EvidenceAxis,
    lang: Lang,
) -> Markup {
    let title = t(lang, "evidence-map-title");
    let here = Here::new("/evidence", format!("by={}", axis.param()));
    let cells = match axis {
        EvidenceAxis::Population => &overview.by_population,
        EvidenceAxis::Measure => &overview.by_measure,
    };
    let rows = reference.vocabularies.terms(Vocab::AtdType);
    let columns = reference.vocabularies.terms(axis.vocab());
    let gaps = rows.len() * columns.len() - cells.len().min(rows.len() * columns.len());
    let body = html! {
        article.evidence-map {
            h1 { (title) }
            p { (t(lang, &format!("evidence-map-intro-{}", axis.param()))) }
            nav.axis-switch aria-label=(t(lang, "evidence-map-by")) {
                (t(lang, "evidence-map-by")) " "
                @for (i, other) in [EvidenceAxis::Population, EvidenceAxis::Measure].into_iter().enumerate() {
                    @if i > 0 { " · " }
                    @let label = t(lang, &format!("evidence-map-by-{}", other.param()));
                    @if other == axis {
                        a href=(axis_href(other, lang)) aria-current="page" { strong { (label) } }
                    } @else {
                        a href=(axis_href(other, lang)) { (label) }
                    }
                }
            }
            p.hint { (t_args(lang, "evidence-map-gaps", &[("count", Arg::from(gaps))])) }
            div.table-scroll {
                table.evidence-grid {
                    caption { (t(lang, &format!("evidence-map-caption-{}", axis.param()))) }
                    thead {
                        tr {
                            th scope="col" { (t(lang, "evidence-map-corner")) }
                            @for column in columns {
                                th scope="col" { (column.label.get(lang)) }
                            }
                        }
                    }
                    tbody {
                        @for row in rows {
                            tr {
                                th scope="row" { (row.label.get(lang)) }
                                @for column in columns {
                                    @match cells.get(&(row.key.clone(), column.key.clone())) {
                                        Some(cell) => td.filled {
                                            a href=(cell_href(&row.key, axis, &column.key, lang)) {
                                                (t_args(lang, "evidence-map-practices", &[("count", Arg::from(cell.practices))]))
                                                br;
                                                (t_args(lang, "evidence-map-figures", &[("count", Arg::from(cell.figures))]))
                                            }
                                        },
                                        None => td.gap { span.gap-mark { (t(lang, "evidence-map-gap")) } },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(&title, lang, &here, body)
}

fn axis_href(axis: EvidenceAxis, lang: Lang) -> String {
    format!("/evidence?by={}&lang={}", axis.param(), lang.code())
}

/// The search for one cell: the ATD type and the column's population or measure.
fn cell_href(atd_type: &str, axis: EvidenceAxis, column: &str, lang: Lang) -> String {
    let query = SearchQuery {
        filters: BTreeMap::from([
            (FacetName::AtdType, vec![atd_type.to_string()]),
            (axis.facet(), vec![column.to_string()]),
        ]),
        ..links::browse_query()
    };
    urls::search_url("/", &query, lang)
}
