//! Min-cost circulation by cost scaling, a general algorithm: nodes, arcs with a capacity and a
//! cost each, and the cheapest integral circulation. The plan ([`super::plan`]) builds its
//! network and reads the result; nothing here knows villages or organisations.
//!
//! The work can be sliced ([`Flow::step`]) so that a screen stays responsive; however it is
//! sliced, the result is the same.

use std::collections::VecDeque;

/// Prices of the flow's nodes. Wider than the costs: they only ever go down, and while the
/// bound proved for cost scaling (about 3n² times the largest cost) would not fit in 64 bits for
/// a large programme, this never overflows.
type Price = i128;

/// An arc of the residual network.
#[derive(Clone, Copy, Default)]
struct Arc {
    /// Cost, multiplied by n + 1.
    cost: i64,
    /// Residual capacity.
    cap: i64,
    /// Residual capacity of this arc and its reverse together, so that the reverse's is known
    /// without reading it.
    pair: i64,
    to: u32,
    /// The reverse arc.
    rev: u32,
}

/// A min-cost circulation, found by cost scaling: Goldberg and Tarjan's push–relabel with ε-scaling, with
/// global price updates.
///
/// Costs are multiplied by n + 1 (n nodes), so a
/// circulation that is 1-optimal in those units is optimal. Each phase divides ε by `ALPHA`,
/// saturates every arc of negative reduced cost, then pushes the excess along admissible arcs
/// (reduced cost below zero), lowering a node's price when it has none, until no node has any.
///
/// Successive shortest paths, used before, search the whole network once per pairing; this does
/// a few passes of local work per phase, and the number of phases grows with the logarithm of
/// the costs, not with the number of pairings.
pub struct Flow {
    /// Arcs out of node `u` are `arcs[first[u]..first[u + 1]]`.
    first: Vec<usize>,
    arcs: Vec<Arc>,
    /// The residual arc of each arc given to `new`, in its order.
    input_arc: Vec<usize>,
    price: Vec<Price>,
    excess: Vec<i64>,
    /// The arc each node resumes scanning from.
    current: Vec<usize>,
    /// Nodes with excess, in the order they got it.
    active: VecDeque<u32>,
    eps: i64,
    /// Relabels since the last global price update.
    relabels: usize,
    /// Scratch for the global price update: each node's rank, and nodes by rank.
    rank: Vec<usize>,
    buckets: Vec<Vec<u32>>,
    phase: usize,
    phases: usize,
    done: bool,
}

/// How much ε shrinks per phase.
const ALPHA: i64 = 8;

impl Flow {
    /// The cheapest circulation problem on `nodes` nodes with `arcs` (from, to, capacity, cost),
    /// no flow yet. To find a cheapest flow from a source to a sink, add an arc sink → source of
    /// enough capacity and cost 0.
    pub fn new(nodes: usize, arcs: &[(usize, usize, i64, i64)]) -> Flow {
        let n = nodes;
        // Both directions of every arc, grouped by the node they leave.
        let scale = n as i64 + 1;
        let mut first = vec![0usize; n + 1];
        for &(from, to, _, _) in arcs {
            first[from + 1] += 1;
            first[to + 1] += 1;
        }
        for u in 0..n {
            first[u + 1] += first[u];
        }
        let mut fill = first.clone();
        let mut residual = vec![Arc::default(); first[n]];
        let mut input_arc = Vec::with_capacity(arcs.len());
        for &(from, to, cap, cost) in arcs {
            // One after the other, so that an arc from a node to itself gets two places too.
            let a = fill[from];
            fill[from] += 1;
            let b = fill[to];
            fill[to] += 1;
            residual[a] = Arc {
                cost: cost * scale,
                cap,
                pair: cap,
                to: to as u32,
                rev: b as u32,
            };
            residual[b] = Arc {
                cost: -cost * scale,
                cap: 0,
                pair: cap,
                to: from as u32,
                rev: a as u32,
            };
            input_arc.push(a);
        }
        // With no flow and every price 0, each reduced cost is at least minus the largest cost.
        let largest = residual
            .iter()
            .map(|a| a.cost.abs())
            .max()
            .unwrap_or(0)
            .max(1);
        let mut phases = 0;
        let mut eps = largest;
        while eps > 1 {
            eps = (eps / ALPHA).max(1);
            phases += 1;
        }
        Flow {
            current: first[..n].to_vec(),
            first,
            arcs: residual,
            input_arc,
            price: vec![0; n],
            excess: vec![0; n],
            active: VecDeque::new(),
            eps: largest,
            relabels: 0,
            rank: vec![0; n],
            buckets: vec![Vec::new(); n + 1],
            phase: 0,
            phases,
            done: phases == 0,
        }
    }

    fn reduced(&self, u: usize, a: &Arc) -> Price {
        a.cost as Price + self.price[u] - self.price[a.to as usize]
    }

    fn push(&mut self, u: usize, a: usize, amount: i64) {
        let Arc { to, rev, .. } = self.arcs[a];
        let w = to as usize;
        self.arcs[a].cap -= amount;
        self.arcs[rev as usize].cap += amount;
        self.excess[u] -= amount;
        if self.excess[w] <= 0 && self.excess[w] + amount > 0 {
            self.active.push_back(to);
        }
        self.excess[w] += amount;
    }

    /// Starts the next phase: a smaller ε, every arc of negative reduced cost saturated.
    fn next_phase(&mut self) {
        self.eps = (self.eps / ALPHA).max(1);
        for u in 0..self.price.len() {
            for a in self.first[u]..self.first[u + 1] {
                let arc = self.arcs[a];
                if arc.cap > 0 && self.reduced(u, &arc) < 0 {
                    self.push(u, a, arc.cap);
                }
            }
        }
        self.update_prices();
    }

    /// Pushes node `u`'s excess along admissible arcs, lowering its price when it has none.
    /// Returns the number of arcs looked at.
    fn discharge(&mut self, u: usize) -> usize {
        let mut work = 0;
        let (start, end) = (self.first[u], self.first[u + 1]);
        while self.excess[u] > 0 {
            let a = self.current[u];
            if a == end {
                // Relabel: down to where the best residual arc becomes admissible by ε.
                let highest = self.arcs[start..end]
                    .iter()
                    .filter(|arc| arc.cap > 0)
                    .map(|arc| self.price[arc.to as usize] - arc.cost as Price)
                    .max()
                    .expect("a node with excess has a residual arc back");
                self.price[u] = highest - self.eps as Price;
                self.current[u] = start;
                self.relabels += 1;
                work += end - start;
                continue;
            }
            work += 1;
            let arc = self.arcs[a];
            if arc.cap > 0 && self.reduced(u, &arc) < 0 {
                self.push(u, a, self.excess[u].min(arc.cap));
                if self.arcs[a].cap == 0 {
                    self.current[u] += 1;
                }
            } else {
                self.current[u] += 1;
            }
        }
        work
    }

    /// Global price update: lowers each node's price by ε times its distance, in steps of ε of
    /// reduced cost, to the nearest node short of flow, so that every node with excess has a
    /// path of admissible arcs to one. The flow stays ε-optimal; many relabels are spared.
    fn update_prices(&mut self) {
        self.relabels = 0;
        let n = self.price.len();
        let mut left: i64 = self.excess.iter().filter(|&&e| e > 0).sum();
        if left == 0 {
            return;
        }
        let eps = self.eps as Price;
        for u in 0..n {
            self.rank[u] = usize::MAX;
            if self.excess[u] < 0 {
                self.rank[u] = 0;
                self.buckets[0].push(u as u32);
            }
        }
        // Dial's buckets, from the nodes short of flow backwards along residual arcs, until every
        // node with excess has its rank.
        let mut r = 0;
        'ranks: while r < n {
            while let Some(u) = self.buckets[r].pop() {
                let u = u as usize;
                if self.rank[u] != r {
                    continue;
                }
                if self.excess[u] > 0 {
                    left -= self.excess[u];
                    if left <= 0 {
                        break 'ranks;
                    }
                }
                for a in self.first[u]..self.first[u + 1] {
                    let arc = self.arcs[a];
                    // The reverse arc, to → u: residual, and how many steps of ε until it is
                    // admissible (its reduced cost is minus this one's).
                    if arc.cap == arc.pair {
                        continue;
                    }
                    let v = arc.to as usize;
                    let steps = (eps - self.reduced(u, &arc)).max(0) / eps;
                    let rank = r.saturating_add(usize::try_from(steps).unwrap_or(usize::MAX));
                    if rank < self.rank[v] && rank < n {
                        self.rank[v] = rank;
                        self.buckets[rank].push(v as u32);
                    }
                }
            }
            r += 1;
        }
        for bucket in &mut self.buckets[r.min(n)..] {
            bucket.clear();
        }
        // Nodes not reached, or not settled, are at least `r` away.
        for u in 0..n {
            let k = self.rank[u].min(r);
            if k > 0 {
                self.price[u] -= eps * k as Price;
                self.current[u] = self.first[u];
            }
        }
    }

    /// Does about `work` arcs' worth of work; true when the flow is optimal.
    pub fn step(&mut self, work: usize) -> bool {
        let mut done = 0;
        while !self.done && done < work {
            match self.active.pop_front() {
                Some(u) => {
                    done += self.discharge(u as usize);
                    // A global update costs a pass over the arcs: worth it once relabels have
                    // cost about as much.
                    if self.relabels > self.price.len() {
                        self.update_prices();
                        done += self.arcs.len();
                    }
                }
                None if self.phase == self.phases => self.done = true,
                None => {
                    self.next_phase();
                    self.phase += 1;
                    done += 2 * self.arcs.len();
                }
            }
        }
        self.done
    }

    /// Phases finished, as a share of all (the first ones are short, the last ones longest).
    pub fn progress(&self) -> f64 {
        if self.done {
            1.0
        } else {
            self.phase.saturating_sub(1) as f64 / self.phases as f64
        }
    }

    /// The flow on the `i`th arc given to `new`.
    pub fn flow(&self, i: usize) -> i64 {
        let a = self.arcs[self.input_arc[i]];
        a.pair - a.cap
    }
}

#[cfg(test)]
mod tests {
    //! The cost-scaling flow against every integral circulation of small random networks.

    use super::*;
    use proptest::prelude::*;

    type Arcs = Vec<(usize, usize, i64, i64)>;

    /// Every residual arc's reduced cost is at least -ε: what each step must keep.
    fn eps_optimal(f: &Flow) -> bool {
        (0..f.price.len()).all(|u| {
            f.arcs[f.first[u]..f.first[u + 1]]
                .iter()
                .all(|a| a.cap == 0 || f.reduced(u, a) >= -(f.eps as Price))
        })
    }

    /// The flow on each arc, worked out `work` arcs' worth at a time, checking the invariant
    /// and the progress between slices.
    fn solve(nodes: usize, arcs: &Arcs, work: usize) -> Vec<i64> {
        let mut f = Flow::new(nodes, arcs);
        let mut last = 0.0;
        while !f.step(work) {
            assert!(f.progress() >= last && f.progress() <= 1.0);
            assert!(eps_optimal(&f));
            last = f.progress();
        }
        assert!(eps_optimal(&f) && f.eps == 1 && f.active.is_empty());
        (0..arcs.len()).map(|i| f.flow(i)).collect()
    }

    fn cost(arcs: &Arcs, flow: &[i64]) -> i64 {
        arcs.iter().zip(flow).map(|(a, x)| a.3 * x).sum()
    }

    /// Within capacity on every arc, and as much in as out at every node.
    fn is_circulation(nodes: usize, arcs: &Arcs, flow: &[i64]) -> bool {
        let mut balance = vec![0; nodes];
        for (&(from, to, cap, _), &x) in arcs.iter().zip(flow) {
            if x < 0 || x > cap {
                return false;
            }
            balance[from] -= x;
            balance[to] += x;
        }
        balance.iter().all(|&b| b == 0)
    }

    /// The cheapest cost over every integral circulation, by trying them all.
    fn cheapest_by_search(nodes: usize, arcs: &Arcs) -> i64 {
        let mut flow = vec![0; arcs.len()];
        let mut best = 0; // no flow at all is a circulation
        loop {
            if is_circulation(nodes, arcs, &flow) {
                best = best.min(cost(arcs, &flow));
            }
            // The next assignment, like counting with a digit per arc.
            let mut i = 0;
            while i < arcs.len() && flow[i] == arcs[i].2 {
                flow[i] = 0;
                i += 1;
            }
            if i == arcs.len() {
                return best;
            }
            flow[i] += 1;
        }
    }

    fn network() -> impl Strategy<Value = (usize, Arcs)> {
        (2usize..6).prop_flat_map(|n| {
            let arcs = proptest::collection::vec((0..n, 0..n, 0i64..4, -9i64..10), 0..7);
            (Just(n), arcs)
        })
    }

    #[test]
    fn a_negative_cycle_is_used_to_its_narrowest_arc() {
        // 0 → 1 → 2 → 0 costs 3 - 1 - 5 = -3 per unit; the arc 1 → 2 takes 2 units.
        let arcs = vec![(0, 1, 5, 3), (1, 2, 2, -1), (2, 0, 4, -5)];
        assert_eq!(solve(3, &arcs, usize::MAX), vec![2, 2, 2]);
        // A shortcut 0 → 2 makes 0 → 2 → 0 worth -4 per unit, for as much as 2 → 0 takes.
        let arcs = vec![(0, 1, 5, 3), (1, 2, 2, -1), (2, 0, 4, -5), (0, 2, 9, 1)];
        assert_eq!(solve(3, &arcs, usize::MAX), vec![0, 0, 4, 4]);
    }

    #[test]
    fn without_a_negative_cycle_nothing_flows() {
        let arcs = vec![(0, 1, 5, 3), (1, 0, 5, -2)];
        assert_eq!(solve(2, &arcs, usize::MAX), vec![0, 0]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_circulation_found_is_the_cheapest((n, arcs) in network(), work in 1usize..20) {
            let got = solve(n, &arcs, usize::MAX);
            prop_assert!(is_circulation(n, &arcs, &got));
            prop_assert_eq!(cost(&arcs, &got), cheapest_by_search(n, &arcs));
            let sliced = solve(n, &arcs, work);
            prop_assert_eq!(sliced, got, "sliced differently, same flow");
        }
    }
}
