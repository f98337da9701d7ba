//! A practice as a row of the `practices` table and back: the columns in order, and the
//! cells that hold JSON (figures, sources, translations, links).

use anyhow::Context;
use rusqlite::{Row, params};

use crate::model::{
    Cost, DerivedCost, Figure, Grade, Lang, Link, Practice, PracticeId, Relation, ReleaseMarks,
    Source, TextField, Translation, TranslationMethod,
};

pub(super) const INSERT_PRACTICE: &str = "INSERT INTO practices (position, id, country, iso2, region, \
    subregion, programme, kind, organisation, organisation_type, start_year, end_year, status, \
    populations, atd_types, cap_stages, participants, participants_note, cost_per_day, \
    cost_currency, cost_unit, cost_year, detention_cost_per_day, cost_per_day_usd, \
    detention_cost_per_day_usd, cost_per_day_usd_constant, detention_cost_per_day_usd_constant, \
    saving_per_day_usd_constant, outcome_compliance_pct, outcome_other, summary, source_title, \
    source_url, cost_per_day_high, cost_bound, cost_year_basis, detention_cost_per_day_high, \
    detention_cost_bound, last_verified, sources, added_in, changed_in, translations, figures, \
    status_as_of, links, text_lang) VALUES (?1, \
    ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, \
    ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, \
    ?41, ?42, ?43, ?44, ?45, ?46, ?47)";

pub(super) const INSERT_FIGURE: &str = "INSERT INTO figures (position, id, practice_id, iso2, measure, body) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

pub(super) const SELECT_PRACTICE: &str = "SELECT id, country, iso2, region, subregion, programme, kind, organisation, \
    organisation_type, start_year, end_year, status, populations, atd_types, cap_stages, \
    participants, participants_note, cost_per_day, cost_currency, cost_unit, cost_year, \
    detention_cost_per_day, cost_per_day_usd, detention_cost_per_day_usd, \
    cost_per_day_usd_constant, detention_cost_per_day_usd_constant, saving_per_day_usd_constant, \
    outcome_compliance_pct, outcome_other, summary, source_title, source_url, cost_per_day_high, \
    cost_bound, cost_year_basis, detention_cost_per_day_high, detention_cost_bound, \
    last_verified, sources, added_in, changed_in, translations, figures, status_as_of, links, \
    text_lang FROM practices";

pub(super) fn insert_practice(
    insert: &mut rusqlite::Statement<'_>,
    position: usize,
    p: &Practice,
) -> anyhow::Result<()> {
    let list = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let participants = p.participants.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    insert.execute(params![
        position as i64,
        p.id.as_str(),
        p.country,
        p.iso2,
        p.region,
        p.subregion,
        p.programme,
        p.kind,
        p.organisation,
        p.organisation_type,
        p.start_year,
        p.end_year,
        p.status,
        list(&p.populations),
        list(&p.atd_types),
        list(&p.cap_stages),
        participants,
        p.participants_note,
        p.cost.per_day,
        p.cost.currency,
        p.cost.unit,
        p.cost.year,
        p.cost.detention_per_day,
        p.derived.per_day_usd,
        p.derived.detention_per_day_usd,
        p.derived.per_day_usd_constant,
        p.derived.detention_per_day_usd_constant,
        p.derived.saving_per_day_usd_constant,
        p.outcome_compliance_pct,
        p.outcome_other,
        p.summary,
        p.source_title,
        p.source_url,
        p.cost.per_day_high,
        p.cost.bound,
        p.cost.year_basis,
        p.cost.detention_per_day_high,
        p.cost.detention_bound,
        p.last_verified,
        sources_json(&p.sources),
        p.releases.added_in,
        p.releases.changed_in,
        translations_json(&p.translations),
        figures_json(&p.figures),
        p.status_as_of,
        links_json(&p.links),
        p.text_lang.code(),
    ])?;
    Ok(())
}

pub(super) fn insert_figure(
    insert: &mut rusqlite::Statement<'_>,
    position: usize,
    f: &Figure,
) -> anyhow::Result<()> {
    insert.execute(params![
        position as i64,
        f.id,
        f.practice_id.as_ref().map(PracticeId::as_str),
        f.iso2,
        f.measure,
        figure_json(f).to_string(),
    ])?;
    Ok(())
}

pub(super) fn figures_json(figures: &[Figure]) -> String {
    serde_json::Value::Array(figures.iter().map(figure_json).collect()).to_string()
}

/// A figure as one JSON object: the store's own shape (the published ones are in
/// `web::wire`), read back by [`figure_from_json`].
pub(super) fn figure_json(f: &Figure) -> serde_json::Value {
    serde_json::json!({
        "id": f.id,
        "practice_id": f.practice_id.as_ref().map(PracticeId::as_str),
        "iso2": f.iso2,
        "measure": f.measure,
        "value": f.value,
        "bound": f.bound,
        "value_high": f.value_high,
        "currency": f.currency,
        "unit": f.unit,
        "period_start": f.period_start,
        "period_end": f.period_end,
        "period_basis": f.period_basis,
        "scope": f.scope,
        "sample_size": f.sample_size,
        "source": source_json(&f.source),
        "source_type": f.grade.source_type,
        "origin": f.grade.origin,
        "original": f.grade.original,
        "independent": f.grade.independent,
        "superseded_by": f.grade.superseded_by,
        "note": f.note,
    })
}

pub(super) fn figure_from_json(v: &serde_json::Value) -> anyhow::Result<Figure> {
    let text = |key: &str| v[key].as_str().unwrap_or_default().to_string();
    let some_text = |key: &str| v[key].as_str().map(str::to_string);
    let practice_id = match v["practice_id"].as_str() {
        Some(id) => Some(PracticeId::parse(id).context("invalid practice id in a stored figure")?),
        None => None,
    };
    Ok(Figure {
        id: text("id"),
        practice_id,
        iso2: text("iso2"),
        measure: text("measure"),
        value: v["value"]
            .as_f64()
            .context("a stored figure has no value")?,
        bound: text("bound"),
        value_high: v["value_high"].as_f64(),
        currency: some_text("currency"),
        unit: some_text("unit"),
        period_start: text("period_start"),
        period_end: text("period_end"),
        period_basis: some_text("period_basis"),
        scope: text("scope"),
        sample_size: v["sample_size"].as_u64(),
        source: source_from_json(&v["source"]),
        grade: Grade {
            source_type: text("source_type"),
            origin: text("origin"),
            original: text("original"),
            independent: text("independent"),
            superseded_by: some_text("superseded_by"),
        },
        note: text("note"),
    })
}

pub(super) fn figures_from_json(raw: &str) -> anyhow::Result<Vec<Figure>> {
    let value: serde_json::Value = serde_json::from_str(raw)?;
    value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(figure_from_json)
        .collect()
}
/// The links of a practice as a JSON array of `{relation, outgoing, other}` (one column).
pub(super) fn links_json(links: &[Link]) -> String {
    let array: Vec<serde_json::Value> = links
        .iter()
        .map(|l| {
            serde_json::json!({
                "relation": l.relation.key(),
                "outgoing": l.outgoing,
                "other": l.other.as_str(),
            })
        })
        .collect();
    serde_json::Value::Array(array).to_string()
}

pub(super) fn links_from_json(raw: &str) -> Result<Vec<Link>, String> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    let items = value.as_array().ok_or("links are not an array")?;
    items
        .iter()
        .map(|item| {
            let text = |key: &str| item.get(key).and_then(serde_json::Value::as_str);
            let relation = text("relation").and_then(Relation::from_key);
            let other = text("other").and_then(PracticeId::parse);
            let outgoing = item.get("outgoing").and_then(serde_json::Value::as_bool);
            match (relation, other, outgoing) {
                (Some(relation), Some(other), Some(outgoing)) => Ok(Link {
                    relation,
                    outgoing,
                    other,
                }),
                _ => Err(format!("bad link {item}")),
            }
        })
        .collect()
}

/// The sources of a practice as a JSON array of objects (one column, read with the row).
pub(super) fn sources_json(sources: &[Source]) -> String {
    serde_json::Value::Array(sources.iter().map(source_json).collect()).to_string()
}

pub(super) fn source_json(s: &Source) -> serde_json::Value {
    serde_json::json!({
        "title": s.title,
        "url": s.url,
        "publisher": s.publisher,
        "published": s.published,
        "locator": s.locator,
        "supports": s.supports,
        "checked": s.checked,
    })
}

pub(super) fn source_from_json(v: &serde_json::Value) -> Source {
    let text = |key: &str| v[key].as_str().unwrap_or_default().to_string();
    Source {
        title: text("title"),
        url: text("url"),
        publisher: text("publisher"),
        published: text("published"),
        locator: text("locator"),
        supports: v["supports"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect(),
        checked: text("checked"),
    }
}

/// The translations of a practice as a JSON array of objects (one column, read with the row).
pub(super) fn translations_json(translations: &[Translation]) -> String {
    let array: Vec<serde_json::Value> = translations
        .iter()
        .map(|t| {
            serde_json::json!({
                "field": t.field.name(),
                "lang": t.lang.code(),
                "text": t.text,
                "method": t.method.name(),
                "stale": t.stale,
            })
        })
        .collect();
    serde_json::Value::Array(array).to_string()
}

pub(super) fn translations_from_json(raw: &str) -> Result<Vec<Translation>, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(raw)?;
    let translations = value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|v| {
            Some(Translation {
                field: TextField::from_name(v["field"].as_str()?)?,
                lang: Lang::from_code(v["lang"].as_str()?)?,
                text: v["text"].as_str()?.to_string(),
                method: TranslationMethod::from_name(v["method"].as_str()?)?,
                stale: v["stale"].as_bool().unwrap_or(false),
            })
        })
        .collect();
    Ok(translations)
}

pub(super) fn sources_from_json(raw: &str) -> Result<Vec<Source>, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(raw)?;
    let sources = value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(source_from_json)
        .collect();
    Ok(sources)
}

pub(super) fn practice_from_row(row: &Row<'_>) -> rusqlite::Result<Practice> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let raw: String = row.get(i)?;
        serde_json::from_str(&raw).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let json = |i: usize| -> rusqlite::Result<Vec<Source>> {
        let raw: String = row.get(i)?;
        sources_from_json(&raw).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let id: String = row.get(0)?;
    let id = PracticeId::parse(&id).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("invalid practice id {id:?}").into(),
        )
    })?;
    let participants: Option<i64> = row.get(15)?;
    Ok(Practice {
        id,
        country: row.get(1)?,
        iso2: row.get(2)?,
        region: row.get(3)?,
        subregion: row.get(4)?,
        programme: row.get(5)?,
        kind: row.get(6)?,
        organisation: row.get(7)?,
        organisation_type: row.get(8)?,
        start_year: row.get(9)?,
        end_year: row.get(10)?,
        status: row.get(11)?,
        populations: list(12)?,
        atd_types: list(13)?,
        cap_stages: list(14)?,
        participants: participants.and_then(|n| u64::try_from(n).ok()),
        participants_note: row.get(16)?,
        cost: Cost {
            per_day: row.get(17)?,
            per_day_high: row.get(32)?,
            bound: row.get(33)?,
            currency: row.get(18)?,
            unit: row.get(19)?,
            year: row.get(20)?,
            year_basis: row.get(34)?,
            detention_per_day: row.get(21)?,
            detention_per_day_high: row.get(35)?,
            detention_bound: row.get(36)?,
        },
        derived: DerivedCost {
            per_day_usd: row.get(22)?,
            detention_per_day_usd: row.get(23)?,
            per_day_usd_constant: row.get(24)?,
            detention_per_day_usd_constant: row.get(25)?,
            saving_per_day_usd_constant: row.get(26)?,
        },
        outcome_compliance_pct: row.get(27)?,
        outcome_other: row.get(28)?,
        summary: row.get(29)?,
        source_title: row.get(30)?,
        source_url: row.get(31)?,
        last_verified: row.get(37)?,
        sources: json(38)?,
        releases: ReleaseMarks {
            added_in: row.get(39)?,
            changed_in: row.get(40)?,
        },
        translations: {
            let raw: String = row.get(41)?;
            translations_from_json(&raw).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    41,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?
        },
        figures: {
            let raw: String = row.get(42)?;
            figures_from_json(&raw).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(42, rusqlite::types::Type::Text, e.into())
            })?
        },
        status_as_of: row.get(43)?,
        links: {
            let raw: String = row.get(44)?;
            links_from_json(&raw).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(44, rusqlite::types::Type::Text, e.into())
            })?
        },
        text_lang: {
            let code: String = row.get(45)?;
            Lang::from_code(&code).ok_or_else(|| {
                let message = format!("a stored text_lang is `{code}`, not en, es or fr");
                rusqlite::Error::FromSqlConversionFailure(
                    45,
                    rusqlite::types::Type::Text,
                    message.into(),
                )
            })?
        },
    })
}
