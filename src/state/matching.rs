//! One matcher per version of the records: built the first time something asks for it after the
//! records change, or the lexicon arrives (the village screen's suggestions, the report, the plan, an export), and
//! shared by all of them until the next change. Typing builds nothing: the memo is only marked.
//! Building one is quick: the organisations' preparation is handed on from the last matcher while
//! they stay the same (an edit of a village keeps it), and each need is prepared when first asked
//! about, so the first suggestion after an edit weighs one need, not every record.

use super::AppState;
use leptos::prelude::*;
use qianshou_core::matching::lexicon::Lexicon;
use qianshou_core::matching::score::Matcher;
use qianshou_core::storage::repo::Records;
use std::sync::Arc;

self_cell::self_cell!(
    /// The records as they were when the matcher was built, and the matcher over them: a long
    /// job (the plan, an export) keeps using the same pair across turns of the event loop while
    /// the surveyor goes on editing.
    pub struct Matching {
        owner: Records,
        #[covariant]
        dependent: Matcher,
    }
);

/// The memo behind [`AppState::matching`].
pub(super) fn memo(records: RwSignal<Records>) -> Memo<Arc<Matching>> {
    let memo = matcher_memo(records);
    prepare_after_the_lexicon(memo);
    memo
}

/// Once the lexicon is installed, and a moment after (the screen painted with it), builds the
/// matcher ahead of the first tap: preparing the organisations is the one part that does not
/// fit in a tap (about half a second at 1,000 organisations on a slow phone), and it is done
/// once per page, as later matchers take it over. Measured as `qianshou:matcher:ready`.
fn prepare_after_the_lexicon(memo: Memo<Arc<Matching>>) {
    Effect::new(move |_| {
        if crate::lexicon_loader::lexicon_version() == 0 {
            return;
        }
        set_timeout(
            move || {
                let performance = web_sys::window().and_then(|w| w.performance());
                if let Some(p) = &performance {
                    let _ = p.mark("qianshou:matcher:start");
                }
                memo.get_untracked();
                if let Some(p) = &performance {
                    let _ = p.mark("qianshou:matcher:end");
                    let _ = p.measure_with_start_mark_and_end_mark(
                        "qianshou:matcher:ready",
                        "qianshou:matcher:start",
                        "qianshou:matcher:end",
                    );
                }
            },
            std::time::Duration::from_millis(200),
        );
    });
}

fn matcher_memo(records: RwSignal<Records>) -> Memo<Arc<Matching>> {
    Memo::new_with_compare(
        move |last: Option<&Arc<Matching>>| {
            // The lexicon arrives after first paint: the matcher is built again with it (and the
            // organisations prepared again, as the last preparation was for another lexicon).
            crate::lexicon_loader::lexicon_version();
            let offers = last.map(|m| m.borrow_dependent().offers());
            Arc::new(Matching::new(records.get(), |r| match offers {
                Some(offers) => Matcher::with_offers(r, Lexicon::builtin(), offers),
                None => Matcher::new(r),
            }))
        },
        // Every new version is a new matcher: nothing to compare.
        |_, _| true,
    )
}

impl AppState {
    /// The matcher over the current records (not reactive: for event handlers and jobs).
    pub fn matching(&self) -> Arc<Matching> {
        self.matching.get_untracked()
    }

    /// The matcher over the current records, for a view that shows suggestions and should follow
    /// every change of the records.
    pub fn matching_tracked(&self) -> Arc<Matching> {
        self.matching.get()
    }
}
