/** Dependency cycles among named nodes, found by depth-first search in list order (so reports are stable). */
export function findCycles(nodes: string[], edges: (node: string) => string[]): string[][] {
  const state = new Map<string, 'active' | 'done'>()
  const stack: string[] = []
  const cycles: string[][] = []
  const visit = (n: string): void => {
    state.set(n, 'active')
    stack.push(n)
    for (const d of edges(n)) {
      const s = state.get(d)
      if (s === 'active') cycles.push([...stack.slice(stack.indexOf(d)), d])
      else if (s === undefined && nodes.includes(d)) visit(d)
    }
    stack.pop()
    state.set(n, 'done')
  }
  for (const n of nodes) if (!state.has(n)) visit(n)
  return cycles
}

export function formatCycle(cycle: string[]): string {
  return `dependency cycle: ${cycle.join(' -> ')}`
}
