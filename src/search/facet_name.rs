//! The facets a search filters and counts by: their names, URL parameters, vocabularies and
//! each practice's values, as facet paths (`/country/MX`) in the index.

use tantivy::schema::Facet;

use crate::model::{Practice, Vocab};

/// The facets a search can filter and count by, in the order the UI shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetName {
    Kind,
    Region,
    Subregion,
    Country,
    AtdType,
    CapStage,
    Population,
    Status,
    OrganisationType,
    /// The measures of a practice's figures: "has a figure of measure X".
    Measure,
}

impl FacetName {
    pub const ALL: [FacetName; 10] = [
        FacetName::Region,
        FacetName::Subregion,
        FacetName::Country,
        FacetName::Kind,
        FacetName::AtdType,
        FacetName::Population,
        FacetName::CapStage,
        FacetName::Status,
        FacetName::OrganisationType,
        FacetName::Measure,
    ];

    /// The URL parameter and facet path root.
    pub fn param(self) -> &'static str {
        match self {
            FacetName::Kind => "kind",
            FacetName::Region => "region",
            FacetName::Subregion => "subregion",
            FacetName::Country => "country",
            FacetName::AtdType => "atd_type",
            FacetName::CapStage => "cap_stage",
            FacetName::Population => "population",
            FacetName::Status => "status",
            FacetName::OrganisationType => "organisation_type",
            FacetName::Measure => "measure",
        }
    }

    pub fn from_param(param: &str) -> Option<FacetName> {
        FacetName::ALL.into_iter().find(|f| f.param() == param)
    }

    /// The vocabulary that labels this facet's values; `None` for countries.
    pub fn vocab(self) -> Option<Vocab> {
        match self {
            FacetName::Kind => Some(Vocab::Kind),
            FacetName::Region => Some(Vocab::Region),
            FacetName::Subregion => Some(Vocab::Subregion),
            FacetName::Country => None,
            FacetName::AtdType => Some(Vocab::AtdType),
            FacetName::CapStage => Some(Vocab::CapStage),
            FacetName::Population => Some(Vocab::Population),
            FacetName::Status => Some(Vocab::Status),
            FacetName::OrganisationType => Some(Vocab::OrganisationType),
            FacetName::Measure => Some(Vocab::Measure),
        }
    }

    /// The values a practice has for this facet.
    pub fn values(self, p: &Practice) -> Vec<&str> {
        match self {
            FacetName::Kind => one(&p.kind),
            FacetName::Region => one(&p.region),
            FacetName::Subregion => one(&p.subregion),
            FacetName::Country => one(&p.iso2),
            FacetName::AtdType => many(&p.atd_types),
            FacetName::CapStage => many(&p.cap_stages),
            FacetName::Population => many(&p.populations),
            FacetName::Status => one(&p.status),
            FacetName::OrganisationType => one(&p.organisation_type),
            FacetName::Measure => {
                let mut measures: Vec<&str> = Vec::new();
                for f in &p.figures {
                    if !measures.contains(&f.measure.as_str()) {
                        measures.push(&f.measure);
                    }
                }
                measures
            }
        }
    }

    pub fn facet(self, value: &str) -> Facet {
        Facet::from_path([self.param(), value])
    }

    pub fn root(self) -> Facet {
        Facet::from_path([self.param()])
    }
}

fn one(value: &str) -> Vec<&str> {
    if value.is_empty() {
        vec![]
    } else {
        vec![value]
    }
}

fn many(values: &[String]) -> Vec<&str> {
    values.iter().map(String::as_str).collect()
}
