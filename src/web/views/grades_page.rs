//! `/grades`: the legend of the grade badge on every figure — who produced it, primary or
//! secondary, independent or not, superseded — and the measures figures are recorded in.

use maud::{Markup, html};

use super::about_page::vocab_table;
use super::layout::layout;
use super::links::Here;
use super::strings;
use crate::i18n::t;
use crate::model::{Lang, Reference, Vocab};

pub fn grades_page(reference: &Reference, lang: Lang) -> Markup {
    let here = Here::new("/grades", "");
    let body = html! {
        article.grades {
            h1 { (t(lang, "grades-title")) }
            p { (t(lang, "grades-intro")) }
            p.grade-example { (t(lang, "grades-badge-example")) }
            @for vocab in [Vocab::SourceType, Vocab::Origin, Vocab::Independence] {
                section {
                    h2 #{"vocab-" (vocab.name())} { (strings::vocab_title(vocab, lang)) }
                    (vocab_table(vocab, reference.vocabularies.terms(vocab), lang))
                }
            }
            section {
                h2 #superseded { (t(lang, "grade-superseded-title")) }
                p { (t(lang, "grade-superseded-text")) }
            }
            section {
                h2 #{"vocab-" (Vocab::Measure.name())} { (strings::vocab_title(Vocab::Measure, lang)) }
                p { (t(lang, "grades-measures-intro")) }
                (vocab_table(Vocab::Measure, reference.vocabularies.terms(Vocab::Measure), lang))
            }
        }
    };
    layout(&t(lang, "grades-title"), lang, &here, body)
}
