//! Strongly connected components of a directed graph, in linear time.
//!
//! Messages and terms reference each other, and three things follow those
//! references: the catalog gives each message the variables of the messages
//! it reaches, `check` finds entries that reach themselves, and `check`
//! counts the placeables Fluent would format. Walking the references anew
//! from every entry costs O(N²) on a chain of N references (20,000 took
//! minutes); one pass of Tarjan's algorithm gives every entry its component,
//! in an order where each component comes after the ones it reaches, so
//! every such question is answered once per component. The walk keeps its
//! own stack, so a chain of any length cannot overflow the thread's.

/// The graph's components in reverse topological order: each component
/// (its nodes, a cycle when more than one) comes after every component it
/// reaches. Node `n`'s successors are `successors[n]`; every successor must
/// be a node of the graph.
pub(crate) fn components(successors: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut tarjan = Tarjan::new(successors.len());
    for root in 0..successors.len() {
        if tarjan.index[root].is_none() {
            tarjan.walk(successors, root);
        }
    }
    tarjan.components
}

/// Which nodes reach themselves: those in a component of more than one
/// node, and those with an edge to themselves.
pub(crate) fn cyclic(successors: &[Vec<usize>], components: &[Vec<usize>]) -> Vec<bool> {
    let mut cyclic: Vec<bool> = successors
        .iter()
        .enumerate()
        .map(|(node, next)| next.contains(&node))
        .collect();
    for component in components.iter().filter(|c| c.len() > 1) {
        for &node in component {
            cyclic[node] = true;
        }
    }
    cyclic
}

/// Tarjan's algorithm, with an explicit call stack.
struct Tarjan {
    /// The order in which each node was first visited.
    index: Vec<Option<usize>>,
    /// The lowest index reachable from each node within its component.
    low: Vec<usize>,
    /// Whether each node is on `stack`.
    on_stack: Vec<bool>,
    /// Nodes visited whose component is not finished yet.
    stack: Vec<usize>,
    /// Components found so far.
    components: Vec<Vec<usize>>,
    next_index: usize,
}

impl Tarjan {
    fn new(nodes: usize) -> Self {
        Self {
            index: vec![None; nodes],
            low: vec![0; nodes],
            on_stack: vec![false; nodes],
            stack: Vec::new(),
            components: Vec::new(),
            next_index: 0,
        }
    }

    fn visit(&mut self, node: usize) {
        self.index[node] = Some(self.next_index);
        self.low[node] = self.next_index;
        self.next_index += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
    }

    /// Visits everything reachable from `root` that was not visited yet.
    fn walk(&mut self, successors: &[Vec<usize>], root: usize) {
        // Each frame: a node and how many of its successors were followed.
        let mut calls = vec![(root, 0)];
        self.visit(root);
        while let Some((node, followed)) = calls.last_mut() {
            let node = *node;
            if let Some(&next) = successors[node].get(*followed) {
                *followed += 1;
                match self.index[next] {
                    None => {
                        self.visit(next);
                        calls.push((next, 0));
                    }
                    Some(index) if self.on_stack[next] => {
                        self.low[node] = self.low[node].min(index);
                    }
                    Some(_) => {}
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                self.low[parent] = self.low[parent].min(self.low[node]);
            }
            if Some(self.low[node]) == self.index[node] {
                self.finish_component(node);
            }
        }
    }

    /// Pops the component whose first-visited node is `head`.
    fn finish_component(&mut self, head: usize) {
        let mut component = Vec::new();
        while let Some(node) = self.stack.pop() {
            self.on_stack[node] = false;
            component.push(node);
            if node == head {
                break;
            }
        }
        self.components.push(component);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut components: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        for component in &mut components {
            component.sort_unstable();
        }
        components
    }

    #[test]
    fn components_come_after_what_they_reach() {
        // 0 → 1 → 2 → 1, 2 → 3; 4 alone; 5 → 5.
        let successors = vec![vec![1], vec![2], vec![1, 3], vec![], vec![], vec![5]];
        let components = sorted(components(&successors));
        assert_eq!(components, [vec![3], vec![1, 2], vec![0], vec![4], vec![5]]);
        let cyclic = cyclic(&successors, &components);
        assert_eq!(cyclic, [false, true, true, false, false, true]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let chain: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let found = components(&chain);
        assert_eq!(found.len(), n);
        assert_eq!(found.first(), Some(&vec![n - 1]));
        assert_eq!(found.last(), Some(&vec![0]));
        let ring: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let found = components(&ring);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
