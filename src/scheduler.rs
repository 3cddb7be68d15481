//! Long work done a slice at a time, so the page keeps painting and a progress bar moves: the
//! plan for every open need, the suggestions of an export. Each turn of the event loop works
//! until it has had [`TURN_MS`], then gives the page back.

use leptos::prelude::*;
use std::time::Duration;

/// A job that can be done in small steps.
pub trait Sliced: 'static {
    /// Does a small, bounded piece of the work (well under a millisecond to a few on a slow
    /// phone); `true` once all of it is done.
    fn step(&mut self) -> bool;
    /// How far along the job is, from 0 to 1.
    fn progress(&self) -> f64;
}

/// How long one turn of the event loop may work before giving the page back: fast and slow
/// devices both stay responsive without wasting turns.
pub const TURN_MS: f64 = 12.0;

/// Runs `job` to the end in slices, showing its progress in `progress`, then hands it to `done`.
/// If `progress` is gone (the screen was left), the job is dropped unfinished.
pub fn run<J: Sliced>(mut job: J, progress: RwSignal<f64>, done: impl FnOnce(J) + 'static) {
    let start = js_sys::Date::now();
    let finished = loop {
        if job.step() {
            break true;
        }
        if js_sys::Date::now() - start >= TURN_MS {
            break false;
        }
    };
    if finished {
        done(job);
    } else if progress.try_set(job.progress()).is_none() {
        set_timeout(move || run(job, progress, done), Duration::ZERO);
    }
}
