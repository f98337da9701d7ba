//! Figures read with their units and in one currency per line: the comparison's daily
//! saving carries "per person" / "per family", and a range's top beside a dollar figure is in
//! dollars too, the published amount in brackets.

use crate::support::get;

const PAIR: &str = "/compare?ids=us-family-case-management-program,ca-toronto-bail-program";

/// The text of the table row whose heading starts with `heading`, tags stripped.
fn row(page: &str, heading: &str) -> String {
    let at = page
        .find(&format!("<th scope=\"row\">{heading}"))
        .unwrap_or_else(|| panic!("no row {heading}"));
    let end = page[at..].find("</tr>").expect("row end") + at;
    let mut text = String::new();
    let mut in_tag = false;
    for c in page[at..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_daily_saving_in_a_comparison_carries_its_unit() {
    let page = get(&format!("{PAIR}&lang=en")).await.body;
    let saving = row(&page, "Daily saving against detention");
    assert!(
        saving.contains("per family") && saving.contains("per person"),
        "{saving}"
    );
    let spanish = get(&format!("{PAIR}&lang=es")).await.body;
    assert!(
        spanish.contains("por familia") && spanish.contains("por persona"),
        "in Spanish too"
    );
}

#[tokio::test]
async fn a_range_beside_a_dollar_figure_reads_in_dollars_with_the_original_in_brackets() {
    let page = get(&format!("{PAIR}&lang=en")).await.body;
    let constant = row(&page, "Cost per day, constant US$");
    // Toronto: CAD 12–16 a day; the top converts with the low end's own factor.
    assert!(
        constant.contains("range up to US$") && constant.contains("(CAD 16.00)"),
        "{constant}"
    );
    assert!(
        !constant.contains("range up to CAD"),
        "no second currency outside the brackets: {constant}"
    );
    let published = row(&page, "Cost per day, as published");
    assert!(published.contains("CAD 12.00"), "{published}");
    // The result list says it the same way.
    let results = get("/?q=Toronto+bail&lang=en").await.body;
    assert!(
        results.contains("range up to US$\u{a0}22.34 (CAD\u{a0}16.00)")
            && !results.contains("range up to CAD"),
        "{results}"
    );
}
