//! One matcher per version of the records: built the first time something asks for it after the
//! records change, or the lexicon arrives (the village screen's suggestions, the report, the plan, an export), and
//! shared by all of them until the next change. Typing builds nothing: the memo is only marked.
//! Building one is quick: the organisations' preparation is handed on from the last matcher while
//! they stay the same (an edit of a village keeps it), and each need is prepared when first asked
//! about, so the first suggestion after an edit weighs one need, not every record.
//!
//! One need's suggestions, while the surveyor waits on a tap, use that matcher only if it is over
//! the records as they are: it keeps a copy of them for long jobs, and copying 2,000 villages
//! after an edit costs more than the tap's budget (issue 12: 50 ms on a slow phone). Otherwise
//! [`AppState::with_matcher_now`] makes one over the records in place, with the same
//! organisations' preparation, for that turn of the event loop.

use super::AppState;
use leptos::prelude::*;
use qianshou_core::matching::lexicon::Lexicon;
use qianshou_core::matching::score::{Matcher, Offers};
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

/// The app's matchers: the shared one, and what tells whether it is over the records as they are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Matchers {
    /// The shared matcher, built when first asked for after the records change.
    memo: Memo<Arc<Matching>>,
    /// How many times the records have changed: a memo that only counts, so that reading it
    /// costs nothing while telling whether `built` is still over the records as they are.
    version: Memo<u64>,
    /// The last matcher the memo built, with the version of the records and the lexicon it was
    /// built over (a memo cannot be read without being brought up to date).
    built: StoredValue<Option<(Version, Arc<Matching>)>>,
    /// The organisations as last prepared, by whichever matcher was made last: the next one
    /// takes them over while they fit.
    offers: StoredValue<Option<Arc<Offers>>>,
}

/// A version of the records, and the lexicon installed (by address, as `Offers` tells them).
type Version = (u64, usize);

impl Matchers {
    pub(super) fn new(records: RwSignal<Records>) -> Matchers {
        let version = Memo::new_with_compare(
            move |last: Option<&u64>| {
                records.track();
                last.map_or(0, |v| v + 1)
            },
            |_, _| true,
        );
        let built = StoredValue::new(None);
        let offers = StoredValue::new(None);
        let memo = Memo::new_with_compare(
            move |_| {
                // The lexicon arrives after first paint: the matcher is built again with it (and
                // the organisations prepared again, as the last preparation was for another one).
                crate::lexicon_loader::lexicon_version();
                let now = (version.get(), lexicon_address());
                let matching = Arc::new(Matching::new(records.get(), |r| matcher_over(r, offers)));
                built.set_value(Some((now, Arc::clone(&matching))));
                matching
            },
            // Every new version is a new matcher: nothing to compare.
            |_, _| true,
        );
        prepare_after_the_lexicon(memo);
        Matchers {
            memo,
            version,
            built,
            offers,
        }
    }
}

fn lexicon_address() -> usize {
    Lexicon::builtin() as *const Lexicon as usize
}

/// The matcher over `records` with the organisations prepared as in `offers` where they still
/// fit, which it then keeps.
fn matcher_over(records: &Records, offers: StoredValue<Option<Arc<Offers>>>) -> Matcher<'_> {
    let matcher = match offers.get_value() {
        Some(last) => Matcher::with_offers(records, Lexicon::builtin(), last),
        None => Matcher::new(records),
    };
    offers.set_value(Some(matcher.offers()));
    matcher
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

impl AppState {
    /// The matcher over the current records (not reactive: for event handlers and jobs).
    pub fn matching(&self) -> Arc<Matching> {
        self.matchers.memo.get_untracked()
    }

    /// The matcher over the current records, for a view that shows suggestions and should follow
    /// every change of the records.
    pub fn matching_tracked(&self) -> Arc<Matching> {
        self.matchers.memo.get()
    }

    /// `f` with a matcher over the records as they are now: the shared one if it is up to date
    /// (its needs' words already cut), else one made over the records in place rather than
    /// over a copy. For a short computation in one turn of the event loop (one need's
    /// suggestions on a tap), which the edit just made must not slow down. Not reactive.
    pub fn with_matcher_now<T>(&self, f: impl FnOnce(&Records, &Matcher) -> T) -> T {
        let Matchers {
            version,
            built,
            offers,
            ..
        } = self.matchers;
        let now = (version.get_untracked(), lexicon_address());
        let current = built.with_value(|b| match b {
            Some((at, m)) if *at == now => Some(Arc::clone(m)),
            _ => None,
        });
        match current {
            Some(m) => m.with_dependent(|r, m| f(r, m)),
            None => self
                .records
                .with_untracked(|r| f(r, &matcher_over(r, offers))),
        }
    }
}
