package io.jenkins.plugins.mlops.core.registry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every alias move of one model, oldest first, and what follows from it: where each alias points now, where it
 * pointed at a given instant, and where a rollback takes it. Both backends store exactly this list; the current
 * aliases are derived from it, so the record and the state can never disagree.
 *
 * <p>The same history keeps the model's deployments ({@link DeploymentEvent}), oldest first: they are stored in the
 * same record as the alias moves, so one read answers both "what was production" and "what served where", and
 * every change of the history carries the deployments over.
 *
 * <p>Rollback works like a stack per alias: a {@link AliasEvent.Action#SET} pushes the new version, a
 * {@link AliasEvent.Action#ROLLBACK} pops it. Rolling back twice after v1, v2, v3 therefore lands on v1, not back
 * on v3.
 */
public final class AliasHistory implements java.io.Serializable {
    private static final long serialVersionUID = 1L;


    private final List<AliasEvent> events;
    private final List<DeploymentEvent> deployments;

    public AliasHistory(List<AliasEvent> events) {
        this(events, List.of());
    }

    public AliasHistory(List<AliasEvent> events, List<DeploymentEvent> deployments) {
        this.events = List.copyOf(events);
        this.deployments = List.copyOf(deployments);
    }

    public static AliasHistory empty() {
        return new AliasHistory(List.of());
    }

    /** All events, oldest first. */
    public List<AliasEvent> events() {
        return events;
    }

    /** The events of one alias, oldest first. */
    public List<AliasEvent> of(String alias) {
        return events.stream().filter(e -> e.getAlias().equals(alias)).toList();
    }

    /** A history with one more event at its end. */
    public AliasHistory plus(AliasEvent event) {
        List<AliasEvent> all = new ArrayList<>(events);
        all.add(event);
        return new AliasHistory(all, deployments);
    }

    /** Every deployment of the model, oldest first. */
    public List<DeploymentEvent> deployments() {
        return deployments;
    }

    /** A history with one more deployment at its end. */
    public AliasHistory plus(DeploymentEvent deployment) {
        List<DeploymentEvent> all = new ArrayList<>(deployments);
        all.add(deployment);
        return new AliasHistory(events, all);
    }

    /** Alias to version as of now, sorted by alias. */
    public Map<String, Integer> current() {
        Map<String, Integer> out = new TreeMap<>();
        for (AliasEvent e : events) {
            out.put(e.getAlias(), e.getToVersion());
        }
        return out;
    }

    /** Where the alias points now, or null when it was never set. */
    public Integer current(String alias) {
        return current().get(alias);
    }

    /** Where the alias pointed at {@code instant} (the last move at or before it), or null when it did not exist yet. */
    public Integer at(String alias, Instant instant) {
        Integer v = null;
        for (AliasEvent e : events) {
            if (e.getAlias().equals(alias) && !e.getAt().isAfter(instant)) {
                v = e.getToVersion();
            }
        }
        return v;
    }

    /** The version a rollback of {@code alias} moves to, or null when there is nothing earlier to go back to. */
    public Integer rollbackTarget(String alias) {
        Deque<Integer> stack = stacks().get(alias);
        if (stack == null || stack.size() < 2) {
            return null;
        }
        Integer top = stack.pop();
        Integer below = stack.peek();
        stack.push(top);
        return below;
    }

    private Map<String, Deque<Integer>> stacks() {
        Map<String, Deque<Integer>> stacks = new HashMap<>();
        for (AliasEvent e : events) {
            Deque<Integer> s = stacks.computeIfAbsent(e.getAlias(), k -> new ArrayDeque<>());
            if (e.getAction() == AliasEvent.Action.ROLLBACK && !s.isEmpty()) {
                s.pop();
                if (s.isEmpty() || s.peek() != e.getToVersion()) {
                    // A history edited by hand may disagree with the stack; the event is the truth.
                    s.push(e.getToVersion());
                }
            } else {
                s.push(e.getToVersion());
            }
        }
        return stacks;
    }
}
