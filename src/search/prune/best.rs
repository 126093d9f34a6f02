//! The k-th best score: one selection's own (`Best`), and the highest any thread has found
//! (`Highest`).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};
use tantivy::Score;

/// The k-th best score any segment's selection has found so far, shared by the threads: a
/// k-th best among some of the sessions is never above the k-th best of all, so each thread
/// prunes with the highest one known.
#[derive(Default)]
pub(super) struct Highest(AtomicU32);

impl Highest {
    /// An f32's bits mapped so that unsigned order is the floats' order (0 is "none").
    pub(super) fn raise(&self, score: Score) {
        let bits = score.to_bits();
        let ordered = if bits >> 31 == 1 { !bits } else { bits | 1 << 31 };
        self.0.fetch_max(ordered, AtomicOrdering::Relaxed);
    }

    pub(super) fn get(&self) -> Option<Score> {
        match self.0.load(AtomicOrdering::Relaxed) {
            0 => None,
            o if o >> 31 == 1 => Some(Score::from_bits(o & !(1 << 31))),
            o => Some(Score::from_bits(!o)),
        }
    }
}

/// The best `k` scores seen.
pub(super) struct Best {
    k: usize,
    heap: BinaryHeap<Reverse<Ordered>>,
}

impl Best {
    pub(super) fn new(k: usize) -> Best {
        Best {
            k: k.max(1),
            heap: BinaryHeap::new(),
        }
    }

    pub(super) fn offer(&mut self, score: Score) {
        if self.heap.len() < self.k {
            self.heap.push(Reverse(Ordered(score)));
        } else if self.heap.peek().is_some_and(|Reverse(low)| score > low.0) {
            self.heap.pop();
            self.heap.push(Reverse(Ordered(score)));
        }
    }

    /// The k-th best score, once `k` are seen.
    pub(super) fn kth(&self) -> Option<Score> {
        (self.heap.len() == self.k)
            .then(|| self.heap.peek().map(|Reverse(s)| s.0))
            .flatten()
    }
}

/// A score ordered by `total_cmp`.
#[derive(PartialEq)]
struct Ordered(Score);

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Ordered) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Ordered) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_kth_score_shared_by_the_threads_only_rises() {
        let highest = Highest::default();
        assert_eq!(highest.get(), None);
        for (offered, now) in [
            (-2.5, -2.5),
            (-3.0, -2.5),
            (0.0, 0.0),
            (1003.25, 1003.25),
            (7.0, 1003.25),
        ] {
            highest.raise(offered);
            assert_eq!(highest.get(), Some(now), "after {offered}");
        }
    }
}
