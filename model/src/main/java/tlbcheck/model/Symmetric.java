package tlbcheck.model;

import java.util.List;

/**
 * Threads that are copies of one another: the same program, the same registers, each on its own
 * CPU with its own copy of that CPU's per-CPU variables (its TLB entries, its walk cache), so
 * that swapping two of them, with their registers and per-CPU variables, maps every execution to
 * an execution (the vCPUs of a model; PROTOCOLS.md "Conventions"). The explorer stores one state
 * per class of states equal up to such swaps (symmetry reduction).
 *
 * <p>{@code vars.get(i)} are the ids of the variables thread {@code threads.get(i)} owns, in the
 * same order for every thread. Declared by {@link ModelBuilder#symmetric}, which checks what it
 * can see (programs, labels, registers, domains, start order); that the steps treat their CPU
 * alike is the model author's claim, which the suite checks by exploring each model without the
 * reduction (SymmetryTest).
 */
public record Symmetric(List<Integer> threads, List<List<Integer>> vars) {
  public Symmetric {
    threads = List.copyOf(threads);
    vars = vars.stream().<List<Integer>>map(List::copyOf).toList();
  }
}
