//! What the reader can ask of the interface, as one type. Each control carries its action in one
//! attribute, written by [`Action::encode`] and read back by [`Action::decode`]: the interface
//! never matches class names or other attributes to decide what a click means.

use super::export::ExportKind;
use super::{ActorKey, Language};
use crate::engine::Analysis;

/// The attribute a control's action is written in.
pub const ACTION_ATTRIBUTE: &str = "data-action";

/// How actions name what no speaker was found for.
const UNKNOWN: &str = "unknown";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Remove QuoteLens from the page.
    Close,
    /// Fold the panel down to its header, or unfold it.
    Fold,
    /// Show only this speaker's highlights, or everyone's again if it was the one shown.
    Filter(ActorKey),
    /// List all of this speaker's positions, not only the first ones.
    ShowAll(ActorKey),
    /// Scroll to quote `n` of the analysis and focus it.
    RevealQuote(usize),
    /// Copy quote `n` of the analysis with its attribution to the clipboard.
    CopyQuote(usize),
    /// Scroll to reported statement `n` of the analysis and select it.
    RevealReported(usize),
    Export(ExportKind),
    /// Read the text again as written in this language (the page declared the wrong one).
    AnalyseIn(Language),
}

impl Action {
    /// The attribute value: a verb, and after a colon what it applies to.
    pub fn encode(self) -> String {
        let actor = |key: ActorKey| match key {
            ActorKey::Actor(index) => index.to_string(),
            ActorKey::Unknown => UNKNOWN.to_string(),
        };
        match self {
            Action::Close => "close".to_string(),
            Action::Fold => "fold".to_string(),
            Action::Filter(key) => format!("filter:{}", actor(key)),
            Action::ShowAll(key) => format!("show-all:{}", actor(key)),
            Action::RevealQuote(index) => format!("quote:{index}"),
            Action::CopyQuote(index) => format!("copy:{index}"),
            Action::RevealReported(index) => format!("reported:{index}"),
            Action::Export(kind) => format!("export:{}", kind.name()),
            Action::AnalyseIn(language) => format!("analyse:{}", language.code()),
        }
    }

    /// The action an attribute value names in `analysis`; `None` for anything else (an actor no
    /// longer in the analysis, a value not written by [`Action::encode`]).
    pub fn decode(value: &str, analysis: &Analysis) -> Option<Action> {
        let (verb, object) = value.split_once(':').unwrap_or((value, ""));
        let index = || object.parse::<usize>().ok();
        let actor = || match object {
            UNKNOWN => Some(ActorKey::Unknown),
            _ => index()
                .filter(|&i| i < analysis.actors.len())
                .map(ActorKey::Actor),
        };
        match verb {
            "close" if object.is_empty() => Some(Action::Close),
            "fold" if object.is_empty() => Some(Action::Fold),
            "filter" => actor().map(Action::Filter),
            "show-all" => actor().map(Action::ShowAll),
            "quote" => index()
                .filter(|&i| i < analysis.quotes.len())
                .map(Action::RevealQuote),
            "copy" => index()
                .filter(|&i| i < analysis.quotes.len())
                .map(Action::CopyQuote),
            "reported" => index()
                .filter(|&i| i < analysis.reported.len())
                .map(Action::RevealReported),
            "export" => ExportKind::from_name(object).map(Action::Export),
            "analyse" => Language::ALL
                .into_iter()
                .find(|l| l.code() == object)
                .map(Action::AnalyseIn),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Rule;

    #[test]
    fn every_action_reads_back_as_written() {
        let analysis = super::super::tests::analysis_with(Rule::Focus, None, None);
        let actions = [
            Action::Close,
            Action::Fold,
            Action::Filter(ActorKey::Actor(0)),
            Action::Filter(ActorKey::Unknown),
            Action::ShowAll(ActorKey::Actor(0)),
            Action::ShowAll(ActorKey::Unknown),
            Action::RevealQuote(0),
            Action::CopyQuote(0),
            Action::Export(ExportKind::Json),
            Action::Export(ExportKind::Markdown),
            Action::AnalyseIn(Language::Portuguese),
        ];
        for action in actions {
            let written = action.encode();
            assert_eq!(
                Action::decode(&written, &analysis),
                Some(action),
                "{written}"
            );
        }
    }

    #[test]
    fn values_it_did_not_write_mean_nothing() {
        let analysis = super::super::tests::analysis_with(Rule::Focus, None, None);
        for value in [
            "",
            "close:1",
            "fold:x",
            "filter:7",
            "filter:",
            "quote:1",
            "quote:-1",
            "quote:x",
            "reported:0",
            "export:pdf",
            "analyse:it",
            "analyse:pt-BR",
            "explode",
            ":",
            "quote:99999999999999999999999",
        ] {
            assert_eq!(Action::decode(value, &analysis), None, "{value:?}");
        }
    }
}
