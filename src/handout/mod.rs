//! Hand-outs: the stages as a PDF to print or send (a page per stage: heading, the diagram as
//! vectors, numbers, story, arrivals), and as a slide deck to drop into a presentation (PPTX:
//! one slide per stage, the stage's picture on the slide and its story in the speaker notes).
//!
//! [`pages`] gathers what each stage says — title, where it starts on the axis, its numbers,
//! its notes and the notes of the components that arrive with it — once, for every hand-out.

mod pdf;
mod pptx;

pub use pdf::{HandoutError, handout};
pub use pptx::{DeckError, deck};

use crate::model::Diagram;

/// What one stage says, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The stage's title ("> 10,000 users").
    pub title: String,
    /// Where the stage starts, in words ("from 10,000 users").
    pub band: String,
    /// The stage's numbers: (name, value as written).
    pub metrics: Vec<(String, String)>,
    /// The stage's story.
    pub notes: String,
    /// Components new in this stage: (label, why it is there).
    pub arrivals: Vec<(String, String)>,
}

/// One page per stage of `d`.
pub fn pages(d: &Diagram) -> Vec<Page> {
    d.stages
        .iter()
        .enumerate()
        .map(|(i, s)| Page {
            title: s.title.clone(),
            band: d.axis.long_label(s.at),
            metrics: s.metrics.clone(),
            notes: s.notes.clone(),
            arrivals: d
                .components
                .iter()
                .filter(|c| c.life.appears == i && i > 0)
                .map(|c| (c.label_at(i).replace('\n', " "), c.notes.clone()))
                .collect(),
        })
        .collect()
}

/// A page as plain text: what a presenter reads in the speaker notes.
pub fn page_text(p: &Page) -> Vec<String> {
    let mut lines = vec![if p.title.contains(&p.band) {
        p.title.clone()
    } else {
        format!("{} · {}", p.title, p.band)
    }];
    for (name, value) in &p.metrics {
        lines.push(format!("{name}: {value}"));
    }
    if !p.notes.is_empty() {
        lines.push(p.notes.clone());
    }
    for (label, notes) in &p.arrivals {
        lines.push(if notes.is_empty() {
            format!("New: {label}")
        } else {
            format!("New: {label} — {notes}")
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_a_page_and_arrivals_are_the_new_components() {
        let d = crate::model::default_diagram();
        let pages = pages(&d);
        assert_eq!(pages.len(), d.stages.len());
        assert!(
            pages[0].arrivals.is_empty(),
            "nothing is new on the first stage"
        );
        for (i, p) in pages.iter().enumerate() {
            assert_eq!(p.title, d.stages[i].title);
            let new = d
                .components
                .iter()
                .filter(|c| c.life.appears == i && i > 0)
                .count();
            assert_eq!(p.arrivals.len(), new, "stage {i}");
        }
        let text = page_text(&pages[4]).join("\n");
        assert!(text.contains(&d.stages[4].notes), "{text}");
    }
}
