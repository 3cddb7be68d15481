//! The pairing plan: which organisations to pair with which villages for all open needs at once.
//!
//! A min-cost flow: source → organisation (its places left) → village (one place per pairing) →
//! sink. A village's first partner carries a bonus larger than any score, and a larger one still
//! when the village has an open high-priority need, so the plan covers as many villages as it can
//! (those with urgent needs first) before any village gets a second partner, and among such plans
//! takes the one with the highest total score. Successive shortest paths find it exactly.

use crate::matcher::{active_partners, Matcher};
use crate::records::{NeedStatus, Priority};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

/// Scores are counted in millionths, so the flow works in integers.
const SCALE: f64 = 1_000_000.0;
/// The bonus for a village's first partner: more than any village's total score can reach.
const FIRST_PARTNER: i64 = 10_000_000_000;
/// How many organisations per need the plan chooses among: each need's best ones. With no more
/// organisations than this the plan is exact over all of them; beyond, it is exact over these.
pub const CANDIDATES_PER_NEED: usize = 10;
/// The bonus for the first partner of a village with an open high-priority need.
const FIRST_PARTNER_URGENT: i64 = 2 * FIRST_PARTNER;

/// One pairing the plan proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The village.
    pub village_id: String,
    /// The organisation.
    pub organization_id: String,
    /// The open needs it would cover (those it is the best chosen partner for).
    pub need_ids: Vec<String>,
    /// The capabilities it would use, one per covered need.
    pub capability_ids: Vec<String>,
    /// The sum of its best scores over the village's open needs.
    pub score: f64,
}

/// The plan and its totals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Proposed pairings, by village then organisation.
    pub proposals: Vec<Proposal>,
    /// Villages that get at least one new partner.
    pub villages_covered: usize,
    /// Open needs that get a capability.
    pub needs_covered: usize,
    /// Weak villages that get at least one new partner.
    pub weak_villages_covered: usize,
    /// Sum of the proposals' scores.
    pub total_score: f64,
    /// What the plan maximises: first-partner bonuses plus scores, in integer units.
    pub objective: i64,
}

/// A possible pairing: organisation `org` with village `village`, worth `weight`.
#[derive(Debug, Clone)]
struct Candidate {
    org: usize,
    village: usize,
    weight: i64,
    /// For each open need of the village this organisation can help with: (need, capability, score).
    covers: Vec<(String, String, f64)>,
}

struct Problem {
    orgs: Vec<String>,
    room: Vec<i64>,
    villages: Vec<String>,
    /// Bonus for the village's first new partner (0 if it already has an active partner).
    first_bonus: Vec<i64>,
    /// How many new partners a village may get: one per open need at most.
    slots: Vec<i64>,
    weak: Vec<bool>,
    candidates: Vec<Candidate>,
}

fn problem(m: &Matcher) -> Problem {
    let records = m.records();
    let partners = active_partners(records);
    let partnered: std::collections::HashSet<&str> = partners.values().flatten().copied().collect();
    let left = crate::matcher::capacity_left(records);
    let orgs: Vec<&str> = records
        .organizations
        .values()
        .filter(|o| !o.deleted)
        .map(|o| o.id.as_str())
        .collect();
    let room: Vec<i64> = orgs
        .iter()
        .map(|o| left.get(o).copied().unwrap_or(0).max(0))
        .collect();
    let org_index: HashMap<&str, usize> = orgs.iter().enumerate().map(|(i, o)| (*o, i)).collect();
    let mut p = Problem {
        orgs: orgs.iter().map(|o| o.to_string()).collect(),
        room,
        villages: vec![],
        first_bonus: vec![],
        slots: vec![],
        weak: vec![],
        candidates: vec![],
    };
    for v in records.villages.values().filter(|v| !v.deleted) {
        let open: Vec<_> = v
            .needs
            .iter()
            .filter(|n| n.status == NeedStatus::Open)
            .collect();
        if open.is_empty() {
            continue;
        }
        let vi = p.villages.len();
        let has_partner = partnered.contains(v.id.as_str());
        let urgent = open.iter().any(|n| n.priority == Priority::High);
        p.villages.push(v.id.clone());
        p.first_bonus.push(match (has_partner, urgent) {
            (true, _) => 0,
            (false, true) => FIRST_PARTNER_URGENT,
            (false, false) => FIRST_PARTNER,
        });
        p.slots.push(open.len() as i64);
        p.weak.push(v.is_weak());
        // Each need's best organisations; an organisation's value for the village is the sum of
        // its best scores over the needs it is a candidate for.
        let mut per_org: BTreeMap<usize, Vec<(String, String, f64)>> = BTreeMap::new();
        for n in &open {
            for (score, o, c) in m.best(v, n, CANDIDATES_PER_NEED) {
                let Some(&oi) = org_index.get(o.id.as_str()) else {
                    continue;
                };
                // Already partners: a new plan does not pair them again.
                if p.room[oi] == 0
                    || partners
                        .get(o.id.as_str())
                        .is_some_and(|s| s.contains(v.id.as_str()))
                {
                    continue;
                }
                per_org
                    .entry(oi)
                    .or_default()
                    .push((n.id.clone(), c.id.clone(), score));
            }
        }
        for (oi, covers) in per_org {
            let weight = covers.iter().map(|c| (c.2 * SCALE).round() as i64).sum();
            p.candidates.push(Candidate {
                org: oi,
                village: vi,
                weight,
                covers,
            });
        }
    }
    p
}

/// The objective of a set of chosen candidates: first-partner bonuses plus weights.
fn objective(p: &Problem, chosen: &[usize]) -> i64 {
    let mut partners = vec![0usize; p.villages.len()];
    let mut total = 0;
    for &c in chosen {
        let cand = &p.candidates[c];
        if partners[cand.village] == 0 {
            total += p.first_bonus[cand.village];
        }
        partners[cand.village] += 1;
        total += cand.weight;
    }
    total
}

/// Turns chosen candidates into proposals: each covered need goes to the best chosen partner.
fn finish(p: &Problem, mut chosen: Vec<usize>) -> Plan {
    chosen.sort_by_key(|&c| (p.candidates[c].village, p.candidates[c].org));
    let objective = objective(p, &chosen);
    let mut best_for_need: HashMap<&str, (f64, usize)> = HashMap::new();
    for &c in &chosen {
        for (need, _, score) in &p.candidates[c].covers {
            let entry = best_for_need.entry(need.as_str()).or_insert((*score, c));
            if *score > entry.0 || (*score == entry.0 && c < entry.1) {
                *entry = (*score, c);
            }
        }
    }
    let mut plan = Plan {
        objective,
        ..Plan::default()
    };
    let mut covered_villages = BTreeMap::new();
    for &c in &chosen {
        let cand = &p.candidates[c];
        let mine: Vec<&(String, String, f64)> = cand
            .covers
            .iter()
            .filter(|(n, _, _)| best_for_need.get(n.as_str()).is_some_and(|b| b.1 == c))
            .collect();
        plan.needs_covered += mine.len();
        plan.total_score += cand.weight as f64 / SCALE;
        covered_villages.insert(cand.village, ());
        plan.proposals.push(Proposal {
            village_id: p.villages[cand.village].to_owned(),
            organization_id: p.orgs[cand.org].to_owned(),
            need_ids: mine.iter().map(|c| c.0.clone()).collect(),
            capability_ids: mine.iter().map(|c| c.1.clone()).collect(),
            score: cand.weight as f64 / SCALE,
        });
    }
    plan.villages_covered = covered_villages.len();
    plan.weak_villages_covered = covered_villages.keys().filter(|&&v| p.weak[v]).count();
    plan
}

/// The optimal plan.
pub fn plan(m: &Matcher) -> Plan {
    let mut job = PlanJob::new(m);
    while !job.step(usize::MAX) {}
    job.finish()
}

/// A plan worked out a little at a time, so a screen can show progress and stay responsive:
/// `new` gathers the candidates, each `step` finds a few more pairings, `finish` gives the plan.
pub struct PlanJob {
    problem: Problem,
    flow: Flow,
    /// Pairings found so far, and at most how many there can be (for progress).
    found: usize,
    bound: usize,
}

impl PlanJob {
    /// Gathers the candidates and sets up the flow.
    pub fn new(m: &Matcher) -> PlanJob {
        let problem = problem(m);
        let flow = Flow::new(&problem);
        let bound = (problem
            .room
            .iter()
            .sum::<i64>()
            .min(problem.slots.iter().sum::<i64>()))
        .max(1) as usize;
        PlanJob {
            problem,
            flow,
            found: 0,
            bound,
        }
    }

    /// Finds up to `pairings` more pairings; true when the plan is complete.
    pub fn step(&mut self, pairings: usize) -> bool {
        for _ in 0..pairings {
            if !self.flow.augment() {
                return true;
            }
            self.found += 1;
        }
        false
    }

    /// How far along the plan is, 0 to 1.
    pub fn progress(&self) -> f64 {
        (self.found as f64 / self.bound as f64).min(1.0)
    }

    /// The plan (complete when `step` has returned true).
    pub fn finish(self) -> Plan {
        let chosen = self.flow.chosen();
        finish(&self.problem, chosen)
    }
}

/// A greedy plan over the same candidates and objective: best weight first while places last.
/// Kept as the yardstick the optimal plan must never fall below.
pub fn greedy(m: &Matcher) -> Plan {
    let p = problem(m);
    let mut order: Vec<usize> = (0..p.candidates.len()).collect();
    order.sort_by_key(|&c| {
        (
            Reverse(p.candidates[c].weight + p.first_bonus[p.candidates[c].village]),
            c,
        )
    });
    let mut room = p.room.clone();
    let mut slots = p.slots.clone();
    let mut chosen = Vec::new();
    for c in order {
        let cand = &p.candidates[c];
        if room[cand.org] > 0 && slots[cand.village] > 0 {
            room[cand.org] -= 1;
            slots[cand.village] -= 1;
            chosen.push(c);
        }
    }
    finish(&p, chosen)
}

struct Edge {
    to: usize,
    cap: i64,
    cost: i64,
    /// The candidate this edge stands for, if it is an organisation → village edge.
    candidate: Option<usize>,
}

/// Min-cost flow by successive shortest paths with potentials (Dijkstra, each search stopped
/// once the sink is settled), stopping as soon as another unit of flow would no longer lower the
/// cost.
struct Flow {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
    pot: Vec<i64>,
    source: usize,
    sink: usize,
    done: bool,
}

impl Flow {
    fn add(&mut self, from: usize, to: usize, cap: i64, cost: i64, candidate: Option<usize>) {
        self.adj[from].push(self.edges.len());
        self.edges.push(Edge {
            to,
            cap,
            cost,
            candidate,
        });
        self.adj[to].push(self.edges.len());
        self.edges.push(Edge {
            to: from,
            cap: 0,
            cost: -cost,
            candidate: None,
        });
    }

    /// The flow network of problem `p`, with initial potentials.
    fn new(p: &Problem) -> Flow {
        let (o, v) = (p.orgs.len(), p.villages.len());
        let (source, sink) = (0, 1 + o + v);
        let n = sink + 1;
        let mut f = Flow {
            edges: Vec::new(),
            adj: vec![Vec::new(); n],
            pot: vec![0; n],
            source,
            sink,
            done: false,
        };
        for (i, &room) in p.room.iter().enumerate() {
            if room > 0 {
                f.add(source, 1 + i, room, 0, None);
            }
        }
        for (ci, c) in p.candidates.iter().enumerate() {
            f.add(1 + c.org, 1 + o + c.village, 1, -c.weight, Some(ci));
        }
        for vi in 0..v {
            // Convex in the number of partners: the first is worth the bonus, the rest nothing.
            f.add(1 + o + vi, sink, 1, -p.first_bonus[vi], None);
            if p.slots[vi] > 1 {
                f.add(1 + o + vi, sink, p.slots[vi] - 1, 0, None);
            }
        }
        // Initial potentials: the graph is layered (source, organisations, villages, sink), so
        // shortest distances with negative costs follow layer by layer.
        for node in 1..n {
            f.pot[node] = i64::MAX / 4;
        }
        for from in std::iter::once(source)
            .chain(1..1 + o)
            .chain(1 + o..1 + o + v)
        {
            for &e in &f.adj[from] {
                let edge = &f.edges[e];
                if edge.cap > 0 && f.pot[from] + edge.cost < f.pot[edge.to] {
                    f.pot[edge.to] = f.pot[from] + edge.cost;
                }
            }
        }
        f
    }

    /// Sends one more unit along the cheapest path (Dijkstra on reduced costs), if that still
    /// lowers the cost; false when nothing more pays.
    fn augment(&mut self) -> bool {
        if self.done {
            return false;
        }
        let n = self.adj.len();
        let (source, sink) = (self.source, self.sink);
        let mut dist = vec![i64::MAX; n];
        let mut prev = vec![usize::MAX; n];
        let mut heap = BinaryHeap::new();
        dist[source] = 0;
        heap.push(Reverse((0i64, source)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if d > dist[u] {
                continue;
            }
            // Only the sink's distance is needed: what is not settled yet is at least as far.
            if u == sink {
                break;
            }
            for &e in &self.adj[u] {
                let edge = &self.edges[e];
                if edge.cap <= 0 {
                    continue;
                }
                let nd = d + edge.cost + self.pot[u] - self.pot[edge.to];
                if nd < dist[edge.to] {
                    dist[edge.to] = nd;
                    prev[edge.to] = e;
                    heap.push(Reverse((nd, edge.to)));
                }
            }
        }
        if dist[sink] == i64::MAX {
            self.done = true;
            return false;
        }
        // Settled nodes move by their distance, the rest by the sink's; reduced costs stay
        // non-negative either way, so the next search may use Dijkstra again.
        let to_sink = dist[sink];
        for (pot, d) in self.pot.iter_mut().zip(&dist) {
            *pot += (*d).min(to_sink);
        }
        // The true cost of the path: stop when it no longer pays.
        if self.pot[sink] - self.pot[source] >= 0 {
            self.done = true;
            return false;
        }
        let mut node = sink;
        while node != source {
            let e = prev[node];
            self.edges[e].cap -= 1;
            self.edges[e ^ 1].cap += 1;
            node = self.edges[e ^ 1].to;
        }
        true
    }

    /// The candidates whose edge carries flow.
    fn chosen(&self) -> Vec<usize> {
        let mut chosen: Vec<usize> = self
            .edges
            .iter()
            .enumerate()
            .filter(|(i, e)| i % 2 == 0 && e.cap == 0)
            .filter_map(|(_, e)| e.candidate)
            .collect();
        chosen.sort_unstable();
        chosen
    }
}
